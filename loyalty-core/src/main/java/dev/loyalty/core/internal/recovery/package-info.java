/** The recovery capability behind {@code LoyaltyEngine.recover}: finishing interrupted activities. Not API. */
package dev.loyalty.core.internal.recovery;
