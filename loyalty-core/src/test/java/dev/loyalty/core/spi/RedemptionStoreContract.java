package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rewards.CatalogItem;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.CatalogVersion;
import dev.loyalty.core.rewards.ItemText;
import dev.loyalty.core.rewards.ItemTexts;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionAction;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRefusal;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rewards.Refund;
import dev.loyalty.core.rewards.RewardKind;
import dev.loyalty.core.rewards.Shipment;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.Together;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RedemptionStore} must do; the in-memory and PostgreSQL stores and a host's own
 * extend it. What is stored reads back equal, also through a store opened again on the same data
 * (a restart); filing is atomic per id; a replacement is a compare-and-set on the revision, also
 * against concurrent writers on several store objects (several application instances).
 */
public abstract class RedemptionStoreContract {
  protected static final Instant T0 = Instant.parse("2026-07-02T04:30:00Z");
  protected static final PartnerId DEALER = PartnerId.of("dealer-a");
  protected static final MemberId OWNER = MemberId.of("dealer-a-owner");
  protected static final CatalogItem WATCH = CatalogItem.of(CatalogItemId.of("WATCH"),
      new RewardKind.Merchandise(true, Optional.of("SW-1")), 1_000, ItemTexts.of(Locale.ENGLISH, ItemText.of("Watch")));

  /** A new, empty store. */
  protected abstract RedemptionStore createStore();

  /**
   * A new store object on what {@code store} keeps, as after a restart of the process or on another
   * application instance; a store whose data lives only as long as the object returns it.
   */
  protected RedemptionStore reopen(RedemptionStore store) {
    return store;
  }

  /** Redemption {@code id} of {@code units} watches, filed at revision 0, from {@code wallet}. */
  protected static Redemption requested(String id, ParticipantId wallet, int units) {
    RedemptionRequest request = new RedemptionRequest(RedemptionId.of(id), wallet, OWNER, WATCH.id(), units);
    return Redemption.requested(request, DEALER, CatalogVersion.of("2026-07"), WATCH, T0, T0.plus(Duration.ofDays(30)));
  }

  /** {@code r} placed, shipped, delivered and partly returned: every field set. */
  protected static Redemption everythingSet(Redemption r) {
    Redemption ordered = r.withHold(HoldId.of(7)).moved(RedemptionStatus.ORDERED, T0, "ordered");
    Redemption shipped = ordered.filing(new RedemptionAction.Ship(T0.plusSeconds(60), Shipment.of("Blue Dart", "BD1")))
        .withPayment(new TransactionId(9)).withShipment(Shipment.of("Blue Dart", "BD1"))
        .moved(RedemptionStatus.SHIPPED, T0.plusSeconds(60), "shipped");
    return shipped.moved(RedemptionStatus.DELIVERED, T0.plusSeconds(120), "delivered")
        .withRefund(new Refund(Refund.Kind.RETURN, "RMA-1", 1, 1_000, new TransactionId(11)))
        .withCodes(List.of("C-1")).withReference("ref-1")
        .filing(new RedemptionAction.Return(T0.plusSeconds(180), "RMA-2", 1, "too big", 2));
  }

  @Test
  void aFiledRedemptionReadsBackEqual() {
    RedemptionStore store = createStore();
    Redemption r = requested("R-1", OWNER, 1);

    assertThat(store.insertIfAbsent(r)).isEmpty();

    assertThat(store.find(r.id())).contains(r);
    assertThat(store.ofWallet(OWNER)).containsExactly(r);
    assertThat(store.unsettled()).containsExactly(r);
    assertThat(store.find(RedemptionId.of("R-404"))).isEmpty();
    assertThat(store.ofWallet(DEALER)).isEmpty();
  }

  @Test
  void everyFieldReadsBackEqual() {
    RedemptionStore store = createStore();
    Redemption filed = requested("R-1", DEALER, 2);
    store.insertIfAbsent(filed);
    Redemption full = everythingSet(filed);
    // every version in between was saved by the engine; here we jump, so bring the revision along
    Redemption stored = filed;
    for (long rev = 1; rev < full.revision(); rev++) {
      Redemption step = stored.filing(new RedemptionAction.Deliver(T0));
      assertThat(store.replace(stored, step)).isTrue();
      stored = step;
    }
    assertThat(store.replace(stored, full)).isTrue();

    assertThat(store.find(full.id())).contains(full);
    Redemption refusedOne = requested("R-2", DEALER, 1).refused(new RedemptionRefusal(
        RedemptionRefusal.Code.OUT_OF_STOCK, "WATCH has 0 units left in stock, 1 asked"), T0);
    Redemption r2 = requested("R-2", DEALER, 1);
    store.insertIfAbsent(r2);
    assertThat(store.replace(r2, refusedOne)).isTrue();
    assertThat(store.find(r2.id())).contains(refusedOne);
  }

