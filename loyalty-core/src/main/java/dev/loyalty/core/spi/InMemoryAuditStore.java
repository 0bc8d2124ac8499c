package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.access.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@link AuditStore#inMemory()}: the entries in a list (entry {@code n} at index {@code n - 1}),
 * with the indexes of each actor's and each target's entries, under a read-write lock. A period is
 * found by binary search on the entries' times, which the log appends in order. Thread-safe.
 */
public final class InMemoryAuditStore implements AuditStore {

  private record TargetKey(String kind, String id) {
  }

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<AuditEntry> entries = new ArrayList<>();
  private final Map<ActorId, List<Integer>> byActor = new HashMap<>();
  private final Map<TargetKey, List<Integer>> byTarget = new HashMap<>();

  InMemoryAuditStore() {
  }

  private <T> T reading(Supplier<T> read) {
    lock.readLock().lock();
    try {
      return read.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<AuditEntry> last() {
    return reading(() -> entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1)));
  }

  @Override
  public void append(AuditEntry entry) {
    requireNonNull(entry, "entry");
    lock.writeLock().lock();
    try {
      long next = entries.size() + 1L;
      if (entry.position() != next) {
        throw new ConcurrentAuditAppendException("audit position " + entry.position() + " is not the next one, "
            + next);
      }
      entries.add(entry);
      index(entries.size() - 1, entry);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void index(int at, AuditEntry entry) {
    byActor.computeIfAbsent(entry.record().actor(), a -> new ArrayList<>()).add(at);
    Target target = entry.record().target();
    byTarget.computeIfAbsent(new TargetKey(target.kind(), target.id()), t -> new ArrayList<>()).add(at);
  }

  @Override
  public List<AuditEntry> after(long after, int limit) {
    checkPage(after, limit);
    return reading(() -> {
      int from = (int) Math.min(after, entries.size());
      return List.copyOf(entries.subList(from, Math.min(entries.size(), from + limit)));
    });
  }

  @Override
  public List<AuditEntry> byActor(ActorId actor, long after, int limit) {
    requireNonNull(actor, "actor");
    checkPage(after, limit);
    return reading(() -> indexed(byActor.getOrDefault(actor, List.of()), after, limit));
  }

  @Override
  public List<AuditEntry> byTarget(String kind, String id, long after, int limit) {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    checkPage(after, limit);
    return reading(() -> indexed(byTarget.getOrDefault(new TargetKey(kind, id), List.of()), after, limit));
  }

  /** Up to {@code limit} entries at {@code indexes} (ascending) past position {@code after}. */
  private List<AuditEntry> indexed(List<Integer> indexes, long after, int limit) {
    int lo = 0;
    int hi = indexes.size();
    while (lo < hi) { // the first index whose position (index + 1) is after {@code after}
      int mid = (lo + hi) >>> 1;
      if (indexes.get(mid) + 1L <= after) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    List<AuditEntry> found = new ArrayList<>();
    for (int i = lo; i < indexes.size() && found.size() < limit; i++) {
      found.add(entries.get(indexes.get(i)));
    }
    return found;
  }

  @Override
  public List<AuditEntry> between(Instant from, Instant to, long after, int limit) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    checkPage(after, limit);
    return reading(() -> {
      int lo = (int) Math.min(after, entries.size());
      int hi = entries.size();
      while (lo < hi) { // the first entry at or after {@code from}
        int mid = (lo + hi) >>> 1;
        if (entries.get(mid).at().isBefore(from)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      List<AuditEntry> found = new ArrayList<>();
      for (int i = lo; i < entries.size() && found.size() < limit && entries.get(i).at().isBefore(to); i++) {
        found.add(entries.get(i));
      }
      return found;
    });
  }

  private static void checkPage(long after, int limit) {
    if (after < 0) {
      throw new IllegalArgumentException("after must not be negative, got " + after);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
  }

  /**
   * Replaces the entry at {@code position} by {@code change.apply(it)} behind the log's back.
   * Exists only so that tests can prove that {@link dev.loyalty.core.access.AuditLog#verify()}
   * detects tampering; never call it otherwise.
   */
  public void tamperWith(long position, UnaryOperator<AuditEntry> change) {
    requireNonNull(change, "change");
    lock.writeLock().lock();
    try {
      if (position < 1 || position > entries.size()) {
        throw new IllegalArgumentException("no audit entry at position " + position);
      }
      entries.set((int) (position - 1), requireNonNull(change.apply(entries.get((int) (position - 1))), "changed"));
      byActor.clear();
      byTarget.clear();
      for (int i = 0; i < entries.size(); i++) {
        index(i, entries.get(i));
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
