package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.model.ActivityId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** {@link ActivityJournal#inMemory()}: entries on the heap, by id. Thread-safe. */
final class InMemoryActivityJournal implements ActivityJournal {

  private final Map<ActivityId, JournalEntry> entries = new ConcurrentHashMap<>();
  private final Map<ActivityId, List<ActivityId>> returns = new ConcurrentHashMap<>();
  private final Map<ActivityId, Boolean> incomplete = new ConcurrentHashMap<>();

  @Override
  public Optional<JournalEntry> find(ActivityId activity) {
    return Optional.ofNullable(entries.get(requireNonNull(activity, "activity")));
  }

  @Override
  public Optional<JournalEntry> insertIfAbsent(JournalEntry entry) {
    requireNonNull(entry, "entry");
    ActivityId id = entry.activity().id();
    JournalEntry existing = entries.putIfAbsent(id, entry);
    if (existing != null) {
      return Optional.of(existing);
    }
    if (entry.activity() instanceof SaleReturn r) {
      returns.computeIfAbsent(r.invoice(), k -> new CopyOnWriteArrayList<>()).add(id);
    }
    markCompletion(entry);
    return Optional.empty();
  }

  @Override
  public void update(JournalEntry entry) {
    requireNonNull(entry, "entry");
    ActivityId id = entry.activity().id();
    if (entries.replace(id, entry) == null) {
      throw new IllegalStateException("no journal entry for activity " + id + " to update");
    }
    markCompletion(entry);
  }

  private void markCompletion(JournalEntry entry) {
    if (entry.complete()) {
      incomplete.remove(entry.activity().id());
    } else {
      incomplete.put(entry.activity().id(), Boolean.TRUE);
    }
  }

  @Override
  public List<JournalEntry> returnsOf(ActivityId invoice) {
    List<JournalEntry> found = new ArrayList<>();
    for (ActivityId id : returns.getOrDefault(requireNonNull(invoice, "invoice"), List.of())) {
      found.add(entries.get(id));
    }
    return found;
  }

  @Override
  public List<JournalEntry> incomplete() {
    List<JournalEntry> found = new ArrayList<>();
    incomplete.keySet().forEach(id -> found.add(entries.get(id)));
    return found;
  }

  @Override
  public void forEach(Consumer<JournalEntry> action) {
    requireNonNull(action, "action");
    entries.values().forEach(action);
  }
}