  @Test
  void filingAnIdAgainReturnsTheFirstAndChangesNothing() {
    RedemptionStore store = createStore();
    Redemption first = requested("R-1", OWNER, 1);
    Redemption other = requested("R-1", DEALER, 3);
    store.insertIfAbsent(first);

    assertThat(store.insertIfAbsent(other)).contains(first);

    assertThat(store.find(first.id())).contains(first);
    assertThat(store.ofWallet(DEALER)).isEmpty();
    assertThat(store.unsettled()).containsExactly(first);
  }

  @Test
  void onlyRevisionZeroIsFiled() {
    RedemptionStore store = createStore();
    Redemption later = requested("R-1", OWNER, 1).filing(new RedemptionAction.Expire(T0));

    assertThatThrownBy(() -> store.insertIfAbsent(later)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("R-1").hasMessageContaining("revision 0");
    assertThat(store.find(later.id())).isEmpty();
  }

  @Test
  void replaceIsACompareAndSetOnTheRevision() {
    RedemptionStore store = createStore();
    Redemption v0 = requested("R-1", OWNER, 1);
    store.insertIfAbsent(v0);
    Redemption v1 = v0.withHold(HoldId.of(1)).moved(RedemptionStatus.ORDERED, T0, "ordered");
    Redemption v1b = v0.filing(new RedemptionAction.Cancel(T0, "changed mind"));

    assertThat(store.replace(v0, v1)).isTrue();
    assertThat(store.replace(v0, v1b)).isFalse();

    assertThat(store.find(v0.id())).contains(v1);
    assertThat(store.replace(requested("R-404", OWNER, 1), requested("R-404", OWNER, 1)
        .filing(new RedemptionAction.Expire(T0)))).isFalse();
    assertThat(store.find(RedemptionId.of("R-404"))).isEmpty();
  }

  @Test
  void replaceRefusesAnotherRedemptionOrASkippedRevision() {
    RedemptionStore store = createStore();
    Redemption v0 = requested("R-1", OWNER, 1);
    store.insertIfAbsent(v0);
    Redemption v2 = v0.filing(new RedemptionAction.Expire(T0)).filing(new RedemptionAction.Expire(T0));

    assertThatThrownBy(() -> store.replace(v0, v2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("revision 1");
    assertThatThrownBy(() -> store.replace(v0, requested("R-2", OWNER, 1).filing(new RedemptionAction.Expire(T0))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find(v0.id())).contains(v0);
  }

  @Test
  void aWalletsRedemptionsComeInFilingOrder() {
    RedemptionStore store = createStore();
    for (int i = 1; i <= 5; i++) {
      store.insertIfAbsent(requested("R-" + i, i % 2 == 0 ? DEALER : OWNER, i));
    }

    assertThat(store.ofWallet(OWNER)).extracting(r -> r.id().value()).containsExactly("R-1", "R-3", "R-5");
    assertThat(store.ofWallet(DEALER)).extracting(r -> r.id().value()).containsExactly("R-2", "R-4");
  }

  @Test
  void aWalletsRedemptionsOfOneItemComeInFilingOrderWithoutTheOtherItems() {
    RedemptionStore store = createStore();
    CatalogItem ring = CatalogItem.of(CatalogItemId.of("RING"), new RewardKind.Merchandise(true, Optional.empty()),
        500, ItemTexts.of(Locale.ENGLISH, ItemText.of("Ring")));
    for (int i = 1; i <= 6; i++) {
      CatalogItem item = i % 3 == 0 ? ring : WATCH;
      RedemptionRequest request = new RedemptionRequest(RedemptionId.of("R-" + i), i % 2 == 0 ? DEALER : OWNER, OWNER,
          item.id(), i);
      store.insertIfAbsent(Redemption.requested(request, DEALER, CatalogVersion.of("2026-07"), item, T0,
          T0.plus(Duration.ofDays(30))));
    }
    Redemption r1 = store.find(RedemptionId.of("R-1")).orElseThrow();
    Redemption r1Ordered = r1.withHold(HoldId.of(1)).moved(RedemptionStatus.ORDERED, T0, "ordered");
    store.replace(r1, r1Ordered);

    assertThat(store.ofWallet(OWNER, WATCH.id())).extracting(r -> r.id().value()).containsExactly("R-1", "R-5");
    assertThat(store.ofWallet(OWNER, WATCH.id())).first().as("the latest version").isEqualTo(r1Ordered);
    assertThat(store.ofWallet(OWNER, ring.id())).extracting(r -> r.id().value()).containsExactly("R-3");
    assertThat(store.ofWallet(DEALER, ring.id())).extracting(r -> r.id().value()).containsExactly("R-6");
    assertThat(store.ofWallet(DEALER, WATCH.id())).extracting(r -> r.id().value()).containsExactly("R-2", "R-4");
    assertThat(store.ofWallet(MemberId.of("nobody"), WATCH.id())).isEmpty();
    assertThat(store.ofWallet(OWNER, CatalogItemId.of("NOTHING"))).isEmpty();
    assertThat(reopen(store).ofWallet(OWNER, WATCH.id())).extracting(r -> r.id().value())
        .containsExactly("R-1", "R-5");
  }

  @Test
  void unsettledHasWhatIsNotFinalOrHasAChangePendingInFilingOrder() {
    RedemptionStore store = createStore();
    Redemption a = requested("R-a", OWNER, 1);
    Redemption b = requested("R-b", OWNER, 1);
    Redemption c = requested("R-c", OWNER, 1);
    store.insertIfAbsent(a);
    store.insertIfAbsent(b);
    store.insertIfAbsent(c);
    Redemption aOrdered = a.withHold(HoldId.of(1)).moved(RedemptionStatus.ORDERED, T0, "ordered");
    Redemption bRefused = b.refused(new RedemptionRefusal(RedemptionRefusal.Code.NO_CODE, "no code"), T0);
    store.replace(a, aOrdered);
    store.replace(b, bRefused);

    assertThat(store.unsettled()).extracting(r -> r.id().value()).containsExactly("R-a", "R-c");

    Redemption cFulfilled = c.withHold(HoldId.of(3)).withPayment(new TransactionId(4))
        .moved(RedemptionStatus.FULFILLED, T0, "fulfilled");
    store.replace(c, cFulfilled);
    assertThat(store.unsettled()).extracting(r -> r.id().value()).containsExactly("R-a");

    // a settled redemption with a change filed is unsettled again, in its filing place
    Redemption aCancelled = aOrdered.moved(RedemptionStatus.CANCELLED, T0, "cancelled");
    store.replace(aOrdered, aCancelled);
    Redemption cReturning = cFulfilled.filing(new RedemptionAction.Expire(T0));
    store.replace(cFulfilled, cReturning);
    Redemption d = requested("R-d", OWNER, 1);
    store.insertIfAbsent(d);
    assertThat(store.unsettled()).extracting(r -> r.id().value()).containsExactly("R-c", "R-d");
  }

  @Test
  void ofEightThreadsFilingOneIdExactlyOneFilesIt() {
    RedemptionStore store = createStore();

    List<Together.Outcome<Optional<Redemption>>> outcomes = Together.race(8, i -> store.insertIfAbsent(
        requested("R-1", OWNER, i + 1)));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.won()).isTrue());
    assertThat(outcomes.stream().filter(o -> o.value().isEmpty()).count()).isEqualTo(1);
    Redemption stored = store.find(RedemptionId.of("R-1")).orElseThrow();
    assertThat(outcomes).filteredOn(o -> o.value().isPresent()).allSatisfy(o -> assertThat(o.value()).contains(stored));
    assertThat(store.ofWallet(OWNER)).containsExactly(stored);
  }

  @Test
  void ofEightThreadsReplacingOneVersionExactlyOneSucceeds() {
    RedemptionStore store = createStore();
    Redemption v0 = requested("R-1", OWNER, 1);
    store.insertIfAbsent(v0);

    List<Together.Outcome<Boolean>> outcomes = Together.race(8, i -> store.replace(v0,
        v0.filing(new RedemptionAction.Cancel(T0, "reason " + i))));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.won()).isTrue());
    assertThat(outcomes.stream().filter(Together.Outcome::value).count()).isEqualTo(1);
    assertThat(store.find(v0.id()).orElseThrow().revision()).isEqualTo(1);
  }

