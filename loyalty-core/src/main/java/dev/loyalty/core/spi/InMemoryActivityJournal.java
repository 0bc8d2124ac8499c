package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.internal.journal.EntryFigures;
import dev.loyalty.core.internal.journal.FiguresScan;
import dev.loyalty.core.internal.journal.ReceiptFigures;
import dev.loyalty.core.internal.journal.ReceiptPacker;
import dev.loyalty.core.model.ActivityId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link ActivityJournal#inMemory()}: entries on the heap, by id, each with the number it was filed
 * under, so that returns and incomplete entries come in filing order. A complete entry's receipt
 * is kept packed ({@link ReceiptPacker}: one byte array of about two hundred bytes instead of a
 * graph of small objects well over a kilobyte) and unpacked, equal, when read; an incomplete one,
 * which the engine reads back while it finishes it, as it is. The reports' scans read only a
 * receipt's figures ({@link FiguresScan}: {@link ReceiptPacker#figures}), not its sentences and
 * decisions. Thread-safe.
 */
final class InMemoryActivityJournal implements ActivityJournal, FiguresScan {

  /**
   * An entry and the number it was filed under; its receipt either as it is ({@code receipt}) or
   * packed ({@code packed}), never both: the other is null. Private to the journal; nothing
   * null leaves it.
   */
  private record Filed(long number, Activity activity, Receipt receipt, byte[] packed,
      boolean complete, int attempt) {

    static Filed of(long number, JournalEntry entry, ReceiptPacker packer) {
      byte[] packed = entry.complete() ? packer.pack(entry.receipt()).orElse(null) : null;
      return new Filed(number, entry.activity(), packed == null ? entry.receipt() : null, packed, entry.complete(),
          entry.attempt());
    }

    JournalEntry entry(ReceiptPacker packer) {
      Receipt r = receipt != null ? receipt : packer.unpack(activity.id(), packed);
      return new JournalEntry(activity, r, complete, attempt);
    }

    EntryFigures figures(ReceiptPacker packer) {
      ReceiptFigures r = receipt != null ? ReceiptFigures.of(receipt) : packer.figures(activity.id(), packed);
      return new EntryFigures(activity, complete, r);
    }
  }

  private final ReceiptPacker packer = new ReceiptPacker();

  private final AtomicLong filings = new AtomicLong();
  private final Map<ActivityId, Filed> entries = new ConcurrentHashMap<>();
  private final Map<ActivityId, List<ActivityId>> returns = new ConcurrentHashMap<>();
  private final NavigableMap<Long, ActivityId> incomplete = new ConcurrentSkipListMap<>();

  /**
   * The filing last unpacked by {@link #find(ActivityId)} and what it unpacked to: recording a
   * return reads its invoice's entry four times (the figures, the plan, the ledger step, the earned
   * points), and each unpacking rebuilt every sentence of the invoice's receipt. A filing is
   * replaced, never changed, by an update, so the same filing unpacks to the same entry.
   */
  private record Unpacked(Filed filed, JournalEntry entry) {
  }

  private volatile Unpacked lastUnpacked;

  @Override
  public Optional<JournalEntry> find(ActivityId activity) {
    return find(activity, this::unpacked);
  }

  private JournalEntry unpacked(Filed filed) {
    if (filed.packed() == null) {
      return filed.entry(packer);
    }
    Unpacked last = lastUnpacked;
    if (last != null && last.filed() == filed) {
      return last.entry();
    }
    JournalEntry entry = filed.entry(packer);
    lastUnpacked = new Unpacked(filed, entry);
    return entry;
  }

  /** The entry of {@code activity}, if filed, as {@code read} reads it. */
  private <T> Optional<T> find(ActivityId activity, Function<Filed, T> read) {
    Filed filed = entries.get(requireNonNull(activity, "activity"));
    return filed == null ? Optional.empty() : Optional.of(read.apply(filed));
  }

  @Override
  public Optional<JournalEntry> insertIfAbsent(JournalEntry entry) {
    requireNonNull(entry, "entry");
    ActivityId id = entry.activity().id();
    Filed filed = Filed.of(filings.incrementAndGet(), entry, packer);
    // the returns list and the incomplete index are updated inside compute, so a reader that finds
    // the entry by id never misses it in either
    Filed[] existing = {null};
    entries.compute(id, (key, current) -> {
      if (current != null) {
        existing[0] = current;
        return current;
      }
      if (entry.activity() instanceof SaleReturn r) {
        returns.computeIfAbsent(r.invoice(), k -> new CopyOnWriteArrayList<>()).add(id);
      }
      markCompletion(filed);
      return filed;
    });
    return existing[0] == null ? Optional.empty() : Optional.of(existing[0].entry(packer));
  }

  @Override
  public void update(JournalEntry entry) {
    requireNonNull(entry, "entry");
    ActivityId id = entry.activity().id();
    // packed before the map's lock is taken; the number is the one the entry was filed under
    Filed packed = Filed.of(0, entry, packer);
    Filed updated = entries.computeIfPresent(id, (key, current) -> {
      Filed next = new Filed(current.number(), packed.activity(), packed.receipt(), packed.packed(), packed.complete(),
          packed.attempt());
      markCompletion(next);
      return next;
    });
    if (updated == null) {
      throw new IllegalStateException("no journal entry for activity " + id + " to update");
    }
  }

  private void markCompletion(Filed filed) {
    if (filed.complete()) {
      incomplete.remove(filed.number());
    } else {
      incomplete.put(filed.number(), filed.activity().id());
    }
  }

  @Override
  public List<JournalEntry> returnsOf(ActivityId invoice) {
    return returnsOf(invoice, filed -> filed.entry(packer));
  }

  /** Each return of {@code invoice}, in filing order, as {@code read} reads it. */
  private <T> List<T> returnsOf(ActivityId invoice, Function<Filed, T> read) {
    List<T> found = new ArrayList<>();
    for (ActivityId id : returns.getOrDefault(requireNonNull(invoice, "invoice"), List.of())) {
      found.add(read.apply(entries.get(id)));
    }
    return found;
  }

  @Override
  public List<JournalEntry> incomplete() {
    List<JournalEntry> found = new ArrayList<>();
    for (ActivityId id : incomplete.values()) {
      Filed filed = entries.get(id);
      if (filed != null && !filed.complete()) {
        found.add(filed.entry(packer));
      }
    }
    return found;
  }

  @Override
  public void forEach(Consumer<JournalEntry> action) {
    requireNonNull(action, "action");
    entries.values().forEach(filed -> action.accept(filed.entry(packer)));
  }

  @Override
  public void forEachFigures(Consumer<EntryFigures> action) {
    requireNonNull(action, "action");
    entries.values().forEach(filed -> action.accept(filed.figures(packer)));
  }

  @Override
  public void forEachCompleteStatus(BiConsumer<Activity, Receipt.Status> action) {
    requireNonNull(action, "action");
    entries.values().forEach(filed -> {
      if (filed.complete()) {
        action.accept(filed.activity(), filed.receipt() != null ? filed.receipt().status()
            : packer.status(filed.activity().id(), filed.packed()));
      }
    });
  }

  @Override
  public Optional<EntryFigures> findFigures(ActivityId activity) {
    return find(activity, filed -> filed.figures(packer));
  }

  @Override
  public List<EntryFigures> returnFiguresOf(ActivityId invoice) {
    return returnsOf(invoice, filed -> filed.figures(packer));
  }
}
