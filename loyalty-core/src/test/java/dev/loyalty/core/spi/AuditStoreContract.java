package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.access.AuditLog;
import dev.loyalty.core.access.AuditPage;
import dev.loyalty.core.access.AuditRecord;
import dev.loyalty.core.access.AuditVerification;
import dev.loyalty.core.access.PartnerTraits;
import dev.loyalty.core.access.Target;
import dev.loyalty.core.access.internal.AuditChain;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditStore} must do, through the {@link AuditLog} that writes it; a host's store
 * (and the PostgreSQL one to come) extends it, supplying {@link #createStore()} and {@link #tamper}.
 * Entries are appended in order, never changed, lost or duplicated, also by concurrent writers in
 * one log or in several logs sharing the store; every query returns what a filter over the whole
 * log returns, page by page; a changed entry is found at its position.
 */
public abstract class AuditStoreContract {
  protected static final Instant T0 = Instant.parse("2026-07-01T09:00:00Z");
  protected static final PartnerTraits NORTH_DEALER = new PartnerTraits(PartnerId.of("dealer-a"), PartnerType.DEALER,
      "north", "IN");

  /** A new, empty store. Called once per test. */
  protected abstract AuditStore createStore();

  /** Replaces the stored entry at {@code position} by {@code change.apply(it)}, bypassing the log. */
  protected abstract void tamper(AuditStore store, long position, UnaryOperator<AuditEntry> change);

  /** How many entries {@link #aLargeLogPagesThroughAndVerifies()} appends; a slow store may use fewer. */
  protected int largeLogSize() {
    return 10_000;
  }

  protected TestClock clock;
  protected AuditStore store;
  protected AuditLog log;

  @BeforeEach
  void setUpLog() {
    clock = new TestClock(T0);
    store = createStore();
    log = AuditLog.using(store, clock);
  }

  /** An allowed action by {@code actor} on claim {@code claim}, with a little state. */
  protected static AuditRecord record(String actor, String claim, int n) {
    return AuditRecord.allowed(ActorId.of(actor), "claim.approve", Target.of("claim", claim, NORTH_DEALER),
        "reason " + n, Map.of("status", "PENDING"), Map.of("status", "APPROVED", "n", Integer.toString(n)));
  }

  private List<AuditEntry> all() {
    return everyEntry(log);
  }

  /** Every entry of {@code log}, page by page. */
  public static List<AuditEntry> everyEntry(AuditLog log) {
    List<AuditEntry> all = new ArrayList<>();
    long after = 0;
    while (true) {
      AuditPage page = log.entries(after, AuditLog.MAX_PAGE);
      all.addAll(page.entries());
      if (page.next().isEmpty()) {
        return all;
      }
      after = page.next().get();
    }
  }

  /** Every entry a query returns, following its pages of {@code limit}. */
  private static List<AuditEntry> paged(int limit, PageQuery query) {
    List<AuditEntry> found = new ArrayList<>();
    long after = 0;
    while (true) {
      AuditPage page = query.page(after, limit);
      assertThat(page.entries()).hasSizeLessThanOrEqualTo(limit);
      found.addAll(page.entries());
      if (page.next().isEmpty()) {
        return found;
      }
      assertThat(page.entries()).hasSize(limit);
      assertThat(page.next()).contains(page.entries().get(limit - 1).position());
      after = page.next().get();
    }
  }

  private interface PageQuery {
    AuditPage page(long after, int limit);
  }

  @Test
  void anEmptyLogHasNothingAndVerifies() {
    assertThat(log.last()).isEmpty();
    assertThat(log.entries(0, 10).entries()).isEmpty();
    assertThat(log.entries(0, 10).next()).isEmpty();
    assertThat(log.byActor(ActorId.of("ana"), 0, 10).entries()).isEmpty();
    assertThat(log.byTarget("claim", "C-1", 0, 10).entries()).isEmpty();
    assertThat(log.between(T0, T0.plusSeconds(60), 0, 10).entries()).isEmpty();
    assertThat(log.verify()).isEqualTo(new AuditVerification(true, 0, Optional.empty(), "ok", Digest.ZERO));
  }

  @Test
  void entriesGetConsecutivePositionsTheClocksTimeAndChainedHashes() {
    AuditEntry first = log.append(record("ana", "C-1", 1));
    clock.advance(Duration.ofSeconds(5));
    AuditEntry second = log.append(record("ben", "C-2", 2));

    assertThat(first.position()).isEqualTo(1);
    assertThat(first.at()).isEqualTo(T0);
    assertThat(first.hash()).isEqualTo(AuditChain.link(Digest.ZERO, 1, T0, record("ana", "C-1", 1)));
    assertThat(second.position()).isEqualTo(2);
    assertThat(second.at()).isEqualTo(T0.plusSeconds(5));
    assertThat(second.hash()).isEqualTo(AuditChain.link(first.hash(), 2, T0.plusSeconds(5), record("ben", "C-2", 2)));
    assertThat(log.last()).contains(second);
    assertThat(log.verify()).isEqualTo(new AuditVerification(true, 2, Optional.empty(), "ok", second.hash()));
  }

  @Test
  void entriesComeBackExactlyAsAppended() {
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      many.put("key-" + i, "value " + i + " ✓ ünïcödé 𝄞");
    }
    List<AuditRecord> records = List.of(
        record("ana", "C-1", 1),
        AuditRecord.refused(ActorId.of("bob@example.com"), "adjustment.approve",
            Target.of("adjustment", "ADJ 7/2026", NORTH_DEALER), "ABOVE_LIMIT",
            "actor bob may use APPROVE_ADJUSTMENT up to 100 points — « 120 » requested", many),
        AuditRecord.allowed(ActorId.of("système"), "catalog.publish", Target.of("catalog", "2026-07"), "nouveau",
            Map.of(), Map.of("version", "2026-07", "empty", "")));
    List<AuditEntry> appended = new ArrayList<>();
    for (AuditRecord r : records) {
      appended.add(log.append(r));
      clock.advance(Duration.ofNanos(1));
    }

    assertThat(all()).isEqualTo(appended);
    assertThat(all()).extracting(AuditEntry::record).isEqualTo(records);
    assertThat(log.verify().intact()).isTrue();
  }

  @Test
  void aPositionThatIsTakenOrNotNextIsRefusedAndNothingChanges() {
    AuditEntry first = log.append(record("ana", "C-1", 1));
    AuditEntry second = log.append(record("ana", "C-2", 2));
    List<AuditEntry> before = all();

    AuditEntry overwrite = new AuditEntry(1, T0, record("mallory", "C-1", 9), first.hash());
    AuditEntry again = second;
    AuditEntry gap = new AuditEntry(4, T0, record("mallory", "C-4", 9), second.hash());
    for (AuditEntry bad : List.of(overwrite, again, gap)) {
      assertThatThrownBy(() -> store.append(bad)).isInstanceOf(ConcurrentAuditAppendException.class)
          .hasMessageContaining(Long.toString(bad.position()));
    }

    assertThat(all()).isEqualTo(before);
    assertThat(store.last()).contains(second);
    assertThat(log.verify().intact()).isTrue();
  }

  @Test
  void timesNeverGoBackwardsAlongTheLog() {
    clock.set(T0.plusSeconds(100));
    AuditEntry first = log.append(record("ana", "C-1", 1));
    clock.set(T0); // the host's clock stepped back
    AuditEntry second = log.append(record("ana", "C-2", 2));
    clock.set(T0.plusSeconds(101));
    AuditEntry third = log.append(record("ana", "C-3", 3));

    assertThat(second.at()).isEqualTo(first.at());
    assertThat(third.at()).isEqualTo(T0.plusSeconds(101));
    assertThat(log.between(T0.plusSeconds(100), T0.plusSeconds(101), 0, 10).entries()).containsExactly(first, second);
    assertThat(log.verify().intact()).isTrue();
  }

  @Test
  void queriesReturnWhatAFilterOverTheWholeLogReturnsPageByPage() {
    List<String> actors = List.of("ana", "ben", "caro");
    List<String> claims = List.of("C-1", "C-2", "C-3", "C-4");
    for (int i = 0; i < 60; i++) {
      log.append(record(actors.get(i % 3), claims.get((i * 7) % 4), i));
      clock.advance(Duration.ofSeconds(i % 4 == 0 ? 0 : 10)); // some entries share a time
    }
    log.append(AuditRecord.allowed(ActorId.of("ana"), "program.change", Target.of("program", "C-1"), "same id, other kind",
        Map.of(), Map.of()));
    List<AuditEntry> all = all();
    assertThat(all).hasSize(61);

    for (int limit : List.of(1, 2, 7, 61, 1000)) {
      assertThat(paged(limit, log::entries)).isEqualTo(all);
      for (String actor : actors) {
        assertThat(paged(limit, (after, l) -> log.byActor(ActorId.of(actor), after, l)))
            .isEqualTo(filter(all, e -> e.record().actor().value().equals(actor)));
      }
      for (String claim : claims) {
        assertThat(paged(limit, (after, l) -> log.byTarget("claim", claim, after, l)))
            .isEqualTo(filter(all, e -> e.record().target().equals(Target.of("claim", claim, NORTH_DEALER))));
      }
      assertThat(paged(limit, (after, l) -> log.byTarget("program", "C-1", after, l))).containsExactly(all.get(60));
      Instant from = T0.plusSeconds(40);
      Instant to = T0.plusSeconds(200);
      assertThat(paged(limit, (after, l) -> log.between(from, to, after, l)))
          .isEqualTo(filter(all, e -> !e.at().isBefore(from) && e.at().isBefore(to)));
    }
    assertThat(log.byActor(ActorId.of("nobody"), 0, 10).entries()).isEmpty();
    assertThat(log.byTarget("claim", "C-9", 0, 10).entries()).isEmpty();
  }

  private static List<AuditEntry> filter(List<AuditEntry> all, Predicate<AuditEntry> keep) {
    return all.stream().filter(keep).toList();
  }

  @Test
  void aPeriodIncludesItsStartAndExcludesItsEnd() {
    AuditEntry atStart = log.append(record("ana", "C-1", 1));
    clock.advance(Duration.ofNanos(1));
    AuditEntry inside = log.append(record("ana", "C-1", 2));
    clock.set(T0.plusSeconds(60));
    log.append(record("ana", "C-1", 3));

    assertThat(log.between(T0, T0.plusSeconds(60), 0, 10).entries()).containsExactly(atStart, inside);
    assertThat(log.between(T0.plusNanos(1), T0.plusSeconds(60), 0, 10).entries()).containsExactly(inside);
    assertThat(log.between(T0, T0, 0, 10).entries()).isEmpty();
    assertThat(log.between(T0.plusSeconds(61), T0.plusSeconds(3600), 0, 10).entries()).isEmpty();
    assertThat(log.between(T0.minusSeconds(60), T0, 0, 10).entries()).isEmpty();
    assertThatThrownBy(() -> log.between(T0.plusSeconds(1), T0, 0, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends");
  }

  @Test
  void pagesStopExactlyAtTheEndAndRefuseBadLimits() {
    for (int i = 1; i <= 4; i++) {
      log.append(record("ana", "C-1", i));
    }
    AuditPage firstTwo = log.entries(0, 2);
    assertThat(firstTwo.entries()).extracting(AuditEntry::position).containsExactly(1L, 2L);
    assertThat(firstTwo.next()).contains(2L);
    AuditPage lastTwo = log.entries(2, 2);
    assertThat(lastTwo.entries()).extracting(AuditEntry::position).containsExactly(3L, 4L);
    assertThat(lastTwo.next()).isEmpty();
    assertThat(log.entries(4, 2).entries()).isEmpty();
    assertThat(log.entries(40, 2).entries()).isEmpty();
    assertThat(log.byActor(ActorId.of("ana"), 3, 10).entries()).extracting(AuditEntry::position).containsExactly(4L);

    for (int bad : List.of(0, -1, AuditLog.MAX_PAGE + 1)) {
      assertThatThrownBy(() -> log.entries(0, bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("limit");
    }
    assertThatThrownBy(() -> log.entries(-1, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentAppendersLoseAndDuplicateNothingAndKeepTheChain() throws Exception {
    appendConcurrently(List.of(log), 8, 150);
  }

  @Test
  void logsInSeveralProcessesSharingTheStoreKeepOneChain() throws Exception {
    // Each AuditLog stands for an application instance; only the store keeps them apart.
    appendConcurrently(List.of(log, AuditLog.using(store, clock), AuditLog.using(store, clock)), 6, 120);
  }

  private void appendConcurrently(List<AuditLog> logs, int threads, int each) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        AuditLog writer = logs.get(t % logs.size());
        String actor = "thread-" + t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            writer.append(record(actor, "C-" + i, i));
            if (i % 16 == 0) {
              clock.advance(Duration.ofMillis(1));
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    List<AuditEntry> all = all();
    assertThat(all).extracting(AuditEntry::position)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, (long) threads * each).boxed().toList());
    Set<String> seen = new HashSet<>();
    for (int t = 0; t < threads; t++) {
      String actor = "thread-" + t;
      List<String> reasons = filter(all, e -> e.record().actor().value().equals(actor)).stream()
          .map(e -> e.record().reason()).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        expected.add("reason " + i);
        seen.add(actor + "/" + i);
      }
      assertThat(reasons).as("%s's entries, once each, in its order", actor).isEqualTo(expected);
    }
    assertThat(seen).hasSize(threads * each);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).at()).isAfterOrEqualTo(all.get(i - 1).at());
    }
    AuditVerification verification = log.verify();
    assertThat(verification.intact()).as(verification.detail()).isTrue();
    assertThat(verification.checked()).isEqualTo((long) threads * each);
    assertThat(verification.head()).isEqualTo(all.get(all.size() - 1).hash());
  }

  @Test
  void aLargeLogPagesThroughAndVerifies() {
    int size = largeLogSize();
    for (int i = 0; i < size; i++) {
      log.append(record(i % 10 == 0 ? "rare" : "common", "C-" + (i % 100), i));
      if (i % 100 == 99) {
        clock.advance(Duration.ofMinutes(1));
      }
    }

    List<AuditEntry> all = paged(AuditLog.MAX_PAGE, log::entries);
    assertThat(all).hasSize(size);
    assertThat(all).extracting(AuditEntry::position)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, size).boxed().toList());
    assertThat(paged(AuditLog.MAX_PAGE, (after, l) -> log.byActor(ActorId.of("rare"), after, l)))
        .hasSize((size + 9) / 10).allSatisfy(e -> assertThat(e.position() % 10).isEqualTo(1));
    assertThat(paged(AuditLog.MAX_PAGE, (after, l) -> log.byTarget("claim", "C-42", after, l)))
        .extracting(AuditEntry::position).allSatisfy(p -> assertThat((p - 1) % 100).isEqualTo(42));
    Instant minute = T0.plus(Duration.ofMinutes(size / 200));
    assertThat(paged(AuditLog.MAX_PAGE, (after, l) -> log.between(minute, minute.plusSeconds(60), after, l)))
        .hasSize(100).allSatisfy(e -> assertThat(e.at()).isEqualTo(minute));
    AuditVerification verification = log.verify();
    assertThat(verification.intact()).isTrue();
    assertThat(verification.checked()).isEqualTo(size);
  }

  @Test
  void aChangedEntryIsFoundAtItsPositionWhateverChanged() {
    List<Function<AuditEntry, AuditEntry>> changes = List.of(
        e -> new AuditEntry(e.position(), e.at(), withReason(e.record(), "nothing to see"), e.hash()),
        e -> new AuditEntry(e.position(), e.at().plusNanos(1), e.record(), e.hash()),
        e -> new AuditEntry(e.position(), e.at(), record("mallory", "C-5", 5), e.hash()),
        e -> new AuditEntry(e.position(), e.at(), e.record(), Digest.ZERO),
        e -> new AuditEntry(e.position() + 1, e.at(), e.record(), e.hash()),
        e -> new AuditEntry(e.position(), e.at(), withAfter(e.record(), Map.of("status", "REJECTED", "n", "5")),
            e.hash()));
    for (Function<AuditEntry, AuditEntry> change : changes) {
      setUpLog();
      List<AuditEntry> appended = new ArrayList<>();
      for (int i = 1; i <= 8; i++) {
        appended.add(log.append(record("ana", "C-" + i, i)));
      }
      for (long position : List.of(1L, 5L, 8L)) {
        tamper(store, position, change::apply);

        AuditVerification v = log.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.brokenAt()).contains(position);
        assertThat(v.checked()).isEqualTo(position - 1);
        assertThat(v.head()).isEqualTo(position == 1 ? Digest.ZERO : appended.get((int) position - 2).hash());
        assertThat(v.detail()).contains(Long.toString(position));
        tamper(store, position, e -> appended.get((int) position - 1));
        assertThat(log.verify().intact()).isTrue();
      }
    }
  }

  private static AuditRecord withReason(AuditRecord r, String reason) {
    return new AuditRecord(r.actor(), r.action(), r.target(), r.outcome(), r.code(), reason, r.before(), r.after());
  }

  private static AuditRecord withAfter(AuditRecord r, Map<String, String> after) {
    return new AuditRecord(r.actor(), r.action(), r.target(), r.outcome(), r.code(), r.reason(), r.before(), after);
  }
}
