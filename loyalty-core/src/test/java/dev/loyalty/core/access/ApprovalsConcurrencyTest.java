package dev.loyalty.core.access;

import static dev.loyalty.core.access.AccessFixture.ADMIN;
import static dev.loyalty.core.access.AccessFixture.ANA;
import static dev.loyalty.core.access.AccessFixture.BOB;
import static dev.loyalty.core.access.AccessFixture.CARO;
import static dev.loyalty.core.access.AccessFixture.adjustment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import dev.loyalty.core.spi.ApprovalStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Checkers deciding one request at the same moment, on real threads: in one {@link Approvals}, and
 * in several that share the stores as application instances would. Exactly one decision wins (two
 * on a two-checker request), every other attempt is refused, and the audit log has one entry per
 * attempt with an intact chain. Between instances, a store that holds every checker's first read
 * until all have read makes them all decide from the same version, so only the store's version
 * check keeps them apart.
 */
class ApprovalsConcurrencyTest {
  private static final int ROUNDS = 150;
  private final AccessFixture f = new AccessFixture();
  private final Rendezvous rendezvous = new Rendezvous(f.store);
  private final ExecutorService pool = Executors.newFixedThreadPool(3);

  /** Holds the first {@code parties} reads of a round until all of them have read. */
  private static final class Rendezvous implements ApprovalStore {
    private final ApprovalStore store;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CyclicBarrier barrier = new CyclicBarrier(1);

    Rendezvous(ApprovalStore store) {
      this.store = store;
    }

    void arm(int parties) {
      barrier = new CyclicBarrier(parties);
      waiting.set(parties);
    }

    @Override
    public Optional<ApprovalRequest> find(ApprovalId id) {
      Optional<ApprovalRequest> found = store.find(id);
      if (waiting.getAndDecrement() > 0) {
        try {
          barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("the checkers did not all read", e);
        }
      }
      return found;
    }

    @Override
    public boolean insert(ApprovalRequest request) {
      return store.insert(request);
    }

    @Override
    public boolean update(ApprovalRequest request) {
      return store.update(request);
    }

    @Override
    public List<ApprovalRequest> list(ApprovalStatus status, Optional<ApprovalId> after, int limit) {
      return store.list(status, after, limit);
    }
  }

