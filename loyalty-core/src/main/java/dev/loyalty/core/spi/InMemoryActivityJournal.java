package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.SaleReturn;
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
import java.util.function.Consumer;

/**
 * {@link ActivityJournal#inMemory()}: entries on the heap, by id, each with the number it was filed
 * under, so that returns and incomplete entries come in filing order. Thread-safe.
 */
final class InMemoryActivityJournal implements ActivityJournal {

  /** An entry and the number it was filed under. */
  private record Filed(long number, JournalEntry entry) {
  }

  private final AtomicLong filings = new AtomicLong();
  private final Map<ActivityId, Filed> entries = new ConcurrentHashMap<>();
  private final Map<ActivityId, List<ActivityId>> returns = new ConcurrentHashMap<>();
  private final NavigableMap<Long, ActivityId> incomplete = new ConcurrentSkipListMap<>();

  @Override
  public Optional<JournalEntry> find(ActivityId activity) {
    return Optional.ofNullable(entries.get(requireNonNull(activity, "activity"))).map(Filed::entry);
  }

  @Override
  public Optional<JournalEntry> insertIfAbsent(JournalEntry entry) {
    requireNonNull(entry, "entry");
    ActivityId id = entry.activity().id();
    Filed filed = new Filed(filings.incrementAndGet(), entry);
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
    return existing[0] == null ? Optional.empty() : Optional.of(existing[0].entry());
  }

  @Override
  public void update(JournalEntry entry) {
    requireNonNull(entry, "entry");
    ActivityId id = entry.activity().id();
    Filed updated = entries.computeIfPresent(id, (key, current) -> {
      Filed next = new Filed(current.number(), entry);
      markCompletion(next);
      return next;
    });
    if (updated == null) {
      throw new IllegalStateException("no journal entry for activity " + id + " to update");
    }
  }

  private void markCompletion(Filed filed) {
    if (filed.entry().complete()) {
      incomplete.remove(filed.number());
    } else {
      incomplete.put(filed.number(), filed.entry().activity().id());
    }
  }

  @Override
  public List<JournalEntry> returnsOf(ActivityId invoice) {
    List<JournalEntry> found = new ArrayList<>();
    for (ActivityId id : returns.getOrDefault(requireNonNull(invoice, "invoice"), List.of())) {
      found.add(entries.get(id).entry());
    }
    return found;
  }

  @Override
  public List<JournalEntry> incomplete() {
    List<JournalEntry> found = new ArrayList<>();
    for (ActivityId id : incomplete.values()) {
      Filed filed = entries.get(id);
      if (filed != null && !filed.entry().complete()) {
        found.add(filed.entry());
      }
    }
    return found;
  }

  @Override
  public void forEach(Consumer<JournalEntry> action) {
    requireNonNull(action, "action");
    entries.values().forEach(filed -> action.accept(filed.entry()));
  }
}
