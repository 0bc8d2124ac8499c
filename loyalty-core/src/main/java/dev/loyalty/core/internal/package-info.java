/** Implementation of the engine's steps; not API, may change without notice. */
package dev.loyalty.core.internal;
