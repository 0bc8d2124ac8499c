package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.Proof;
import dev.loyalty.core.claims.RecordCheck;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleRef;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClaimStore} must do; a host's store (and the PostgreSQL one to come) extends
 * it. A claim is inserted once and replaced only from the version before (of concurrent writers
 * exactly one wins); every query sees the latest version of each claim; nothing is removed. A
 * seeded run of random inserts and updates is checked against a model after every step.
 */
public abstract class ClaimStoreContract {
  private static final Instant T0 = Instant.parse("2026-07-01T09:00:00Z");
  private static final Currency INR = Currency.getInstance("INR");
  private static final ActorId ANA = ActorId.of("ana");

  /** A new, empty store. Called once per test. */
  protected abstract ClaimStore createStore();

  /** Claim {@code id} of {@code partner} for {@code invoice}, submitted {@code minutes} after T0, version 1. */
  protected static Claim claim(String id, String partner, String invoice, long minutes, long quantity) {
    ClaimSubmission s = new ClaimSubmission(ClaimId.of(id), PartnerId.of(partner), Optional.empty(), invoice,
        LocalDate.of(2026, 6, 30), INR, List.of(InvoiceLine.of("CAB-25", "cables", quantity, "1000")),
        Proof.document("DOC-" + id));
    Instant at = T0.plus(Duration.ofMinutes(minutes));
    return Claim.submitted(s, ANA, at, at.plus(Duration.ofDays(30)), RecordCheck.NOT_FOUND);
  }

  private static Claim moved(Claim claim, ClaimStatus to) {
    return claim.movedTo(to, claim.updatedAt().plusSeconds(1), ActorId.of("system:claims"), "moved to " + to);
  }

  @Test
  void anEmptyStoreHasNothing() {
    ClaimStore store = createStore();
    assertThat(store.find(ClaimId.of("C-1"))).isEmpty();
    assertThat(store.byInvoice(PartnerId.of("dealer-a"), "INV1")).isEmpty();
    assertThat(store.byFingerprint("x")).isEmpty();
    assertThat(store.ofPartner(PartnerId.of("dealer-a"), T0, T0.plus(Duration.ofDays(1)))).isEmpty();
    assertThat(store.inStatus(ClaimStatus.SUBMITTED, Optional.empty(), 10)).isEmpty();
    assertThat(store.dueBy(T0.plus(Duration.ofDays(999)), 10)).isEmpty();
  }

  @Test
  void everyShapeOfRecordCheckComesBackEqual() {
    ClaimStore store = createStore();
    List<RecordCheck> checks = List.of(RecordCheck.NOT_FOUND, RecordCheck.MATCHED,
        RecordCheck.mismatch(List.of("SKU CAB-25: claimed 25 units, the record has 10."), new java.math.BigDecimal(
            "25000"), new java.math.BigDecimal("10000")),
        RecordCheck.mismatch(List.of("SKU CAB-25: claimed 100 units, the record has 10."), new java.math.BigDecimal(
            "100000"), new java.math.BigDecimal("10000")),
        RecordCheck.mismatch(List.of("SKU CAB-25 is not on the invoice."), java.math.BigDecimal.ZERO,
            java.math.BigDecimal.ZERO));
    for (int i = 0; i < checks.size(); i++) {
      Claim c = claim("R-" + i, "dealer-a", "INV-R" + i, i, 1);
      Claim checked = new Claim(c.submission(), c.claimant(), c.revision(), c.status(), c.submittedAt(), c.deadline(),
          checks.get(i), c.riskFlags(), c.points(), c.history(), c.version());
      assertThat(store.insert(checked)).isTrue();
      assertThat(store.find(checked.id())).contains(checked);
    }
  }

  @Test
  void aClaimIsInsertedOnceAndComesBackEqual() {
    ClaimStore store = createStore();
    Claim c = claim("C-1", "dealer-a", "INV-1", 0, 1);
    assertThat(store.insert(c)).isTrue();
    assertThat(store.insert(claim("C-1", "dealer-b", "INV-9", 5, 2))).isFalse();
    assertThat(store.find(ClaimId.of("C-1"))).contains(c);
  }

