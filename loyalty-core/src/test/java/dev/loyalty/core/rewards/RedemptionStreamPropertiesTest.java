package dev.loyalty.core.rewards;

import static dev.loyalty.core.testing.RewardsFixture.CASHBACK;
import static dev.loyalty.core.testing.RewardsFixture.DEALER;
import static dev.loyalty.core.testing.RewardsFixture.GIFT_CARD;
import static dev.loyalty.core.testing.RewardsFixture.MUG;
import static dev.loyalty.core.testing.RewardsFixture.T0;
import static dev.loyalty.core.testing.RewardsFixture.VOUCHER;
import static dev.loyalty.core.testing.RewardsFixture.WATCH;
import static dev.loyalty.core.testing.RewardsFixture.owner;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.RewardsFixture;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.LotReservation;
import dev.loyalty.ledger.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random streams of earning, redeeming (every way an item is fulfilled, from members' and an
 * organisation's wallets), shipping, delivering, failed deliveries, cancelling, returning, catalog
 * versions with other prices, and time passing past hold timeouts, against a plain model: every
 * refusal is the one the model predicts and changes nothing; after every step the ledger balances,
 * its lots match its balances, every wallet holds what the model says, stock is never negative nor
 * past what is declared, and a cancelled or expired redemption gives back the very lots it held
 * (their expiry dates with them) while a refund credits the expiry dates its payment took. At the
 * end every redemption is in one final state it reached by the lifecycle, with one event per
 * state.
 */
@PropertyDefaults(tries = 150)
class RedemptionStreamPropertiesTest {
  private static final MemberId OWNER = owner(DEALER);
  static final List<ParticipantId> WALLETS = List.of(ChannelFixture.rep(DEALER, 1),
      ChannelFixture.rep(DEALER, 2), owner(ChannelFixture.DEALERS.get(1)), DEALER);
  private static final List<CatalogItemId> ITEMS = List.of(WATCH, MUG, VOUCHER, GIFT_CARD, CASHBACK);
  private static final long[] WATCH_PRICES = {1_000, 1_500, 700};
  private static final int CODES = 4;
  private static final long WATCH_STOCK = 5;

  sealed interface Step {
  }

  record Earn(int wallet, long points, int expiryDays) implements Step {
  }

  record Redeem(int wallet, int item, int units) implements Step {
  }

  record Ship(int which) implements Step {
  }

  record Deliver(int which) implements Step {
  }

  record FailDelivery(int which) implements Step {
  }

  record Cancel(int which) implements Step {
  }

  record Return(int which, int units) implements Step {
  }

  record Fulfil(int which) implements Step {
  }

  record Publish(int price) implements Step {
  }

  record Wait(int days, boolean sweep) implements Step {
  }

  @Provide
  Arbitrary<List<Step>> streams() {
    Arbitrary<Integer> wallet = Arbitraries.integers().between(0, WALLETS.size() - 1);
    Arbitrary<Integer> which = Arbitraries.integers().between(0, 30);
    Arbitrary<Step> earn = Combinators.combine(wallet, Arbitraries.longs().between(200, 3_000),
        Arbitraries.integers().between(3, 400)).as(Earn::new);
    // goods more often than the rest: they have the longest lives
    Arbitrary<Integer> item = Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(2, 1), Tuple.of(2, 2), Tuple.of(1, 3),
        Tuple.of(2, 4));
    Arbitrary<Step> redeem = Combinators.combine(wallet, item, Arbitraries.integers().between(1, 3)).as(Redeem::new);
    Arbitrary<Step> ret = Combinators.combine(which, Arbitraries.integers().between(1, 3)).as(Return::new);
    Arbitrary<Step> single = Arbitraries.frequencyOf(Tuple.of(4, earn), Tuple.of(8, redeem),
        Tuple.of(4, which.map(Ship::new)), Tuple.of(4, which.map(Deliver::new)),
        Tuple.of(2, which.map(FailDelivery::new)), Tuple.of(2, which.map(Cancel::new)), Tuple.of(3, ret),
        Tuple.of(2, which.map(Fulfil::new)),
        Tuple.of(2, Arbitraries.integers().between(0, WATCH_PRICES.length - 1).map(Publish::new)),
        Tuple.of(2, Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.of(true, false))
            .as(Wait::new)));
    // Short lifecycles played in a row (each change aimed at the latest redemption it fits), so that
    // the long paths happen in most streams, interleaved with the random steps around them.
    Arbitrary<List<Step>> toTheDoorAndBack = Combinators.combine(wallet, Arbitraries.integers().between(1, 2))
        .as((w, u) -> List.of(new Redeem(w, 0, u), new Ship(LATEST), new Deliver(LATEST), new Return(LATEST, 1),
            new Return(LATEST, 1)));
    Arbitrary<List<Step>> failedDelivery = wallet.map(w -> List.of(new Redeem(w, 0, 1), new Ship(LATEST),
        new FailDelivery(LATEST)));
    Arbitrary<List<Step>> newPriceMeanwhile = Combinators.combine(wallet, Arbitraries.integers().between(1, 2))
        .as((w, p) -> List.of(new Redeem(w, 0, 1), new Publish(p), new Ship(LATEST), new Publish(0)));
    Arbitrary<List<Step>> tooLate = Combinators.combine(wallet, Arbitraries.of(0, 1, 4))
        .as((w, i) -> List.of(new Redeem(w, i, 1), new Wait(8, false),
            i == 0 ? new Ship(LATEST) : i == 1 ? new Deliver(LATEST) : new Fulfil(LATEST)));
    Arbitrary<List<Step>> rush = Arbitraries.of(List.of(new Redeem(0, 0, 2), new Redeem(1, 0, 2), new Redeem(2, 0, 2)),
        List.of(new Redeem(0, 2, 3), new Redeem(1, 2, 3)));
    Arbitrary<List<Step>> spendAll = wallet.map(w -> java.util.Collections.nCopies(7, (Step) new Redeem(w, 4, 3)));
    Arbitrary<List<Step>> chunk = Arbitraries.frequencyOf(Tuple.of(30, single.map(List::of)),
        Tuple.of(2, toTheDoorAndBack), Tuple.of(1, failedDelivery), Tuple.of(1, newPriceMeanwhile),
        Tuple.of(1, tooLate), Tuple.of(1, rush), Tuple.of(1, spendAll));
    return chunk.list().ofMinSize(10).ofMaxSize(40)
        .map(chunks -> chunks.stream().flatMap(List::stream).limit(90).toList());
  }

  /** A change aimed at the latest redemption it fits. */
  private static final int LATEST = 1;

  /** What the model expects of one redemption. */
  private static final class Expected {
    final RedemptionId id;
    final ParticipantId wallet;
    final CatalogItemId item;
    final int units;
    final long price;
    final Instant timeoutAt;
    RedemptionStatus status;
    int returned;

    Expected(RedemptionId id, ParticipantId wallet, CatalogItemId item, int units, long price, Instant timeoutAt,
        RedemptionStatus status) {
      this.id = id;
      this.wallet = wallet;
      this.item = item;
      this.units = units;
      this.price = price;
      this.timeoutAt = timeoutAt;
      this.status = status;
    }

    long points() {
      return price * units;
    }
  }

  /** The model: points per wallet, stock taken, codes left, and every redemption. */
  static final class Model {
    final Map<ParticipantId, Long> posted = new HashMap<>();
    final Map<ParticipantId, Long> available = new HashMap<>();
    final Map<CatalogItemId, Long> taken = new HashMap<>();
    final List<Expected> redemptions = new ArrayList<>();
    long codesLeft = CODES;
    long watchPrice = WATCH_PRICES[0];
    final Set<String> happened = new java.util.HashSet<>();

    void add(ParticipantId w, long postedDelta, long availableDelta) {
      posted.merge(w, postedDelta, Long::sum);
      available.merge(w, availableDelta, Long::sum);
    }

    long price(CatalogItemId item) {
      return item.equals(WATCH) ? watchPrice : item.equals(MUG) ? 200 : item.equals(VOUCHER) ? 500
          : item.equals(GIFT_CARD) ? 800 : 400;
    }

    long kept(ParticipantId w, CatalogItemId item, LocalDate today) {
      LocalDate first = today.withDayOfMonth(1);
      return redemptions.stream().filter(r -> r.wallet.equals(w) && r.item.equals(item) && r.status.counts()
          && !r.timeoutAt.minus(Duration.ofDays(7)).atZone(ChannelFixture.ZONE).toLocalDate().isBefore(first))
          .mapToLong(r -> r.units - r.returned).sum();
    }

    /** The redemption given back: held points available again, stock released. */
    void release(Expected r) {
      add(r.wallet, 0, r.points());
      taken.merge(r.item, -(long) r.units, Long::sum);
    }
  }

  /** A fixture to run a stream on: in memory here. */
  RewardsFixture newFixture() {
    return new RewardsFixture();
  }

  /** Whether a run of the property checks that every kind of step happened in some stream. */
  boolean checksCoverage() {
    return true;
  }

  @Property
  void redemptionsKeepTheLedgerTheStockAndTheLifecycleRight(@ForAll("streams") List<Step> steps) {
    RewardsFixture f = newFixture();
    Model model = play(f, steps);
    model.redemptions.forEach(r -> Statistics.label("ends").collect(r.status));
    for (String what : List.of("shipped", "delivered", "handed over", "returned in part", "returned in full",
        "delivery failed", "cancelled", "expired by the sweep", "expired when changed", "fulfilled by the host",
        "code from the pool", "code from the port", "price changed under an order", "repeated change",
        "refused: RedemptionLimitException", "refused: OutOfStockException", "refused: NoCodeAvailableException",
        "refused: InsufficientPointsException", "refused: RedemptionStateException")) {
      Statistics.label(what).collect(model.happened.contains(what));
      if (checksCoverage()) {
        // each happens in a good share of the streams: none may be missing from a whole run
        Statistics.label(what).coverage(c -> c.check(true).count(count -> count > 0));
      }
    }
  }

  /**
   * Plays {@code steps} on {@code f} beside the model, checking every refusal and the invariants
   * after each step, settles every redemption and checks their lifecycles; returns the model.
   */
  static Model play(RewardsFixture f, List<Step> steps) {
    f.loadCodes(CODES);
    Model model = new Model();
    for (ParticipantId w : WALLETS) { // two lots each, one expiring soon, so that redemptions take from both
      f.give(w, 1_500, T0.plus(Duration.ofDays(20)));
      f.give(w, 4_500, T0.plus(Duration.ofDays(300)));
      model.add(w, 6_000, 6_000);
    }
    int published = 1;
    for (Step step : steps) {
      Instant now = f.clock.instant();
      if (step instanceof Earn e) {
        ParticipantId w = WALLETS.get(e.wallet());
        f.give(w, e.points(), now.plus(Duration.ofDays(e.expiryDays())));
        model.add(w, e.points(), e.points());
      } else if (step instanceof Redeem r) {
        redeem(f, model, r, now);
      } else if (step instanceof Publish p) {
        published++;
        model.watchPrice = WATCH_PRICES[p.price()];
        f.catalogs.publish(CatalogLoader.fromJson(RewardsFixture.CATALOG.replace("\"v1\"", "\"v" + published + "\"")
            .replace("\"points\": 1000", "\"points\": " + model.watchPrice), f.program));
      } else if (step instanceof Wait w) {
        f.clock.advance(Duration.ofDays(w.days()));
        if (w.sweep()) {
          expireDue(f, model);
        }
      } else if (!model.redemptions.isEmpty()) {
        change(f, model, step, now);
      }
      checkInvariants(f, model);
    }
    settle(f, model);
    checkInvariants(f, model);
    checkLifecycles(f, model);
    return model;
  }

  private static void redeem(RewardsFixture f, Model model, Redeem step, Instant now) {
    ParticipantId wallet = WALLETS.get(step.wallet());
    CatalogItemId item = ITEMS.get(step.item());
    RedemptionId id = RedemptionId.of("R-" + (model.redemptions.size() + 1) + "-" + step.hashCode());
    MemberId redeemer = wallet instanceof MemberId m ? m : OWNER;
    RedemptionRequest request = new RedemptionRequest(id, wallet, redeemer, item, step.units());
    long points = model.price(item) * step.units();
    LocalDate today = now.atZone(ChannelFixture.ZONE).toLocalDate();
    Class<? extends LoyaltyException> refusal = null;
    long limit = item.equals(WATCH) ? 2 : item.equals(VOUCHER) ? 3 : Long.MAX_VALUE;
    if (model.kept(wallet, item, today) + step.units() > limit) {
      refusal = RedemptionLimitException.class;
    } else if (item.equals(WATCH) && model.taken.getOrDefault(WATCH, 0L) + step.units() > WATCH_STOCK) {
      refusal = OutOfStockException.class;
    } else if (item.equals(VOUCHER) && model.codesLeft < step.units()) {
      refusal = NoCodeAvailableException.class;
    } else if (model.available.getOrDefault(wallet, 0L) < points) {
      refusal = InsufficientPointsException.class;
    }
    if (refusal != null) {
      RewardsFixture.State before = f.state(WALLETS);
      Class<? extends LoyaltyException> expected = refusal;
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.rewards().redeem(request)).isInstanceOf(expected);
      assertThat(f.state(WALLETS)).isEqualTo(before);
      model.happened.add("refused: " + refusal.getSimpleName());
      return;
    }
    Redemption made = f.rewards().redeem(request);
    boolean atOnce = item.equals(VOUCHER) || item.equals(GIFT_CARD);
    assertThat(made.status()).isEqualTo(atOnce ? RedemptionStatus.FULFILLED : RedemptionStatus.ORDERED);
    assertThat(made.points()).isEqualTo(points);
    model.add(wallet, atOnce ? -points : 0, -points);
    model.taken.merge(item, (long) step.units(), Long::sum);
    if (item.equals(VOUCHER)) {
      model.codesLeft -= step.units();
      assertThat(made.codes()).hasSize(step.units());
      model.happened.add("code from the pool");
    } else if (item.equals(GIFT_CARD)) {
      assertThat(made.reference()).isPresent();
      model.happened.add("code from the port");
    }
    model.redemptions.add(new Expected(id, wallet, item, step.units(), model.price(item), made.holdTimeoutAt(),
        made.status()));
    assertThat(made.holdTimeoutAt()).isEqualTo(now.plus(Duration.ofDays(7)));
  }

  /** Whether {@code step} fits where {@code r} is (so that most changes are ones the lifecycle allows). */
  private static boolean fits(Step step, Expected r) {
    RedemptionStatus s = r.status;
    if (step instanceof Ship) {
      return s == RedemptionStatus.ORDERED && r.item.equals(WATCH);
    } else if (step instanceof Deliver) {
      return s == RedemptionStatus.SHIPPED || s == RedemptionStatus.ORDERED && r.item.equals(MUG);
    } else if (step instanceof FailDelivery) {
      return s == RedemptionStatus.SHIPPED;
    } else if (step instanceof Cancel) {
      return s == RedemptionStatus.ORDERED;
    } else if (step instanceof Return back) {
      return s == RedemptionStatus.DELIVERED && back.units() <= r.units - r.returned;
    }
    return s == RedemptionStatus.ORDERED && r.item.equals(CASHBACK);
  }

  private static void change(RewardsFixture f, Model model, Step step, Instant now) {
    int which = whichOf(step);
    List<Expected> fitting = model.redemptions.stream().filter(e -> fits(step, e)).toList();
    Expected r;
    if (which % 3 == 0 || fitting.isEmpty()) {
      r = model.redemptions.get(which % model.redemptions.size()); // any: often a change that does not fit
    } else if (which % 3 == LATEST) {
      r = fitting.get(fitting.size() - 1);
    } else {
      r = fitting.get(which % fitting.size());
    }
    Rewards rewards = f.rewards();
    boolean timedOut = !now.isBefore(r.timeoutAt);
    boolean ordered = r.status == RedemptionStatus.ORDERED;
    boolean repeated = step instanceof Cancel && r.status == RedemptionStatus.CANCELLED
        || step instanceof Deliver && r.status == RedemptionStatus.DELIVERED
        || step instanceof Ship && r.status == RedemptionStatus.SHIPPED
        || step instanceof FailDelivery && r.status == RedemptionStatus.DELIVERY_FAILED
        || step instanceof Fulfil && r.status == RedemptionStatus.FULFILLED && r.item.equals(CASHBACK);
    if (repeated) {
      // the same change again returns the redemption as it stands, and changes nothing
      RewardsFixture.State before = f.state(WALLETS);
      Redemption again = step instanceof Cancel ? rewards.cancel(r.id, "changed mind") : act(rewards, step, r.id);
      assertThat(again).isEqualTo(rewards.redemption(r.id).orElseThrow());
      assertThat(f.state(WALLETS)).isEqualTo(before);
      model.happened.add("repeated change");
    } else if (step instanceof Cancel) {
      if (ordered) {
        List<Lot> before = lots(f, r.wallet);
        Hold hold = hold(f, r.id);
        rewards.cancel(r.id, "changed mind");
        assertGivenBack(f, r.wallet, before, List.of(hold));
        model.release(r);
        r.status = RedemptionStatus.CANCELLED;
        model.happened.add("cancelled");
      } else {
        refusedUnchanged(f, () -> rewards.cancel(r.id, "changed mind"));
      }
    } else if (step instanceof Ship && ordered && r.item.equals(WATCH)
        || step instanceof Deliver && ordered && r.item.equals(MUG)
        || step instanceof Fulfil && ordered && r.item.equals(CASHBACK)) {
      if (timedOut) {
        List<Lot> before = lots(f, r.wallet);
        Hold hold = hold(f, r.id);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> act(rewards, step, r.id))
            .isInstanceOf(RedemptionStateException.class).hasMessageContaining("expired");
        assertGivenBack(f, r.wallet, before, List.of(hold));
        model.release(r);
        r.status = RedemptionStatus.EXPIRED;
        model.happened.add("expired when changed");
      } else {
        act(rewards, step, r.id);
        model.add(r.wallet, -r.points(), 0);
        r.status = step instanceof Ship ? RedemptionStatus.SHIPPED : step instanceof Deliver
            ? RedemptionStatus.DELIVERED : RedemptionStatus.FULFILLED;
        model.happened.add(step instanceof Ship ? "shipped" : step instanceof Deliver ? "handed over"
            : "fulfilled by the host");
        if (r.item.equals(WATCH) && r.price != model.watchPrice) {
          model.happened.add("price changed under an order");
        }
      }
    } else if (step instanceof Deliver && r.status == RedemptionStatus.SHIPPED) {
      rewards.deliver(r.id);
      r.status = RedemptionStatus.DELIVERED;
      model.happened.add("delivered");
    } else if (step instanceof FailDelivery && r.status == RedemptionStatus.SHIPPED) {
      Redemption failed = rewards.failDelivery(r.id, "nobody home");
      assertRefundCarriesPaymentDates(f, failed, true);
      model.add(r.wallet, r.points(), r.points());
      model.taken.merge(r.item, -(long) r.units, Long::sum);
      r.status = RedemptionStatus.DELIVERY_FAILED;
      model.happened.add("delivery failed");
    } else if (step instanceof Return back && r.status == RedemptionStatus.DELIVERED
        && back.units() <= r.units - r.returned) {
      Redemption returned = rewards.returnUnits(r.id, "RMA-" + f.clock.instant().toEpochMilli() + "-"
          + r.returned, back.units(), "came back");
      r.returned += back.units();
      model.add(r.wallet, r.price * back.units(), r.price * back.units());
      r.status = r.returned == r.units ? RedemptionStatus.RETURNED : RedemptionStatus.DELIVERED;
      assertThat(returned.status()).isEqualTo(r.status);
      assertRefundCarriesPaymentDates(f, returned, r.returned == r.units);
      model.happened.add(r.returned == r.units ? "returned in full" : "returned in part");
    } else {
      refusedUnchanged(f, () -> act(rewards, step, r.id));
      model.happened.add("refused: RedemptionStateException");
    }
    assertThat(rewards.redemption(r.id).orElseThrow().status()).isEqualTo(r.status);
  }

  private static int whichOf(Step step) {
    if (step instanceof Ship s) {
      return s.which();
    } else if (step instanceof Deliver d) {
      return d.which();
    } else if (step instanceof FailDelivery d) {
      return d.which();
    } else if (step instanceof Cancel c) {
      return c.which();
    } else if (step instanceof Return r) {
      return r.which();
    }
    return ((Fulfil) step).which();
  }

  private static Redemption act(Rewards rewards, Step step, RedemptionId id) {
    if (step instanceof Ship) {
      return rewards.ship(id, Shipment.of("Blue Dart", "BD-" + id));
    } else if (step instanceof Deliver) {
      return rewards.deliver(id);
    } else if (step instanceof FailDelivery) {
      return rewards.failDelivery(id, "nobody home");
    } else if (step instanceof Return back) {
      return rewards.returnUnits(id, "RMA-X", back.units(), "came back");
    }
    return rewards.fulfil(id, "NEFT-" + id);
  }

  private static void refusedUnchanged(RewardsFixture f, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    RewardsFixture.State before = f.state(WALLETS);
    org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOf(RedemptionStateException.class);
    assertThat(f.state(WALLETS)).isEqualTo(before);
  }

  /** Runs the timeout sweep and expires in the model what timed out. */
  private static void expireDue(RewardsFixture f, Model model) {
    Instant now = f.clock.instant();
    List<Expected> due = model.redemptions.stream().filter(r -> r.status == RedemptionStatus.ORDERED
        && !now.isBefore(r.timeoutAt)).toList();
    Map<ParticipantId, List<Lot>> before = new HashMap<>();
    Map<ParticipantId, List<Hold>> holds = new HashMap<>();
    for (Expected r : due) {
      before.computeIfAbsent(r.wallet, w -> lots(f, w));
      holds.computeIfAbsent(r.wallet, w -> new ArrayList<>()).add(hold(f, r.id));
    }
    List<Redemption> expired = f.rewards().expireTimedOut();
    assertThat(expired).extracting(Redemption::id).containsExactlyInAnyOrderElementsOf(due.stream()
        .map(r -> r.id).toList());
    before.forEach((w, lots) -> assertGivenBack(f, w, lots, holds.get(w)));
    for (Expected r : due) {
      model.release(r);
      r.status = RedemptionStatus.EXPIRED;
      model.happened.add("expired by the sweep");
    }
  }

  /** Ends every redemption: shipped goods are delivered, and what waits expires after its timeout. */
  private static void settle(RewardsFixture f, Model model) {
    for (Expected r : model.redemptions) {
      if (r.status == RedemptionStatus.SHIPPED) {
        f.rewards().deliver(r.id);
        r.status = RedemptionStatus.DELIVERED;
      }
    }
    f.clock.advance(Duration.ofDays(8));
    expireDue(f, model);
  }

  private static List<Lot> lots(RewardsFixture f, ParticipantId wallet) {
    AccountId account = f.program.accounts().wallet(wallet);
    return f.ledger.account(account).isPresent() ? f.ledger.lots(account, true) : List.of();
  }

  private static Hold hold(RewardsFixture f, RedemptionId id) {
    return f.ledger.findHold(f.rewards().redemption(id).orElseThrow().hold().orElseThrow()).orElseThrow();
  }

  /** The wallet's lots are as before, but for the points {@code released} reserved, which are free again. */
  private static void assertGivenBack(RewardsFixture f, ParticipantId wallet, List<Lot> before, List<Hold> released) {
    Map<LotId, Long> freed = new HashMap<>();
    for (Hold h : released) {
      for (LotReservation res : h.reservations()) {
        freed.merge(res.lot(), res.amount(), Long::sum);
      }
    }
    List<Lot> expected = before.stream().map(l -> l.with(l.remaining(), l.held() - freed.getOrDefault(l.id(), 0L)))
        .toList();
    assertThat(lots(f, wallet)).isEqualTo(expected);
  }

  /** Each refund credits the expiry dates the payment took from the wallet, never others, and a full refund all of them. */
  private static void assertRefundCarriesPaymentDates(RewardsFixture f, Redemption r, boolean full) {
    AccountId wallet = f.program.accounts().wallet(r.wallet());
    Transaction payment = f.ledger.findTransaction(r.payment().orElseThrow()).orElseThrow();
    Map<Optional<Instant>, Long> paid = byExpiry(payment, wallet, -1);
    Map<Optional<Instant>, Long> refunded = new TreeMap<>(java.util.Comparator.comparing(o -> o.orElse(Instant.MAX)));
    for (Refund refund : r.refunds()) {
      byExpiry(f.ledger.findTransaction(refund.transaction()).orElseThrow(), wallet, 1)
          .forEach((expiry, points) -> refunded.merge(expiry, points, Long::sum));
    }
    refunded.forEach((expiry, points) -> assertThat(points).isLessThanOrEqualTo(paid.getOrDefault(expiry, 0L)));
    if (full) {
      assertThat(refunded).isEqualTo(paid);
    }
  }

  private static Map<Optional<Instant>, Long> byExpiry(Transaction tx, AccountId wallet, int sign) {
    Map<Optional<Instant>, Long> out = new TreeMap<>(java.util.Comparator.comparing(o -> o.orElse(Instant.MAX)));
    for (LotMovement m : tx.lotMovements()) {
      if (m.account().equals(wallet) && Long.signum(m.amount()) == sign) {
        out.merge(m.expiresAt(), Math.abs(m.amount()), Long::sum);
      }
    }
    return out;
  }

  private static void checkInvariants(RewardsFixture f, Model model) {
    assertThat(f.ledger.trialBalance().isBalanced()).isTrue();
    for (ParticipantId w : WALLETS) {
      Balance balance = f.balance(w);
      assertThat(balance.posted()).as("posted of " + w).isEqualTo(model.posted.getOrDefault(w, 0L));
      assertThat(balance.available()).as("available of " + w).isEqualTo(model.available.getOrDefault(w, 0L));
      List<Lot> lots = lots(f, w);
      assertThat(lots.stream().mapToLong(Lot::remaining).sum()).isEqualTo(balance.posted());
      assertThat(lots.stream().mapToLong(Lot::held).sum()).isEqualTo(balance.pendingDebits());
    }
    for (CatalogItemId item : ITEMS) {
      StockLevel level = f.rewards().stock(item);
      assertThat(level.reserved()).isNotNegative();
      assertThat(level.used()).isNotNegative();
      assertThat(level.taken()).as("stock taken of " + item).isEqualTo(model.taken.getOrDefault(item, 0L));
    }
    assertThat(f.rewards().stock(WATCH).taken()).isLessThanOrEqualTo(WATCH_STOCK);
    assertThat(f.rewards().codesLeft(RewardsFixture.POOL)).isEqualTo(model.codesLeft);
    long paid = model.redemptions.stream().filter(r -> r.status != RedemptionStatus.ORDERED
        && r.status != RedemptionStatus.CANCELLED && r.status != RedemptionStatus.EXPIRED
        && r.status != RedemptionStatus.DELIVERY_FAILED).mapToLong(r -> r.price * (r.units - r.returned)).sum();
    assertThat(f.ledger.balance(f.program.accounts().redemptionClearing()).posted()).isEqualTo(paid);
  }

  private static void checkLifecycles(RewardsFixture f, Model model) {
    Map<String, Long> events = f.outboxEvents().stream().filter(e -> e instanceof LoyaltyEvent.RedemptionChanged)
        .collect(Collectors.groupingBy(LoyaltyEvent::id, LinkedHashMap::new, Collectors.counting()));
    for (Expected expected : model.redemptions) {
      Redemption r = f.rewards().redemption(expected.id).orElseThrow();
      assertThat(r.status()).isEqualTo(expected.status);
      assertThat(r.isSettled()).as(r.id() + " settled").isTrue();
      List<RedemptionStatus> path = r.history().stream().map(StatusChange::status).toList();
      assertThat(path.get(0)).isEqualTo(RedemptionStatus.REQUESTED);
      for (int i = 1; i < path.size(); i++) {
        RedemptionStatus from = path.get(i - 1);
        RedemptionStatus to = path.get(i);
        assertThat(from == to && to == RedemptionStatus.DELIVERED || from.canMoveTo(to))
            .as(r.id() + ": " + from + " -> " + to).isTrue();
      }
      Set<RedemptionStatus> finals = path.stream().filter(RedemptionStatus::isFinal).collect(Collectors.toSet());
      assertThat(finals.size() == 1 || finals.equals(Set.of(RedemptionStatus.DELIVERED, RedemptionStatus.RETURNED)))
          .as(r.id() + " ends in one final state: " + path).isTrue();
      for (RedemptionStatus reached : path.stream().distinct().filter(s -> s != RedemptionStatus.REQUESTED).toList()) {
        assertThat(events).containsEntry("redemption:" + r.id() + ":" + reached.name().toLowerCase(java.util.Locale.ROOT)
            .replace('_', '-'), 1L);
      }
      assertThat(r.terms().points()).isEqualTo(expected.price);
    }
    long changes = model.redemptions.stream().mapToLong(e -> f.rewards().redemption(e.id).orElseThrow().history()
        .stream().map(StatusChange::status).filter(s -> s != RedemptionStatus.REQUESTED).distinct().count()).sum();
    assertThat(events.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(changes);
  }
}
