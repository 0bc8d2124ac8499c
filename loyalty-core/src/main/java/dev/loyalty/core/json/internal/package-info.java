/**
 * Reading JSON trees while collecting every problem by JSONPath: what the activity reader
 * ({@code dev.loyalty.core.json}) and the program reader ({@code dev.loyalty.core.program}) both
 * need, each worded in its format's {@link dev.loyalty.core.json.internal.Dialect}. Not API, may
 * change without notice; nothing here accepts or returns null.
 */
package dev.loyalty.core.json.internal;