  @Test
  void everyPartOfAClaimReadsBackEqual() {
    ClaimStore store = createStore();
    ClaimSubmission s = new ClaimSubmission(ClaimId.of("C-Ü1"), PartnerId.of("dealer-a"),
        Optional.of(MemberId.of("rep-1")), "INV/2026-07 \"№ 7\"", LocalDate.of(2026, 6, 30), INR,
        List.of(InvoiceLine.of("CAB-25", "cables ✓", 3, "1000.50"), InvoiceLine.of("SW-1", "smart-switches", 2,
            "0.0001")), Proof.of("DOC-1", "SN-1", "sn 2"));
    RecordCheck mismatch = RecordCheck.mismatch(List.of("Line CAB-25: 3 claimed, 2 invoiced.",
        "A second ✓ difference."), new java.math.BigDecimal("3001.5002"), new java.math.BigDecimal("2001"));
    Claim v1 = Claim.submitted(s, ANA, T0.plusNanos(123_456_789), T0.plus(Duration.ofDays(30)), mismatch);
    assertThat(store.insert(v1)).isTrue();
    assertThat(store.find(v1.id())).contains(v1);
    Claim judged = v1.judged(List.of(new RiskFlag(RiskFlag.Severity.NOTE, "amount-outlier", RuleRef.of("risk", "2"),
        "An unusual amount ✓.", 40), new RiskFlag(RiskFlag.Severity.REVIEW, "review", RuleRef.of("score", "1"),
        "Score 40 reaches 30.")), 4_200);
    Claim held = judged.movedTo(ClaimStatus.IN_REVIEW, T0.plusSeconds(1), ActorId.of("system:claims"),
        "Held: \"score\" 40.");
    assertThat(store.update(held)).isTrue();
    assertThat(store.find(v1.id())).contains(held);
    Claim asked = held.movedTo(ClaimStatus.MORE_INFO_REQUESTED, T0.plusSeconds(2), ActorId.of("bob"), "Which units?");
    store.update(asked);
    Claim revised = asked.resubmitted(s.withMember(MemberId.of("rep-2")), RecordCheck.MATCHED, T0.plusSeconds(3),
        "Both units listed.");
    assertThat(store.update(revised)).isTrue();
    assertThat(store.find(v1.id())).contains(revised);
    assertThat(store.byInvoice(PartnerId.of("dealer-a"), s.invoiceKey())).containsExactly(revised);
    assertThat(store.byFingerprint(s.fingerprint())).containsExactly(revised);
  }