  @Test
  void eightThreadsFilingForOneWalletLoseNothing() {
    RedemptionStore store = createStore();

    Together.race(8, t -> {
      for (int i = 0; i < 50; i++) {
        store.insertIfAbsent(requested("R-" + t + "-" + i, OWNER, 1));
      }
      return null;
    });

    assertThat(store.ofWallet(OWNER)).hasSize(400).doesNotHaveDuplicates();
    assertThat(store.unsettled()).hasSize(400);
  }

  @Test
  void whatIsStoredSurvivesAReopenAndItsRevisionsStillGuardIt() {
    RedemptionStore store = createStore();
    Redemption a = requested("R-a", OWNER, 1);
    Redemption b = requested("R-b", DEALER, 2);
    store.insertIfAbsent(a);
    store.insertIfAbsent(b);
    Redemption aOrdered = a.withHold(HoldId.of(1)).moved(RedemptionStatus.ORDERED, T0, "ordered");
    store.replace(a, aOrdered);

    RedemptionStore reopened = reopen(store);

    assertThat(reopened.find(a.id())).contains(aOrdered);
    assertThat(reopened.ofWallet(DEALER)).containsExactly(b);
    assertThat(reopened.unsettled()).containsExactly(aOrdered, b);
    assertThat(reopened.insertIfAbsent(requested("R-a", OWNER, 3))).contains(aOrdered);
    assertThat(reopened.replace(a, a.filing(new RedemptionAction.Expire(T0)))).isFalse();
    Redemption aCancelled = aOrdered.filing(new RedemptionAction.Cancel(T0, "changed mind"));
    assertThat(reopened.replace(aOrdered, aCancelled)).isTrue();
    assertThat(store.find(a.id())).contains(aCancelled);
  }

