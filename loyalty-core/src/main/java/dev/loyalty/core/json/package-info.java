/**
 * Activities as JSON and JSON Lines, the way host systems hand them to the SDK.
 * {@link dev.loyalty.core.json.ActivityJson} reads and writes one activity (or a JSON array of
 * them); {@link dev.loyalty.core.json.ActivityLines} reads a JSON Lines file line by line without
 * holding it in memory. The format is described field by field in {@code docs/FORMATS.md}.
 *
 * <p>Reading never stops at the first mistake: every problem of an activity is reported at once,
 * each with a JSONPath-style path ({@code $.lines[2].quantity}), as an
 * {@link dev.loyalty.core.json.ActivityFormatException} or in a
 * {@link dev.loyalty.core.json.ParsedLine}. Numbers are read exactly, never through
 * {@code double}. Nothing here accepts or returns null; every type is thread-safe.
 */
package dev.loyalty.core.json;