  @Test
  void onlyAFirstVersionIsInserted() {
    ClaimStore store = createStore();
    Claim second = moved(claim("C-1", "dealer-a", "INV-1", 0, 1), ClaimStatus.IN_REVIEW);
    assertThatThrownBy(() -> store.insert(second)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 1");
    assertThat(store.find(ClaimId.of("C-1"))).isEmpty();
  }

  @Test
  void anUpdateReplacesOnlyTheVersionJustBefore() {
    ClaimStore store = createStore();
    Claim v1 = claim("C-1", "dealer-a", "INV-1", 0, 1);
    store.insert(v1);
    Claim v2 = moved(v1, ClaimStatus.IN_REVIEW);
    Claim v3 = moved(v2, ClaimStatus.MORE_INFO_REQUESTED);
    assertThat(store.update(v3)).isFalse(); // skips a version
    assertThat(store.update(v2)).isTrue();
    assertThat(store.update(v2)).isFalse(); // the same version again
    assertThat(store.update(moved(v1, ClaimStatus.BLOCKED))).isFalse(); // a lost update from version 1
    assertThat(store.find(v1.id())).contains(v2);
    assertThat(store.update(moved(claim("C-9", "dealer-a", "INV-9", 0, 1), ClaimStatus.IN_REVIEW))).isFalse();
    assertThat(store.find(ClaimId.of("C-9"))).isEmpty();
  }

  @Test
  void queriesFollowAResubmissionToItsNewInvoice() {
    ClaimStore store = createStore();
    Claim v1 = claim("C-1", "dealer-a", "INV-1", 0, 1);
    store.insert(v1);
    Claim asked = moved(moved(v1, ClaimStatus.IN_REVIEW), ClaimStatus.MORE_INFO_REQUESTED);
    store.update(moved(v1, ClaimStatus.IN_REVIEW));
    store.update(asked);
    ClaimSubmission revised = claim("C-1", "dealer-a", "INV-2", 0, 3).submission();
    Claim v4 = asked.resubmitted(revised, RecordCheck.NOT_FOUND, T0.plusSeconds(600), "the right invoice");
    assertThat(store.update(v4)).isTrue();

    assertThat(store.byInvoice(PartnerId.of("dealer-a"), "INV1")).isEmpty();
    assertThat(store.byInvoice(PartnerId.of("dealer-a"), "INV2")).containsExactly(v4);
    assertThat(store.byFingerprint(v1.submission().fingerprint())).isEmpty();
    assertThat(store.byFingerprint(revised.fingerprint())).containsExactly(v4);
    assertThat(store.dueBy(T0.plus(Duration.ofDays(60)), 10)).isEmpty(); // SUBMITTED waits for no one
  }

  @Test
  void byInvoiceIsPerPartnerAndByFingerprintIsAcrossPartners() {
    ClaimStore store = createStore();
    Claim a = claim("C-1", "dealer-a", "INV-1", 0, 1);
    Claim aAgain = claim("C-2", "dealer-a", "inv 1", 1, 1);
    Claim b = claim("C-3", "dealer-b", "INV-1", 2, 1);
    Claim bOther = claim("C-4", "dealer-b", "INV-1", 3, 2); // another total: another fingerprint
    List.of(a, aAgain, b, bOther).forEach(store::insert);

    assertThat(store.byInvoice(PartnerId.of("dealer-a"), "INV1")).containsExactlyInAnyOrder(a, aAgain);
    assertThat(store.byInvoice(PartnerId.of("dealer-b"), "INV1")).containsExactlyInAnyOrder(b, bOther);
    assertThat(store.byFingerprint(a.submission().fingerprint())).containsExactlyInAnyOrder(a, aAgain, b);
  }

  @Test
  void ofPartnerIsAHalfOpenPeriodInSubmissionOrder() {
    ClaimStore store = createStore();
    Claim first = claim("C-B", "dealer-a", "INV-1", 0, 1);
    Claim second = claim("C-A", "dealer-a", "INV-2", 10, 1);
    Claim sameTime = claim("C-C", "dealer-a", "INV-3", 10, 1);
    Claim last = claim("C-D", "dealer-a", "INV-4", 20, 1);
    Claim other = claim("C-E", "dealer-b", "INV-5", 10, 1);
    List.of(last, first, second, sameTime, other).forEach(store::insert);
    PartnerId a = PartnerId.of("dealer-a");

    assertThat(store.ofPartner(a, T0, T0.plus(Duration.ofMinutes(21)))).containsExactly(first, second, sameTime, last);
    assertThat(store.ofPartner(a, T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(20))))
        .containsExactly(second, sameTime);
    assertThat(store.ofPartner(a, T0.plus(Duration.ofMinutes(20)), T0.plus(Duration.ofMinutes(20)))).isEmpty();
  }

