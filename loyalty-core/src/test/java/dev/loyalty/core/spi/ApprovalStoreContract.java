package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.access.ApprovalRequest;
import dev.loyalty.core.access.ApprovalRule;
import dev.loyalty.core.access.ApprovalStatus;
import dev.loyalty.core.access.ApprovalSubmission;
import dev.loyalty.core.access.Check;
import dev.loyalty.core.access.PartnerTraits;
import dev.loyalty.core.access.Target;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ApprovalStore} must do; a host's store (and the PostgreSQL one to come)
 * extends it. A request is inserted once, replaced only from the version before (of concurrent
 * writers exactly one wins), never removed, and listed by status in insertion order.
 */
public abstract class ApprovalStoreContract {
  private static final Instant T0 = Instant.parse("2026-07-01T09:00:00Z");
  private static final ApprovalRule RULE = ApprovalRule.ADJUSTMENT.withSecondCheckerAbove(1_000);

  /** A new, empty store. Called once per test. */
  protected abstract ApprovalStore createStore();

  /** A pending request {@code id} by ana for {@code points}, with details. */
  protected static ApprovalRequest request(String id, long points) {
    Target target = Target.of("adjustment", id, new PartnerTraits(PartnerId.of("dealer-a"), PartnerType.DEALER,
        "north", "IN"));
    return ApprovalRequest.submitted(ApprovalSubmission.of(ApprovalId.of(id), RULE, target, "goodwill credit")
        .withPoints(points).withDetails(Map.of("participant", "partner:dealer-a", "direction", "credit")),
        ActorId.of("ana"), T0);
  }

  private static Check check(String checker) {
    return new Check(ActorId.of(checker), T0.plusSeconds(60), "checked by " + checker);
  }

  private static List<ApprovalRequest> listAll(ApprovalStore store, ApprovalStatus status, int limit) {
    List<ApprovalRequest> all = new ArrayList<>();
    Optional<ApprovalId> after = Optional.empty();
    while (true) {
      List<ApprovalRequest> page = store.list(status, after, limit);
      all.addAll(page);
      if (page.size() < limit) {
        return all;
      }
      after = Optional.of(page.get(page.size() - 1).id());
    }
  }

  @Test
  void anEmptyStoreHasNothing() {
    ApprovalStore store = createStore();
    assertThat(store.find(ApprovalId.of("ADJ-1"))).isEmpty();
    for (ApprovalStatus status : ApprovalStatus.values()) {
      assertThat(store.list(status, Optional.empty(), 10)).isEmpty();
    }
  }

  @Test
  void anInsertedRequestComesBackEqual() {
    ApprovalStore store = createStore();
    ApprovalRequest small = request("ADJ-1", 500);
    ApprovalRequest large = request("ADJ-2", 5_000);

    assertThat(store.insert(small)).isTrue();
    assertThat(store.insert(large)).isTrue();

    assertThat(store.find(small.id())).contains(small);
    assertThat(store.find(large.id())).contains(large);
    assertThat(store.find(ApprovalId.of("ADJ-3"))).isEmpty();
  }

  @Test
  void aSecondInsertOfAnIdKeepsTheFirst() {
    ApprovalStore store = createStore();
    ApprovalRequest first = request("ADJ-1", 500);
    store.insert(first);

    assertThat(store.insert(request("ADJ-1", 700))).isFalse();

    assertThat(store.find(first.id())).contains(first);
    assertThat(store.list(ApprovalStatus.PENDING, Optional.empty(), 10)).containsExactly(first);
  }

  @Test
  void anUpdateReplacesOnlyTheVersionJustBefore() {
    ApprovalStore store = createStore();
    ApprovalRequest v1 = request("ADJ-1", 5_000);
    store.insert(v1);
    ApprovalRequest v2 = v1.withApproval(check("bob"));
    ApprovalRequest v3 = v2.withApproval(check("caro"));

    assertThat(store.update(v3)).as("a version skipped").isFalse();
    assertThat(store.find(v1.id())).contains(v1);
    assertThat(store.update(v2)).isTrue();
    assertThat(store.find(v1.id())).contains(v2);
    assertThat(store.update(v2)).as("the same version again").isFalse();
    assertThat(store.update(v1.withRejection(check("dan")))).as("from a stale version").isFalse();
    assertThat(store.find(v1.id())).contains(v2);
    assertThat(store.update(v3)).isTrue();
    assertThat(store.find(v1.id())).contains(v3);
    assertThat(store.update(request("ADJ-9", 5).withApproval(check("bob")))).as("no such request").isFalse();
    assertThat(store.find(ApprovalId.of("ADJ-9"))).isEmpty();
  }

