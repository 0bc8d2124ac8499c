package dev.loyalty.core.internal.journal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.spi.JournalEntry;

/**
 * A journal entry as a scan of the journal reads it: its activity, whether it is complete, and its
 * receipt's {@link ReceiptFigures} in place of the whole receipt. Immutable; nothing is null.
 *
 * @param activity never null
 * @param complete whether the entry's steps are all done
 * @param receipt  the figures of the entry's receipt; never null
 */
public record EntryFigures(Activity activity, boolean complete, ReceiptFigures receipt) {

  /** Validates. */
  public EntryFigures {
    requireNonNull(activity, "activity");
    requireNonNull(receipt, "receipt");
  }

  /** The figures of {@code entry}, read from its whole receipt. */
  public static EntryFigures of(JournalEntry entry) {
    requireNonNull(entry, "entry");
    return new EntryFigures(entry.activity(), entry.complete(), ReceiptFigures.of(entry.receipt()));
  }
}