  @Test
  void inStatusPagesInInsertionOrder() {
    ClaimStore store = createStore();
    List<Claim> submitted = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Claim c = claim("C-" + i, "dealer-a", "INV-" + i, 7 - i, 1);
      store.insert(c);
      if (i % 3 == 0) {
        store.update(moved(c, ClaimStatus.BLOCKED));
      } else {
        submitted.add(c);
      }
    }
    List<Claim> listed = new ArrayList<>();
    Optional<ClaimId> after = Optional.empty();
    while (true) {
      List<Claim> page = store.inStatus(ClaimStatus.SUBMITTED, after, 2);
      listed.addAll(page);
      if (page.size() < 2) {
        break;
      }
      after = Optional.of(page.get(1).id());
    }
    assertThat(listed).containsExactlyElementsOf(submitted);
    assertThat(store.inStatus(ClaimStatus.BLOCKED, Optional.empty(), 10)).extracting(Claim::id)
        .containsExactly(ClaimId.of("C-0"), ClaimId.of("C-3"), ClaimId.of("C-6"));
    assertThatThrownBy(() -> store.inStatus(ClaimStatus.SUBMITTED, Optional.of(ClaimId.of("C-404")), 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.inStatus(ClaimStatus.SUBMITTED, Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dueByListsOnlyClaimsWaitingForADecision_earliestDeadlineFirst() {
    ClaimStore store = createStore();
    Claim late = claim("C-LATE", "dealer-a", "INV-1", 60, 1);
    Claim early = claim("C-EARLY", "dealer-a", "INV-2", 0, 1);
    Claim asked = claim("C-ASKED", "dealer-b", "INV-3", 30, 1);
    Claim paid = claim("C-PAID", "dealer-a", "INV-4", 0, 1);
    List.of(late, early, asked, paid).forEach(store::insert);
    store.update(moved(late, ClaimStatus.IN_REVIEW));
    store.update(moved(early, ClaimStatus.IN_REVIEW));
    store.update(moved(asked, ClaimStatus.IN_REVIEW));
    store.update(moved(moved(asked, ClaimStatus.IN_REVIEW), ClaimStatus.MORE_INFO_REQUESTED));
    store.update(moved(paid, ClaimStatus.APPROVED));

    Instant all = T0.plus(Duration.ofDays(31));
    assertThat(store.dueBy(all, 10)).extracting(Claim::id).containsExactly(ClaimId.of("C-EARLY"),
        ClaimId.of("C-ASKED"), ClaimId.of("C-LATE"));
    assertThat(store.dueBy(all, 2)).extracting(Claim::id).containsExactly(ClaimId.of("C-EARLY"),
        ClaimId.of("C-ASKED"));
    assertThat(store.dueBy(early.deadline(), 10)).extracting(Claim::id).containsExactly(ClaimId.of("C-EARLY"));
    assertThat(store.dueBy(early.deadline().minusNanos(1), 10)).isEmpty();
    store.update(moved(store.find(ClaimId.of("C-EARLY")).orElseThrow(), ClaimStatus.EXPIRED));
    assertThat(store.dueBy(all, 10)).extracting(Claim::id).containsExactly(ClaimId.of("C-ASKED"),
        ClaimId.of("C-LATE"));
  }

  @Test
  void concurrentInsertsOfOneIdAndUpdatesFromOneVersion_exactlyOneWins() throws Exception {
    ClaimStore store = createStore();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Claim> inserts = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        inserts.add(claim("C-1", "dealer-a", "INV-" + i, 0, 1 + i));
      }
      assertThat(race(pool, inserts, store::insert)).isEqualTo(1);
      Claim stored = store.find(ClaimId.of("C-1")).orElseThrow();
      assertThat(inserts).contains(stored);

      List<Claim> updates = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        updates.add(moved(stored, i % 2 == 0 ? ClaimStatus.IN_REVIEW : ClaimStatus.BLOCKED)
            .judged(List.of(), i));
      }
      assertThat(race(pool, updates, store::update)).isEqualTo(1);
      assertThat(updates).contains(store.find(ClaimId.of("C-1")).orElseThrow());
    } finally {
      pool.shutdownNow();
    }
  }

