package dev.loyalty.core.access;

import static dev.loyalty.core.access.AccessFixture.NORTH_DEALER;
import static dev.loyalty.core.access.AccessFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.access.internal.AuditChain;
import dev.loyalty.core.spi.AuditStore;
import dev.loyalty.core.spi.ConcurrentAuditAppendException;
import dev.loyalty.core.spi.CorruptAuditEntryException;
import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.spi.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The audit log's own behaviour beyond the store contract: the hash format pinned by a known
 * value, and verification that reports what a store cannot hand back (an unreadable or missing
 * entry) at its position instead of throwing.
 */
class AuditLogTest {
  /** The worked example of docs/CLAIMS.md. */
  static final AuditRecord EXAMPLE = AuditRecord.allowed(ActorId.of("bob"), "adjustment.approve",
      Target.of("adjustment", "ADJ-17", NORTH_DEALER), "photos of the damage attached",
      Map.of("status", "PENDING"), Map.of("status", "APPROVED", "approved-by.1", "bob"));
  /** Its hash as the first entry at {@link AccessFixture#T0}; changing the format changes it. */
  static final String EXAMPLE_HASH = "b7b691b31a6d8c92e385a35914e2bc395b83224b4e023c95256cbf0d9462312b";

  private final TestClock clock = new TestClock(T0);

  @Test
  void theHashOfAKnownEntryNeverChanges() {
    AuditEntry entry = AuditLog.inMemory(clock).append(EXAMPLE);

    assertThat(entry.hash().toHex()).isEqualTo(EXAMPLE_HASH);
  }

  @Test
  void theEncodingIsTheDocumentedLayout() {
    byte[] bytes = AuditChain.encode(1, T0, EXAMPLE);
    ByteReader in = new ByteReader(bytes);

    assertThat(in.u8()).as("format version").isEqualTo(1);
    assertThat(in.u8()).as("tag").isEqualTo('A');
    assertThat(in.i64()).as("position").isEqualTo(1);
    assertThat(in.i64()).as("seconds").isEqualTo(T0.getEpochSecond());
    assertThat(in.i32()).as("nanos").isZero();
    assertThat(List.of(in.text(), in.text(), in.text(), in.text())).containsExactly("bob", "adjustment.approve",
        "adjustment", "ADJ-17");
    assertThat(in.u8()).as("a partner").isEqualTo(1);
    assertThat(List.of(in.text(), in.text(), in.text(), in.text())).containsExactly("dealer-a", "dealer", "north",
        "IN");
    assertThat(List.of(in.text(), in.text(), in.text())).containsExactly("ALLOWED", "", "photos of the damage attached");
    assertThat(in.i32()).as("before").isEqualTo(1);
    assertThat(List.of(in.text(), in.text())).containsExactly("status", "PENDING");
    assertThat(in.i32()).as("after").isEqualTo(2);
    assertThat(List.of(in.text(), in.text(), in.text(), in.text()))
        .as("keys in byte order").containsExactly("approved-by.1", "bob", "status", "APPROVED");
    assertThat(in.remaining()).isZero();
    assertThat(AuditChain.link(Digest.ZERO, 1, T0, EXAMPLE).toHex())
        .isEqualTo(HexFormat.of().formatHex(sha256(new byte[32], bytes)));
  }

  private static byte[] sha256(byte[] previous, byte[] encoding) {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      md.update(previous);
      md.update(encoding);
      return md.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Reads the big-endian layout back. */
  private static final class ByteReader {
    private final java.nio.ByteBuffer buf;

    ByteReader(byte[] bytes) {
      buf = java.nio.ByteBuffer.wrap(bytes);
    }

    int u8() {
      return buf.get() & 0xff;
    }

    int i32() {
      return buf.getInt();
    }

    long i64() {
      return buf.getLong();
    }

    String text() {
      byte[] utf8 = new byte[buf.getInt()];
      buf.get(utf8);
      return new String(utf8, StandardCharsets.UTF_8);
    }

    int remaining() {
      return buf.remaining();
    }
  }

  /** A store that hands back what another holds, except for what a test makes it lose. */
  private static class Faulty implements AuditStore {
    final AuditStore store = AuditStore.inMemory();
    Optional<Long> unreadable = Optional.empty();
    Optional<Long> missing = Optional.empty();
    int conflicts;

    @Override
    public Optional<AuditEntry> last() {
      return store.last();
    }

    @Override
    public void append(AuditEntry entry) {
      if (conflicts > 0) {
        conflicts--;
        // Another process takes the position first, with an entry of its own.
        AuditRecord theirs = AuditRecord.allowed(ActorId.of("other-instance"), "claim.submit",
            Target.of("claim", "C-" + entry.position()), "theirs", Map.of(), Map.of());
        Digest previous = store.last().map(AuditEntry::hash).orElse(Digest.ZERO);
        store.append(new AuditEntry(entry.position(), entry.at(), theirs,
            AuditChain.link(previous, entry.position(), entry.at(), theirs)));
        throw new ConcurrentAuditAppendException("audit position " + entry.position() + " is taken");
      }
      store.append(entry);
    }

    @Override
    public List<AuditEntry> after(long after, int limit) {
      List<AuditEntry> page = new ArrayList<>();
      for (AuditEntry e : store.after(after, limit)) {
        if (unreadable.filter(p -> p == e.position()).isPresent()) {
          throw new CorruptAuditEntryException(e.position(), "the actor column is empty", null);
        }
        if (missing.filter(p -> p == e.position()).isEmpty()) {
          page.add(e);
        }
      }
      return page;
    }

    @Override
    public List<AuditEntry> byActor(ActorId actor, long after, int limit) {
      return store.byActor(actor, after, limit);
    }

    @Override
    public List<AuditEntry> byTarget(String kind, String id, long after, int limit) {
      return store.byTarget(kind, id, after, limit);
    }

    @Override
    public List<AuditEntry> between(Instant from, Instant to, long after, int limit) {
      return store.between(from, to, after, limit);
    }
  }

  private static List<AuditEntry> fill(AuditLog log, int n) {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      entries.add(log.append(AuditRecord.allowed(ActorId.of("ana"), "claim.submit", Target.of("claim", "C-" + i),
          "claim " + i, Map.of(), Map.of("status", "SUBMITTED"))));
    }
    return entries;
  }