  @Test
  void paidOtherThanTellsWhetherAnotherRedemptionOfTheWalletWasPaid() {
    RedemptionStore store = createStore();
    Redemption a = requested("R-a", OWNER, 1);
    Redemption b = requested("R-b", OWNER, 1);
    store.insertIfAbsent(a);
    store.insertIfAbsent(b);
    store.insertIfAbsent(requested("R-c", DEALER, 1));

    assertThat(store.paidOtherThan(OWNER, a.id())).isFalse();
    Redemption aPaid = a.withHold(HoldId.of(1)).withPayment(new TransactionId(2))
        .moved(RedemptionStatus.FULFILLED, T0, "fulfilled");
    store.replace(a, aPaid);

    assertThat(store.paidOtherThan(OWNER, a.id())).as("its own payment does not count").isFalse();
    assertThat(store.paidOtherThan(OWNER, b.id())).isTrue();
    assertThat(store.paidOtherThan(DEALER, RedemptionId.of("R-c"))).isFalse();
    assertThat(store.paidOtherThan(MemberId.of("nobody"), b.id())).isFalse();
  }

  @Test
  void ofEightThreadsOnTwoStoreObjectsReplacingOneVersionExactlyOneSucceeds() {
    RedemptionStore store = createStore();
    RedemptionStore other = reopen(store);
    Redemption v0 = requested("R-1", OWNER, 1);
    store.insertIfAbsent(v0);

    List<Together.Outcome<Boolean>> outcomes = Together.race(8, i -> (i % 2 == 0 ? store : other).replace(v0,
        v0.filing(new RedemptionAction.Cancel(T0, "reason " + i))));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.won()).isTrue());
    assertThat(outcomes.stream().filter(Together.Outcome::value).count()).isEqualTo(1);
    Redemption stored = other.find(v0.id()).orElseThrow();
    assertThat(stored.revision()).isEqualTo(1);
    assertThat(store.find(v0.id())).contains(stored);
  }

  @Test
  void eightThreadsEachMovingTheirOwnRedemptionsKeepEveryVersionAndTheFilingOrder() {
    RedemptionStore store = createStore();

    List<Together.Outcome<List<Redemption>>> outcomes = Together.race(8, t -> {
      List<Redemption> last = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Redemption r = requested("R-" + t + "-" + i, OWNER, 1);
        assertThat(store.insertIfAbsent(r)).isEmpty();
        Redemption ordered = r.withHold(HoldId.of(i + 1)).moved(RedemptionStatus.ORDERED, T0, "ordered");
        assertThat(store.replace(r, ordered)).isTrue();
        Redemption next = i % 2 == 0 ? ordered.filing(new RedemptionAction.Ship(T0, Shipment.of("DTDC", "D-" + t)))
            : ordered.moved(RedemptionStatus.CANCELLED, T0, "cancelled");
        assertThat(store.replace(ordered, next)).isTrue();
        last.add(next);
      }
      return last;
    });

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    List<Redemption> expected = outcomes.stream().flatMap(o -> o.value().stream()).toList();
    assertThat(store.ofWallet(OWNER)).hasSize(80).containsExactlyInAnyOrderElementsOf(expected);
    for (int t = 0; t < 8; t++) {
      String prefix = "R-" + t + "-";
      assertThat(store.ofWallet(OWNER)).extracting(r -> r.id().value()).filteredOn(id -> id.startsWith(prefix))
          .as("one thread's redemptions in the order it filed them")
          .containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 3, prefix + 4, prefix + 5, prefix + 6,
              prefix + 7, prefix + 8, prefix + 9);
    }
  }
}
