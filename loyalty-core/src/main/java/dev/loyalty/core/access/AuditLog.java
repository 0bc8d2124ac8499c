package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.internal.AuditChain;
import dev.loyalty.core.spi.AuditStore;
import dev.loyalty.core.spi.ConcurrentAuditAppendException;
import dev.loyalty.core.spi.CorruptAuditEntryException;
import dev.loyalty.ledger.Digest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The append-only, tamper-evident record of every action on the program, allowed or refused:
 * who, what, to which target, why, the state before and after, and when. Each entry is
 * hash-chained to the one before (see {@link AuditEntry}), so {@link #verify()} finds the first
 * entry changed, removed or reordered behind the log's back.
 *
 * <p>Thread-safe; share one instance. Appends in one instance are serialised by a lock; instances
 * in other processes sharing the store are kept apart by the store's refusal of a taken position,
 * after which the log reads the new end and appends again. Times come from the injected clock and
 * never go backwards along the log: an entry is stamped with the clock's time or the previous
 * entry's, whichever is later. No method accepts or returns null.
 */
public final class AuditLog {

  /** The most entries one page returns. */
  public static final int MAX_PAGE = 1_000;
  private static final int VERIFY_PAGE = 1_000;

  private final AuditStore store;
  private final Clock clock;
  private final ReentrantLock appending = new ReentrantLock();

  private AuditLog(AuditStore store, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A log kept in {@code store}, timed by {@code clock}. */
  public static AuditLog using(AuditStore store, Clock clock) {
    return new AuditLog(store, clock);
  }

  /** A log kept in memory, timed by {@code clock}. */
  public static AuditLog inMemory(Clock clock) {
    return new AuditLog(AuditStore.inMemory(), clock);
  }

  /** Appends {@code record} as the next entry and returns that entry. */
  public AuditEntry append(AuditRecord record) {
    requireNonNull(record, "record");
    appending.lock();
    try {
      while (true) {
        Optional<AuditEntry> last = store.last();
        long position = last.map(AuditEntry::position).orElse(0L) + 1;
        Instant now = clock.instant();
        Instant at = last.map(AuditEntry::at).filter(now::isBefore).orElse(now);
        Digest hash = AuditChain.link(last.map(AuditEntry::hash).orElse(Digest.ZERO), position, at, record);
        AuditEntry entry = new AuditEntry(position, at, record, hash);
        try {
          store.append(entry);
          return entry;
        } catch (ConcurrentAuditAppendException raced) {
          // Another process appended first: read the new end and link to it.
        }
      }
    } finally {
      appending.unlock();
    }
  }

  /** The last entry; empty for an empty log. */
  public Optional<AuditEntry> last() {
    return store.last();
  }

  /**
   * The entries after position {@code after} (0 for the start), at most {@code limit}.
   *
   * @param limit 1 to {@value #MAX_PAGE}
   */
  public AuditPage entries(long after, int limit) {
    return page(limit, () -> store.after(after, limit + 1));
  }

  /** The entries of {@code actor} after position {@code after}, at most {@code limit}. */
  public AuditPage byActor(ActorId actor, long after, int limit) {
    requireNonNull(actor, "actor");
    return page(limit, () -> store.byActor(actor, after, limit + 1));
  }

  /**
   * The entries about the target of {@code kind} and {@code id} (whatever partner it named), after
   * position {@code after}, at most {@code limit}.
   */
  public AuditPage byTarget(String kind, String id, long after, int limit) {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    return page(limit, () -> store.byTarget(kind, id, after, limit + 1));
  }

  /**
   * The entries stamped at or after {@code from} and before {@code to}, after position {@code
   * after}, at most {@code limit}.
   */
  public AuditPage between(Instant from, Instant to, long after, int limit) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
    }
    return page(limit, () -> store.between(from, to, after, limit + 1));
  }

  private static AuditPage page(int limit, Supplier<List<AuditEntry>> oneMore) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", got " + limit);
    }
    List<AuditEntry> found = oneMore.get();
    if (found.size() <= limit) {
      return new AuditPage(found, Optional.empty());
    }
    List<AuditEntry> page = found.subList(0, limit);
    return new AuditPage(page, Optional.of(page.get(limit - 1).position()));
  }

  /**
   * Checks the whole chain from position 1: each entry is at its position and its hash is the
   * link from the previous hash and its own content. Reports the first entry that fails, changed,
   * missing, out of place or unreadable; never throws because of what it finds in the store.
   * A log cut short at its end still verifies: compare {@link AuditVerification#checked()} and
   * {@link AuditVerification#head()} with values kept elsewhere to detect that.
   */
  public AuditVerification verify() {
    Digest previous = Digest.ZERO;
    long checked = 0;
    // The position a store reported unreadable, once it did: the entries before it are checked first.
    long unreadable = Long.MAX_VALUE;
    String unreadableDetail = "";
    while (true) {
      long want = Math.min(VERIFY_PAGE, unreadable - 1 - checked);
      if (want <= 0) {
        return broken(checked, checked + 1, unreadableDetail, previous);
      }
      List<AuditEntry> page;
      try {
        page = store.after(checked, (int) want);
      } catch (CorruptAuditEntryException e) {
        if (e.position() >= unreadable || e.position() <= checked) {
          // The store contradicts itself; the next position is as far as the log can be trusted.
          return broken(checked, checked + 1, e.getMessage(), previous);
        }
        unreadable = e.position();
        unreadableDetail = e.getMessage();
        continue;
      }
      if (page.isEmpty()) {
        return unreadable == Long.MAX_VALUE ? new AuditVerification(true, checked, Optional.empty(), "ok", previous)
            : broken(checked, checked + 1, "entry " + (checked + 1) + " is missing", previous);
      }
      for (AuditEntry entry : page) {
        long expected = checked + 1;
        if (entry.position() != expected) {
          return broken(checked, expected, "expected the entry at position " + expected + " but found position "
              + entry.position(), previous);
        }
        Digest computed = AuditChain.link(previous, entry);
        if (!computed.equals(entry.hash())) {
          return broken(checked, expected, "entry " + expected + " (" + entry.record().action() + " by "
              + entry.record().actor() + ") does not match its hash: stored " + entry.hash() + ", computed "
              + computed, previous);
        }
        previous = computed;
        checked = expected;
      }
    }
  }

  private static AuditVerification broken(long checked, long position, String detail, Digest head) {
    return new AuditVerification(false, checked, Optional.of(position), detail, head);
  }
}
