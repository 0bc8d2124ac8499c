/**
 * Importing files of activities into a {@code LoyaltyEngine}: {@link
 * dev.loyalty.core.imports.ActivityImport} reads JSON Lines (or a JSON array) line by line, records
 * each activity, reports every bad line with its number, tells a listener its progress, and returns
 * an {@link dev.loyalty.core.imports.ImportReport} of counts and failed lines.
 */
package dev.loyalty.core.imports;
