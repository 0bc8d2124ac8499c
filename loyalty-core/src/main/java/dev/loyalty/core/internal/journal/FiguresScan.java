package dev.loyalty.core.internal.journal;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.spi.ActivityJournal;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A journal store that reads its entries' {@link EntryFigures} without rebuilding their receipts
 * (the in-memory journal, whose receipts are packed: {@link ReceiptPacker#figures}). The engine's
 * {@code Journal} uses it for the reports' scans when its store has it, and reads whole entries from
 * any other store. Each method gives what the same read of whole entries gives, with the receipts
 * cut to their figures. Implementations are thread-safe as their store is.
 */
public interface FiguresScan {

  /**
   * The figures of {@code store}: its own scan where it has one, else its whole entries cut to
   * their figures.
   */
  static FiguresScan of(ActivityJournal store) {
    return store instanceof FiguresScan scan ? scan : new WholeEntries(store);
  }

  /** Hands every entry's figures to {@code action}, in no particular order. */
  void forEachFigures(Consumer<EntryFigures> action);

  /**
   * Hands every complete entry's activity and its receipt's status to {@code action}, in no
   * particular order, reading nothing else of the receipt.
   */
  void forEachCompleteStatus(BiConsumer<Activity, Receipt.Status> action);

  /** The figures of the entry of {@code activity}, if it is filed. */
  Optional<EntryFigures> findFigures(ActivityId activity);

  /** The figures of the entries of returns of {@code invoice}, in filing order. */
  List<EntryFigures> returnFiguresOf(ActivityId invoice);

  /** The figures of a store without a scan of its own: whole entries read, then cut. */
  final class WholeEntries implements FiguresScan {
    private final ActivityJournal store;

    private WholeEntries(ActivityJournal store) {
      this.store = store;
    }

    @Override
    public void forEachFigures(Consumer<EntryFigures> action) {
      store.forEach(entry -> action.accept(EntryFigures.of(entry)));
    }

    @Override
    public void forEachCompleteStatus(BiConsumer<Activity, Receipt.Status> action) {
      store.forEach(entry -> {
        if (entry.complete()) {
          action.accept(entry.activity(), entry.receipt().status());
        }
      });
    }

    @Override
    public Optional<EntryFigures> findFigures(ActivityId activity) {
      return store.find(activity).map(EntryFigures::of);
    }

    @Override
    public List<EntryFigures> returnFiguresOf(ActivityId invoice) {
      return store.returnsOf(invoice).stream().map(EntryFigures::of).toList();
    }
  }
}
