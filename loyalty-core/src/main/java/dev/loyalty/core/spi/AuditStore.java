package dev.loyalty.core.spi;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.AuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where an {@link dev.loyalty.core.access.AuditLog} keeps its entries: an append-only sequence
 * numbered 1, 2, 3... The log computes positions, times and hashes; a store keeps entries exactly
 * as given and finds them again. {@link #inMemory()} keeps them for the life of the JVM.
 *
 * <p>Contract (the abstract {@code AuditStoreContract} in core's test-jar checks it):
 * implementations are thread-safe; {@link #append} is atomic and refuses any position but the next,
 * also against writers in other processes sharing the store, so that no entry is ever lost,
 * duplicated or overwritten; nothing is ever changed or removed; every query returns entries with
 * a position after {@code after}, ascending, at most {@code limit} of them. A store may rely on
 * entries being appended in time order (the log never appends an entry earlier than the last).
 * A stored entry that cannot be read back is reported as a {@link CorruptAuditEntryException}.
 * No method accepts or returns null.
 */
public interface AuditStore {

  /** A store that keeps the entries in memory. */
  static AuditStore inMemory() {
    return new InMemoryAuditStore();
  }

  /** The entry with the highest position; empty for an empty log. */
  Optional<AuditEntry> last();

  /**
   * Appends {@code entry}, whose position must be one more than the last's (1 for an empty log).
   *
   * @throws ConcurrentAuditAppendException if that position is taken or not next; nothing is
   *                                        appended
   */
  void append(AuditEntry entry);

  /** Every entry after position {@code after} (0 for the start), ascending, at most {@code limit}. */
  List<AuditEntry> after(long after, int limit);

  /** The entries of {@code actor} after position {@code after}, ascending, at most {@code limit}. */
  List<AuditEntry> byActor(ActorId actor, long after, int limit);

  /**
   * The entries whose target has {@code kind} and {@code id}, after position {@code after},
   * ascending, at most {@code limit}.
   */
  List<AuditEntry> byTarget(String kind, String id, long after, int limit);

  /**
   * The entries appended at or after {@code from} and before {@code to}, after position {@code
   * after}, ascending, at most {@code limit}.
   */
  List<AuditEntry> between(Instant from, Instant to, long after, int limit);
}