  private static int race(ExecutorService pool, List<Claim> claims, java.util.function.Predicate<Claim> write)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (Claim c : claims) {
      results.add(pool.submit(() -> {
        start.await();
        return write.test(c);
      }));
    }
    start.countDown();
    int won = 0;
    for (Future<Boolean> r : results) {
      won += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
    }
    return won;
  }

  @Test
  void manyWritersOnDifferentClaimsLoseNothing() throws Exception {
    ClaimStore store = createStore();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            Claim c = claim("C-" + thread + "-" + i, "dealer-" + (i % 3), "INV-" + thread + "-" + i, i, 1);
            assertThat(store.insert(c)).isTrue();
            assertThat(store.update(moved(c, ClaimStatus.IN_REVIEW))).isTrue();
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.dueBy(T0.plus(Duration.ofDays(999)), 1_000)).hasSize(800);
    int all = 0;
    for (int p = 0; p < 3; p++) {
      all += store.ofPartner(PartnerId.of("dealer-" + p), T0, T0.plus(Duration.ofDays(1))).size();
    }
    assertThat(all).isEqualTo(800);
  }

  @Test
  void aSeededRunOfRandomWritesMatchesAModel() {
    ClaimStore store = createStore();
    Map<ClaimId, Claim> model = new LinkedHashMap<>();
    Random random = new Random(16);
    List<ClaimStatus> next = List.of(ClaimStatus.IN_REVIEW, ClaimStatus.MORE_INFO_REQUESTED, ClaimStatus.BLOCKED,
        ClaimStatus.APPROVED, ClaimStatus.PAID, ClaimStatus.REJECTED, ClaimStatus.EXPIRED);
    for (int step = 0; step < 1_500; step++) {
      int n = random.nextInt(60);
      ClaimId id = ClaimId.of("C-" + n);
      Claim stored = model.get(id);
      if (stored == null || random.nextInt(5) == 0) {
        Claim fresh = claim(id.value(), "dealer-" + n % 4, "INV-" + random.nextInt(20), random.nextInt(5_000),
            1 + random.nextInt(3));
        assertThat(store.insert(fresh)).isEqualTo(stored == null);
        model.putIfAbsent(id, fresh);
      } else if (!stored.status().isFinal()) {
        Claim newer = moved(stored, next.get(random.nextInt(next.size())));
        boolean stale = random.nextInt(6) == 0 && stored.version() > 1;
        if (stale) {
          assertThat(store.update(moved(stored, ClaimStatus.BLOCKED).judged(List.of(), 7))).isTrue();
          model.put(id, store.find(id).orElseThrow());
          assertThat(store.update(newer)).isFalse(); // from the version before: lost, refused
        } else {
          assertThat(store.update(newer)).isTrue();
          model.put(id, newer);
        }
      }
      if (step % 100 == 99) {
        agrees(store, model);
      }
    }
    agrees(store, model);
  }

  private static void agrees(ClaimStore store, Map<ClaimId, Claim> model) {
    for (Claim c : model.values()) {
      assertThat(store.find(c.id())).contains(c);
      assertThat(store.byInvoice(c.partner(), c.submission().invoiceKey())).containsExactlyInAnyOrderElementsOf(
          model.values().stream().filter(o -> o.partner().equals(c.partner())
              && o.submission().invoiceKey().equals(c.submission().invoiceKey())).toList());
      assertThat(store.byFingerprint(c.submission().fingerprint())).containsExactlyInAnyOrderElementsOf(
          model.values().stream().filter(o -> o.submission().fingerprint().equals(c.submission().fingerprint()))
              .toList());
    }
    Instant end = T0.plus(Duration.ofDays(999));
    List<Claim> waiting = model.values().stream().filter(c -> c.status().awaitsDecision())
        .sorted(Comparator.comparing(Claim::deadline).thenComparing(c -> c.id().value())).toList();
    assertThat(store.dueBy(end, 1_000)).extracting(Claim::deadline)
        .containsExactlyElementsOf(waiting.stream().map(Claim::deadline).toList());
    assertThat(store.dueBy(end, 1_000)).containsExactlyInAnyOrderElementsOf(waiting);
    for (int p = 0; p < 4; p++) {
      PartnerId partner = PartnerId.of("dealer-" + p);
      assertThat(store.ofPartner(partner, T0, end)).extracting(Claim::submittedAt).isSorted();
      assertThat(store.ofPartner(partner, T0, end)).containsExactlyInAnyOrderElementsOf(
          model.values().stream().filter(c -> c.partner().equals(partner)).toList());
    }
    for (ClaimStatus status : ClaimStatus.values()) {
      assertThat(store.inStatus(status, Optional.empty(), 1_000)).containsExactlyElementsOf(
          model.values().stream().filter(c -> c.status() == status).toList());
    }
  }
}
