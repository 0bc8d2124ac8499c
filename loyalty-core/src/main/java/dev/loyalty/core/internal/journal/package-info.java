/**
 * The in-memory journal's compact form of a receipt, not API: a finished receipt kept as one byte
 * array (its sentences as Latin-1 bytes where they fit, ids and rule references as numbers into a
 * table the journal shares), rebuilt into an equal {@link dev.loyalty.core.Receipt} when read, so
 * that a journal of millions of activities does not keep millions of small object graphs alive; and
 * the part of it the reports' scans sum ({@link dev.loyalty.core.internal.journal.ReceiptFigures},
 * read without the rest through {@link dev.loyalty.core.internal.journal.FiguresScan}).
 */
package dev.loyalty.core.internal.journal;