  @Test
  void requestsAreListedByStatusInInsertionOrderPageByPage() {
    ApprovalStore store = createStore();
    List<ApprovalRequest> inserted = new ArrayList<>();
    for (String id : List.of("ADJ-5", "ADJ-1", "ADJ-4", "ADJ-2", "ADJ-3")) {
      ApprovalRequest r = request(id, 500);
      store.insert(r);
      inserted.add(r);
    }
    ApprovalRequest approved = inserted.get(1).withApproval(check("bob"));
    ApprovalRequest rejected = inserted.get(3).withRejection(check("caro"));
    store.update(approved);
    store.update(rejected);

    for (int limit : List.of(1, 2, 3, 10)) {
      assertThat(listAll(store, ApprovalStatus.PENDING, limit))
          .containsExactly(inserted.get(0), inserted.get(2), inserted.get(4));
      assertThat(listAll(store, ApprovalStatus.APPROVED, limit)).containsExactly(approved);
      assertThat(listAll(store, ApprovalStatus.REJECTED, limit)).containsExactly(rejected);
    }
    assertThat(store.list(ApprovalStatus.PENDING, Optional.of(ApprovalId.of("ADJ-1")), 10))
        .containsExactly(inserted.get(2), inserted.get(4));
    assertThat(store.list(ApprovalStatus.PENDING, Optional.of(ApprovalId.of("ADJ-3")), 10)).isEmpty();
    assertThatThrownBy(() -> store.list(ApprovalStatus.PENDING, Optional.of(ApprovalId.of("ADJ-9")), 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ADJ-9");
    assertThatThrownBy(() -> store.list(ApprovalStatus.PENDING, Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentInsertsOfOneIdLetExactlyOneIn() throws Exception {
    ApprovalStore store = createStore();
    List<Boolean> outcomes = race(16, i -> store.insert(request("ADJ-1", 100 + i)));

    assertThat(outcomes).filteredOn(b -> b).hasSize(1);
    long winner = 100 + outcomes.indexOf(true);
    assertThat(store.find(ApprovalId.of("ADJ-1")).orElseThrow().points()).hasValue(winner);
    assertThat(store.list(ApprovalStatus.PENDING, Optional.empty(), 100)).hasSize(1);
  }

  @Test
  void concurrentUpdatesFromOneVersionLetExactlyOneWin() throws Exception {
    ApprovalStore store = createStore();
    ApprovalRequest v1 = request("ADJ-1", 500);
    store.insert(v1);
    List<ApprovalRequest> attempts = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      attempts.add(i % 2 == 0 ? v1.withApproval(check("checker-" + i)) : v1.withRejection(check("checker-" + i)));
    }

    List<Boolean> outcomes = race(16, i -> store.update(attempts.get(i)));

    assertThat(outcomes).filteredOn(b -> b).hasSize(1);
    assertThat(store.find(v1.id())).contains(attempts.get(outcomes.indexOf(true)));
  }

  /** Runs {@code work(0..threads-1)} on as many threads released at once; their results in order. */
  private static List<Boolean> race(int threads, IntWork work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int i = t;
        futures.add(pool.submit(() -> {
          start.await();
          return work.run(i);
        }));
      }
      start.countDown();
      List<Boolean> outcomes = new ArrayList<>();
      for (Future<Boolean> f : futures) {
        outcomes.add(f.get(1, TimeUnit.MINUTES));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private interface IntWork {
    boolean run(int i);
  }

  @Test
  void manyRequestsPageThroughInOrder() {
    ApprovalStore store = createStore();
    int n = 3_000;
    List<ApprovalRequest> pending = new ArrayList<>();
    List<ApprovalRequest> approved = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ApprovalRequest r = request("ADJ-" + i, 1 + i % 900);
      store.insert(r);
      if (i % 3 == 0) {
        ApprovalRequest a = r.withApproval(check("bob"));
        store.update(a);
        approved.add(a);
      } else {
        pending.add(r);
      }
    }

    assertThat(listAll(store, ApprovalStatus.PENDING, 250)).isEqualTo(pending);
    assertThat(listAll(store, ApprovalStatus.APPROVED, 1_000)).isEqualTo(approved);
    assertThat(store.find(ApprovalId.of("ADJ-2999"))).contains(pending.get(pending.size() - 1));
  }
}