  /** Another application instance: its own approvals and audit log over the shared stores. */
  private Approvals instance() {
    return Approvals.using(rendezvous, AuditLog.using(f.auditStore, f.clock), Authorizer.standard(), f.clock);
  }

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
  }

  /** Runs {@code attempts} released together; returns what each returned, or the refusal it threw. */
  private List<Object> race(List<Callable<ApprovalRequest>> attempts) throws Exception {
    CyclicBarrier start = new CyclicBarrier(attempts.size());
    List<Future<Object>> futures = new ArrayList<>();
    for (Callable<ApprovalRequest> attempt : attempts) {
      futures.add(pool.submit(() -> {
        start.await();
        try {
          return attempt.call();
        } catch (AccessRefusedException refused) {
          return refused;
        }
      }));
    }
    List<Object> outcomes = new ArrayList<>();
    for (Future<Object> future : futures) {
      outcomes.add(future.get(1, TimeUnit.MINUTES));
    }
    return outcomes;
  }

  private static long won(List<Object> outcomes) {
    return outcomes.stream().filter(ApprovalRequest.class::isInstance).count();
  }

  private void twoCheckersApproveOneRequest(Approvals first, Approvals second, boolean sameVersion)
      throws Exception {
    for (int i = 0; i < ROUNDS; i++) {
      ApprovalId id = f.approvals.submit(ANA, adjustment("ADJ-" + i, 500)).id();
      if (sameVersion) {
        rendezvous.arm(2);
      }

      List<Object> outcomes = race(List.of(() -> first.approve(id, BOB, "ok"), () -> second.approve(id, CARO, "ok")));

      assertThat(won(outcomes)).as("round %d: %s", i, outcomes).isEqualTo(1);
      Object lost = outcomes.stream().filter(o -> !(o instanceof ApprovalRequest)).findFirst().orElseThrow();
      assertThat(lost).isInstanceOfSatisfying(ApprovalDecidedException.class,
          e -> assertThat(e.code()).isEqualTo(RefusalCode.ALREADY_DECIDED));
      ApprovalRequest stored = f.approvals.find(id).orElseThrow();
      assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
      assertThat(stored.approvals()).hasSize(1);
      assertThat(outcomes).contains(stored);
    }
    List<AuditEntry> entries = f.entries();
    assertThat(entries).hasSize(3 * ROUNDS);
    assertThat(entries).filteredOn(e -> e.record().action().equals("adjustment.approve"))
        .extracting(e -> e.record().outcome())
        .containsOnly(AuditOutcome.ALLOWED, AuditOutcome.REFUSED)
        .filteredOn(o -> o == AuditOutcome.ALLOWED).hasSize(ROUNDS);
    assertThat(entries).filteredOn(e -> e.record().outcome() == AuditOutcome.REFUSED)
        .allSatisfy(e -> assertThat(e.record().code()).contains("ALREADY_DECIDED")).hasSize(ROUNDS);
    f.chainIntact();
  }

  @Test
  void twoCheckersAtOnceInOneInstance_exactlyOneWins() throws Exception {
    twoCheckersApproveOneRequest(f.approvals, f.approvals, false);
  }

  @Test
  void twoCheckersAtOnceInTwoInstances_exactlyOneWins() throws Exception {
    twoCheckersApproveOneRequest(instance(), instance(), true);
  }

  @Test
  void anApprovalAndARejectionAtOnce_exactlyOneDecides() throws Exception {
    int approved = 0;
    Approvals one = instance();
    Approvals other = instance();
    for (int i = 0; i < ROUNDS; i++) {
      ApprovalId id = f.approvals.submit(ANA, adjustment("ADJ-" + i, 500)).id();
      rendezvous.arm(2);

      List<Object> outcomes = race(List.of(() -> one.approve(id, BOB, "ok"), () -> other.reject(id, CARO, "no")));

      assertThat(won(outcomes)).isEqualTo(1);
      ApprovalRequest stored = f.approvals.find(id).orElseThrow();
      assertThat(outcomes).contains(stored);
      approved += stored.status() == ApprovalStatus.APPROVED ? 1 : 0;
    }
    assertThat(f.entries()).hasSize(3 * ROUNDS);
    assertThat(f.requests()).filteredOn(r -> r.status() == ApprovalStatus.APPROVED).hasSize(approved);
    assertThat(f.requests()).filteredOn(r -> r.status() == ApprovalStatus.REJECTED).hasSize(ROUNDS - approved);
    f.chainIntact();
  }

  @Test
  void threeCheckersAtOnceOnATwoCheckerRequest_exactlyTwoCount() throws Exception {
    List<Approvals> instances = List.of(instance(), instance(), instance());
    for (int i = 0; i < ROUNDS / 3; i++) {
      ApprovalId id = f.approvals.submit(ANA, adjustment("ADJ-" + i, 15_000)).id();
      rendezvous.arm(3);

      List<Object> outcomes = race(List.of(() -> instances.get(0).approve(id, BOB, "ok"),
          () -> instances.get(1).approve(id, CARO, "ok"), () -> instances.get(2).approve(id, ADMIN, "ok")));

      assertThat(won(outcomes)).isEqualTo(2);
      ApprovalRequest stored = f.approvals.find(id).orElseThrow();
      assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
      assertThat(stored.approvals()).extracting(Check::checker).doesNotHaveDuplicates().hasSize(2)
          .doesNotContain(ANA.id());
      assertThat(outcomes).filteredOn(o -> !(o instanceof ApprovalRequest)).singleElement()
          .isInstanceOf(ApprovalDecidedException.class);
    }
    assertThat(f.entries()).hasSize(4 * (ROUNDS / 3));
    f.chainIntact();
  }
}
