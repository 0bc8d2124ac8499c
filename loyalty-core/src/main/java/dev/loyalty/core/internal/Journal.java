package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.internal.journal.EntryFigures;
import dev.loyalty.core.internal.journal.FiguresScan;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.JournalEntry;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The engine's one way into the {@link ActivityJournal}: every capability reads and writes the
 * journal through it, so the order that makes an activity recoverable lives in one place. A
 * planned entry is filed before anything else is written, progress (a ledger write, a new plan)
 * is saved while the entry is incomplete, and the entry is completed last. Callers hold the
 * activity's partner lock when they write. Thread-safe as the journal is.
 */
public final class Journal {
  private final ActivityJournal store;
  private final FiguresScan figures;

  /** The journal kept in {@code store}. */
  public Journal(ActivityJournal store) {
    this.store = requireNonNull(store, "store");
    this.figures = FiguresScan.of(store);
  }

  /** The entry of {@code activity}, if any. */
  public Optional<JournalEntry> find(ActivityId activity) {
    return store.find(activity);
  }

  /** The entries of returns of {@code invoice}, in filing order. */
  public List<JournalEntry> returnsOf(ActivityId invoice) {
    return store.returnsOf(invoice);
  }

  /** Hands every entry to {@code action}, in no particular order: one pass for reports. */
  public void forEach(Consumer<JournalEntry> action) {
    store.forEach(action);
  }

  /**
   * Hands every entry's figures to {@code action}, in no particular order: one pass for reports
   * that sum receipts' figures. Reads only the figures where the store can ({@link FiguresScan}),
   * whole entries otherwise.
   */
  public void forEachFigures(Consumer<EntryFigures> action) {
    figures.forEachFigures(action);
  }

  /**
   * Hands every complete entry's activity and its receipt's status to {@code action}, in no
   * particular order: one pass for reports that count activities alone. Reads nothing else of a
   * receipt where the store can ({@link FiguresScan}), whole entries otherwise.
   */
  public void forEachCompleteStatus(BiConsumer<Activity, Receipt.Status> action) {
    figures.forEachCompleteStatus(action);
  }

  /** The figures of the entry of {@code activity}, if any: {@link #find}, cut to its figures. */
  public Optional<EntryFigures> findFigures(ActivityId activity) {
    return figures.findFigures(activity);
  }

  /** The figures of the entries of returns of {@code invoice}, in filing order: {@link #returnsOf}, cut. */
  public List<EntryFigures> returnFiguresOf(ActivityId invoice) {
    return figures.returnFiguresOf(invoice);
  }

  /** The entries whose steps were interrupted. */
  public List<JournalEntry> incomplete() {
    return store.incomplete();
  }

  /**
   * Files {@code planned}, an incomplete entry, unless the activity's id is filed already.
   *
   * @return the entry filed before, or empty if {@code planned} was filed now
   */
  public Optional<JournalEntry> file(JournalEntry planned) {
    requireIncomplete(planned);
    return store.insertIfAbsent(planned);
  }

  /** Saves the progress of an incomplete entry and returns it. */
  public JournalEntry save(JournalEntry entry) {
    requireIncomplete(entry);
    store.update(entry);
    return entry;
  }

  /** Completes {@code entry} with {@code receipt}, its last step, and returns the receipt. */
  public Receipt complete(JournalEntry entry, Receipt receipt) {
    store.update(entry.completed(receipt));
    return receipt;
  }

  private static void requireIncomplete(JournalEntry entry) {
    if (entry.complete()) {
      throw new IllegalArgumentException("activity " + entry.activity().id()
          + " is complete; only an incomplete entry is filed or saved");
    }
  }
}
