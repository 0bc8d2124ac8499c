package dev.loyalty.core.internal.journal;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.model.ActivityId;
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
}