  @Test
  void anUnreadableEntryIsReportedAtItsPosition() {
    Faulty store = new Faulty();
    AuditLog log = AuditLog.using(store, clock);
    List<AuditEntry> entries = fill(log, 1_500);
    store.unreadable = Optional.of(1_234L);

    AuditVerification v = log.verify();

    assertThat(v.intact()).isFalse();
    assertThat(v.brokenAt()).contains(1_234L);
    assertThat(v.checked()).isEqualTo(1_233);
    assertThat(v.head()).isEqualTo(entries.get(1_232).hash());
    assertThat(v.detail()).isEqualTo("audit entry 1234 cannot be read: the actor column is empty");
  }

  @Test
  void anEarlierChangedEntryIsReportedBeforeALaterUnreadableOne() {
    Faulty store = new Faulty();
    AuditLog log = AuditLog.using(store, clock);
    fill(log, 10);
    store.unreadable = Optional.of(8L);
    Faulty changed = new Faulty() {
      @Override
      public List<AuditEntry> after(long after, int limit) {
        return store.after(after, limit).stream().map(e -> e.position() != 3 ? e
            : new AuditEntry(3, e.at(), AuditRecord.allowed(ActorId.of("mallory"), "claim.submit",
                e.record().target(), "claim 3", Map.of(), Map.of("status", "SUBMITTED")), e.hash())).toList();
      }
    };
    changed.unreadable = Optional.of(8L);
    for (AuditEntry e : store.store.after(0, 100)) {
      changed.store.append(e);
    }

    AuditVerification v = AuditLog.using(changed, clock).verify();

    assertThat(v.brokenAt()).contains(3L);
    assertThat(v.detail()).contains("entry 3 (claim.submit by mallory) does not match its hash");
  }

  @Test
  void aMissingEntryIsReportedAtItsPosition() {
    Faulty store = new Faulty();
    AuditLog log = AuditLog.using(store, clock);
    fill(log, 6);
    store.missing = Optional.of(4L);

    AuditVerification v = log.verify();

    assertThat(v.brokenAt()).contains(4L);
    assertThat(v.checked()).isEqualTo(3);
    assertThat(v.detail()).isEqualTo("expected the entry at position 4 but found position 5");
  }

  @Test
  void aLogCutShortStillVerifiesButItsCountAndHeadTellOnIt() {
    Faulty store = new Faulty();
    AuditLog log = AuditLog.using(store, clock);
    fill(log, 6);
    AuditVerification anchored = log.verify();
    store.missing = Optional.of(6L);

    AuditVerification later = log.verify();

    assertThat(later.intact()).isTrue();
    assertThat(later.checked()).isEqualTo(5).isNotEqualTo(anchored.checked());
    assertThat(later.head()).isNotEqualTo(anchored.head());
  }

  @Test
  void anAppendThatLosesThePositionToAnotherProcessLinksToItsEntry() {
    Faulty store = new Faulty();
    AuditLog log = AuditLog.using(store, clock);
    fill(log, 2);
    store.conflicts = 2;

    AuditEntry mine = log.append(AuditRecord.allowed(ActorId.of("bob"), "claim.approve", Target.of("claim", "C-1"),
        "ok", Map.of(), Map.of()));

    assertThat(mine.position()).isEqualTo(5);
    assertThat(log.byActor(ActorId.of("other-instance"), 0, 10).entries()).extracting(AuditEntry::position)
        .containsExactly(3L, 4L);
    assertThat(mine.hash()).isEqualTo(AuditChain.link(store.store.after(3, 1).get(0).hash(), mine));
    assertThat(log.verify().intact()).isTrue();
  }

  @Test
  void entriesBeyondTheEndAreNoneAndTheLastIsTheNewest() {
    AuditLog log = AuditLog.inMemory(clock);
    assertThat(log.last()).isEmpty();
    List<AuditEntry> entries = fill(log, 3);
    assertThat(log.last()).contains(entries.get(2));
  }
}
