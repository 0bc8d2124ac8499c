/** Contract suites every implementation of core's storage ports must pass; in the test-jar. */
package dev.loyalty.core.spi;
