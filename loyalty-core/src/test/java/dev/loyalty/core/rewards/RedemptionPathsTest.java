package dev.loyalty.core.rewards;

import static dev.loyalty.core.testing.RewardsFixture.CASHBACK;
import static dev.loyalty.core.testing.RewardsFixture.DEALER;
import static dev.loyalty.core.testing.RewardsFixture.GIFT_CARD;
import static dev.loyalty.core.testing.RewardsFixture.MUG;
import static dev.loyalty.core.testing.RewardsFixture.POOL;
import static dev.loyalty.core.testing.RewardsFixture.T0;
import static dev.loyalty.core.testing.RewardsFixture.VOUCHER;
import static dev.loyalty.core.testing.RewardsFixture.WATCH;
import static dev.loyalty.core.testing.RewardsFixture.byMember;
import static dev.loyalty.core.testing.RewardsFixture.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.RewardsFixture;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.Statement;
import dev.loyalty.ledger.StatementLine;
import dev.loyalty.ledger.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every way a redemption goes, end to end: the ledger, the stock, the codes, the events and the tracking. */
class RedemptionPathsTest {
  private static final MemberId REP = ChannelFixture.rep(DEALER, 1);
  private static final Instant AUGUST = Instant.parse("2026-08-31T18:29:59Z");
  private static final Instant DECEMBER = Instant.parse("2026-12-31T18:29:59Z");

  private final RewardsFixture f = new RewardsFixture();

  private AccountId wallet(dev.loyalty.core.model.ParticipantId p) {
    return f.program.accounts().wallet(p);
  }

  private List<RedemptionStatus> statuses(Redemption r) {
    return r.history().stream().map(StatusChange::status).toList();
  }

  private List<LoyaltyEvent.RedemptionChanged> changes(RedemptionId id) {
    return f.delivered.stream().filter(e -> e instanceof LoyaltyEvent.RedemptionChanged c && c.redemption().equals(id))
        .map(e -> (LoyaltyEvent.RedemptionChanged) e).toList();
  }

  @Test
  void pointsEarnedOnAnInvoiceBuyAVoucherFromThePoolAtOnce() {
    Receipt invoice = f.engine.record(ChannelFixture.sale("INV-1", DEALER, Optional.of(REP), T0, "CAB-25", "cables",
        100, "2000"));
    long earned = invoice.pointsByParticipant().get(REP);
    f.loadCodes(3);

    Redemption r = f.rewards().redeem(byMember("R-1", REP, VOUCHER));

    assertThat(r.status()).isEqualTo(RedemptionStatus.FULFILLED);
    assertThat(r.codes()).containsExactly("AMZ-0");
    assertThat(r.points()).isEqualTo(500);
    assertThat(statuses(r)).containsExactly(RedemptionStatus.REQUESTED, RedemptionStatus.FULFILLED);
    assertThat(f.balance(REP)).isEqualTo(new Balance(wallet(REP), earned - 500, 0, 0));
    assertThat(f.rewards().codesLeft(POOL)).isEqualTo(2);
    assertThat(f.rewards().stock(VOUCHER)).isEqualTo(new StockLevel(VOUCHER, Stock.unlimited(), 0, 1));
    assertThat(changes(r.id())).extracting(LoyaltyEvent.RedemptionChanged::status)
        .containsExactly(RedemptionStatus.FULFILLED);
    assertThat(changes(r.id()).get(0).id()).isEqualTo("redemption:R-1:fulfilled");
    assertThat(f.rewards().redemptionsOf(REP)).containsExactly(r);
    assertThat(f.ledger.trialBalance().isBalanced()).isTrue();
  }

  @Test
  void shippedGoodsAreHeldWhenOrderedPaidWhenShippedAndTrackedToTheDoor() {
    MemberId owner = owner(DEALER);
    f.give(DEALER, 5_000);
    RedemptionRequest request = RedemptionRequest.fromOrganisation(RedemptionId.of("R-1"), DEALER, owner, WATCH)
        .withUnits(2);

    Redemption ordered = f.rewards().redeem(request);

    assertThat(ordered.status()).isEqualTo(RedemptionStatus.ORDERED);
    assertThat(f.balance(DEALER)).isEqualTo(new Balance(wallet(DEALER), 5_000, 2_000, 0));
    assertThat(f.rewards().stock(WATCH)).isEqualTo(new StockLevel(WATCH, Stock.of(5), 2, 0));
    assertThat(f.rewards().stock(WATCH).left()).hasValue(3);
    assertThat(ordered.holdTimeoutAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
    assertThat(f.ledger.findHold(ordered.hold().orElseThrow()).orElseThrow().timeoutAt())
        .contains(T0.plus(Duration.ofDays(7)));

    f.clock.advance(Duration.ofDays(1));
    Redemption shipped = f.rewards().ship(ordered.id(), Shipment.of("Blue Dart", "BD-77"));

    assertThat(shipped.status()).isEqualTo(RedemptionStatus.SHIPPED);
    assertThat(shipped.shipment()).contains(Shipment.of("Blue Dart", "BD-77"));
    assertThat(f.balance(DEALER)).isEqualTo(new Balance(wallet(DEALER), 3_000, 0, 0));
    assertThat(f.rewards().stock(WATCH)).isEqualTo(new StockLevel(WATCH, Stock.of(5), 0, 2));
    assertThat(f.rewards().ship(ordered.id(), Shipment.of("Blue Dart", "BD-77"))).isEqualTo(shipped);

    f.clock.advance(Duration.ofDays(2));
    Redemption delivered = f.rewards().deliver(ordered.id());

    assertThat(delivered.status()).isEqualTo(RedemptionStatus.DELIVERED);
    assertThat(statuses(delivered)).containsExactly(RedemptionStatus.REQUESTED, RedemptionStatus.ORDERED,
        RedemptionStatus.SHIPPED, RedemptionStatus.DELIVERED);
    assertThat(delivered.history().get(2).note()).isEqualTo("shipped by Blue Dart, tracking BD-77");
    assertThat(delivered.history().get(3).at()).isEqualTo(T0.plus(Duration.ofDays(3)));
    assertThat(f.rewards().deliver(ordered.id())).isEqualTo(delivered);
    assertThat(changes(ordered.id())).extracting(LoyaltyEvent.RedemptionChanged::id).containsExactly(
        "redemption:R-1:ordered", "redemption:R-1:shipped", "redemption:R-1:delivered");
    assertThat(f.balance(DEALER).posted()).isEqualTo(3_000);
    assertThat(f.rewards().redemption(ordered.id())).contains(delivered);
  }

  @Test
  void collectedGoodsArePaidWhenHandedOver() {
    f.give(REP, 1_000);
    Redemption ordered = f.rewards().redeem(byMember("R-1", REP, MUG));
    assertThat(ordered.status()).isEqualTo(RedemptionStatus.ORDERED);

    assertThatThrownBy(() -> f.rewards().ship(ordered.id(), Shipment.of("Blue Dart", "BD-1")))
        .isInstanceOf(RedemptionStateException.class).hasMessageContaining("collected, not shipped");
    Redemption handedOver = f.rewards().deliver(ordered.id());

    assertThat(handedOver.status()).isEqualTo(RedemptionStatus.DELIVERED);
    assertThat(handedOver.payment()).isPresent();
    assertThat(statuses(handedOver)).containsExactly(RedemptionStatus.REQUESTED, RedemptionStatus.ORDERED,
        RedemptionStatus.DELIVERED);
    assertThat(f.balance(REP)).isEqualTo(new Balance(wallet(REP), 800, 0, 0));
  }

  @Test
  void aProvidersCodeComesFromTheFulfilmentPortOnceAndAReplayNeverChargesAgain() {
    f.give(REP, 1_000);

    Redemption r = f.rewards().redeem(byMember("R-1", REP, GIFT_CARD));
    Redemption again = f.rewards().redeem(byMember("R-1", REP, GIFT_CARD));

    assertThat(r.status()).isEqualTo(RedemptionStatus.FULFILLED);
    assertThat(r.reference()).contains("FUEL-R-1");
    assertThat(again).isEqualTo(r);
    assertThat(f.portCalls).hasValue(1);
    assertThat(f.balance(REP)).isEqualTo(new Balance(wallet(REP), 200, 0, 0));
    assertThat(f.ledger.history(f.program.accounts().redemptionClearing(), Optional.empty(), 100).transactions())
        .extracting(Transaction::reason).containsExactly("redemption", "redemption");
  }

  @Test
  void cashbackWaitsForTheHostAndIsPaidWhenTheHostFulfilsIt() {
    f.give(REP, 1_000);

    Redemption ordered = f.rewards().redeem(byMember("R-1", REP, CASHBACK));
    assertThat(ordered.status()).isEqualTo(RedemptionStatus.ORDERED);
    assertThat(f.balance(REP)).isEqualTo(new Balance(wallet(REP), 1_000, 400, 0));

    Redemption paid = f.rewards().fulfil(ordered.id(), "NEFT-2026-0042");

    assertThat(paid.status()).isEqualTo(RedemptionStatus.FULFILLED);
    assertThat(paid.reference()).contains("NEFT-2026-0042");
    assertThat(f.balance(REP)).isEqualTo(new Balance(wallet(REP), 600, 0, 0));
    assertThat(f.rewards().fulfil(ordered.id(), "NEFT-2026-0042")).isEqualTo(paid);
    assertThat(changes(ordered.id())).extracting(LoyaltyEvent.RedemptionChanged::status)
        .containsExactly(RedemptionStatus.ORDERED, RedemptionStatus.FULFILLED);
  }

  @Test
  void aRefusalOfTheHostsFulfilmentReleasesEverythingAndStaysRefused() {
    f.give(REP, 1_000);
    f.port = order -> FulfilmentResult.refused("the fuel-card API has no cards of this value");

    assertThatThrownBy(() -> f.rewards().redeem(byMember("R-1", REP, GIFT_CARD)))
        .isInstanceOf(FulfilmentRefusedException.class).hasMessageContaining("R-1")
        .hasMessageContaining("no cards of this value");

    Redemption refused = f.rewards().redemption(RedemptionId.of("R-1")).orElseThrow();
    assertThat(refused.status()).isEqualTo(RedemptionStatus.REFUSED);
    assertThat(refused.refusal().orElseThrow().code()).isEqualTo(RedemptionRefusal.Code.FULFILMENT_REFUSED);
    assertThat(f.balance(REP)).isEqualTo(new Balance(wallet(REP), 1_000, 0, 0));
    assertThat(f.ledger.findHold(refused.hold().orElseThrow()).orElseThrow().status()).isEqualTo(HoldStatus.VOIDED);
    assertThat(f.rewards().stock(GIFT_CARD)).isEqualTo(new StockLevel(GIFT_CARD, Stock.unlimited(), 0, 0));
    f.port = order -> FulfilmentResult.done("FUEL-1");
    assertThatThrownBy(() -> f.rewards().redeem(byMember("R-1", REP, GIFT_CARD)))
        .isInstanceOf(FulfilmentRefusedException.class);
    assertThat(f.portCalls).hasValue(1);
    assertThat(changes(refused.id())).extracting(LoyaltyEvent.RedemptionChanged::status)
        .containsExactly(RedemptionStatus.REFUSED);
  }

  @Test
  void aCancelledOrderGivesBackTheVeryLotsItHeld() {
    f.give(REP, 700, AUGUST);
    f.give(REP, 700, DECEMBER);
    List<Lot> before = f.ledger.lots(wallet(REP), true);

    Redemption ordered = f.rewards().redeem(byMember("R-1", REP, WATCH));
    Hold hold = f.ledger.findHold(ordered.hold().orElseThrow()).orElseThrow();
    assertThat(hold.reservations()).extracting(res -> res.amount()).containsExactly(700L, 300L);
    Redemption cancelled = f.rewards().cancel(ordered.id(), "the dealer changed its mind");

    assertThat(cancelled.status()).isEqualTo(RedemptionStatus.CANCELLED);
    assertThat(cancelled.history().get(2).note()).isEqualTo("cancelled: the dealer changed its mind");
    assertThat(f.ledger.lots(wallet(REP), true)).isEqualTo(before);
    assertThat(f.balance(REP)).isEqualTo(new Balance(wallet(REP), 1_400, 0, 0));
    assertThat(f.rewards().stock(WATCH)).isEqualTo(new StockLevel(WATCH, Stock.of(5), 0, 0));
    assertThat(f.rewards().cancel(ordered.id(), "again")).isEqualTo(cancelled);
  }

  @Test
  void aFailedDeliveryRefundsThePointsWithTheirOwnExpiryAndPutsTheGoodsBackInStock() {
    f.give(REP, 700, AUGUST);
    f.give(REP, 700, DECEMBER);
    Redemption ordered = f.rewards().redeem(byMember("R-1", REP, WATCH));
    f.rewards().ship(ordered.id(), Shipment.of("Blue Dart", "BD-9"));

    Redemption failed = f.rewards().failDelivery(ordered.id(), "nobody at the address three times");

    assertThat(failed.status()).isEqualTo(RedemptionStatus.DELIVERY_FAILED);
    Refund refund = failed.refunds().get(0);
    assertThat(refund).isEqualTo(new Refund(Refund.Kind.FAILED_DELIVERY, "delivery-failed", 1, 1_000,
        refund.transaction()));
    Transaction reversal = f.ledger.findTransaction(refund.transaction()).orElseThrow();
    assertThat(reversal.lotMovements()).filteredOn(m -> m.account().equals(wallet(REP)))
        .extracting(LotMovement::amount, LotMovement::expiresAt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(700L, Optional.of(AUGUST)),
            org.assertj.core.groups.Tuple.tuple(300L, Optional.of(DECEMBER)));
    assertThat(f.balance(REP)).isEqualTo(new Balance(wallet(REP), 1_400, 0, 0));
    assertThat(f.rewards().stock(WATCH)).isEqualTo(new StockLevel(WATCH, Stock.of(5), 0, 0));
    assertThat(f.delivered).filteredOn(e -> e instanceof LoyaltyEvent.RedemptionRefunded)
        .extracting(LoyaltyEvent::id).containsExactly("redemption:R-1:refund:delivery-failed");
    assertThat(changes(ordered.id())).extracting(LoyaltyEvent.RedemptionChanged::status).containsExactly(
        RedemptionStatus.ORDERED, RedemptionStatus.SHIPPED, RedemptionStatus.DELIVERY_FAILED);
  }

  @Test
  void returnsAreRefundedByPartialReversalsUntilEveryUnitIsBack() {
    f.give(DEALER, 700, AUGUST);
    f.give(DEALER, 1_700, DECEMBER);
    RedemptionRequest request = RedemptionRequest.fromOrganisation(RedemptionId.of("R-1"), DEALER, owner(DEALER),
        WATCH).withUnits(2);
    f.rewards().redeem(request);
    f.rewards().ship(request.id(), Shipment.of("DTDC", "D-1"));
    f.rewards().deliver(request.id());

    Redemption partly = f.rewards().returnUnits(request.id(), "RMA-1", 1, "strap broken");

    assertThat(partly.status()).isEqualTo(RedemptionStatus.DELIVERED);
    assertThat(partly.returnedUnits()).isEqualTo(1);
    assertThat(f.balance(DEALER).posted()).isEqualTo(1_400);
    Transaction firstBack = f.ledger.findTransaction(partly.refunds().get(0).transaction()).orElseThrow();
    assertThat(firstBack.lotMovements()).filteredOn(m -> m.account().equals(wallet(DEALER)))
        .extracting(LotMovement::amount, LotMovement::expiresAt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(700L, Optional.of(AUGUST)),
            org.assertj.core.groups.Tuple.tuple(300L, Optional.of(DECEMBER)));
    assertThat(f.rewards().returnUnits(request.id(), "RMA-1", 1, "strap broken")).isEqualTo(partly);
    assertThatThrownBy(() -> f.rewards().returnUnits(request.id(), "RMA-1", 2, "both"))
        .isInstanceOf(RedemptionStateException.class).hasMessageContaining("RMA-1");
    assertThatThrownBy(() -> f.rewards().returnUnits(request.id(), "RMA-2", 2, "both"))
        .isInstanceOf(RedemptionStateException.class).hasMessageContaining("1 of 2 units left to return");

    Redemption returned = f.rewards().returnUnits(request.id(), "RMA-2", 1, "did not like it");

    assertThat(returned.status()).isEqualTo(RedemptionStatus.RETURNED);
    assertThat(returned.pointsRefunded()).isEqualTo(2_000);
    assertThat(f.balance(DEALER)).isEqualTo(new Balance(wallet(DEALER), 2_400, 0, 0));
    assertThat(f.ledger.reversible(returned.payment().orElseThrow()).values()).allMatch(left -> left == 0);
    // returned goods are not put back in stock by themselves
    assertThat(f.rewards().stock(WATCH)).isEqualTo(new StockLevel(WATCH, Stock.of(5), 0, 2));
    assertThat(f.delivered).filteredOn(e -> e instanceof LoyaltyEvent.RedemptionRefunded).extracting(LoyaltyEvent::id)
        .containsExactly("redemption:R-1:refund:RMA-1", "redemption:R-1:refund:RMA-2");
    assertThat(changes(request.id()).get(3).status()).isEqualTo(RedemptionStatus.RETURNED);
  }

  @Test
  void anOrderNotFulfilledWithinTheProgramsHoldTimeoutExpiresWithItsStockReleased() {
    f.give(REP, 2_000);
    Redemption watch = f.rewards().redeem(byMember("R-1", REP, WATCH));
    Redemption cash = f.rewards().redeem(byMember("R-2", REP, CASHBACK));
    f.clock.advance(Duration.ofDays(6));
    assertThat(f.rewards().expireTimedOut()).isEmpty();
    f.rewards().fulfil(cash.id(), "NEFT-1");

    f.clock.advance(Duration.ofDays(2));
    List<Redemption> expired = f.rewards().expireTimedOut();

    assertThat(expired).extracting(Redemption::id).containsExactly(watch.id());
    Redemption ended = f.rewards().redemption(watch.id()).orElseThrow();
    assertThat(ended.status()).isEqualTo(RedemptionStatus.EXPIRED);
    assertThat(f.ledger.findHold(ended.hold().orElseThrow()).orElseThrow().status()).isEqualTo(HoldStatus.VOIDED);
    assertThat(f.balance(REP)).isEqualTo(new Balance(wallet(REP), 1_600, 0, 0));
    assertThat(f.rewards().stock(WATCH)).isEqualTo(new StockLevel(WATCH, Stock.of(5), 0, 0));
    assertThat(f.rewards().expireTimedOut()).isEmpty();
    assertThatThrownBy(() -> f.rewards().ship(watch.id(), Shipment.of("DTDC", "D-1")))
        .isInstanceOf(RedemptionStateException.class).hasMessageContaining("EXPIRED");
    assertThat(changes(watch.id())).extracting(LoyaltyEvent.RedemptionChanged::status)
        .containsExactly(RedemptionStatus.ORDERED, RedemptionStatus.EXPIRED);
  }

  @Test
  void shippingAfterTheHoldTimedOutExpiresTheOrderInstead() {
    f.give(REP, 2_000);
    Redemption watch = f.rewards().redeem(byMember("R-1", REP, WATCH));
    f.clock.advance(Duration.ofDays(7));

    assertThatThrownBy(() -> f.rewards().ship(watch.id(), Shipment.of("DTDC", "D-1")))
        .isInstanceOf(RedemptionStateException.class).hasMessageContaining("R-1").hasMessageContaining("expired");

    assertThat(f.rewards().redemption(watch.id()).orElseThrow().status()).isEqualTo(RedemptionStatus.EXPIRED);
    assertThat(f.balance(REP)).isEqualTo(new Balance(wallet(REP), 2_000, 0, 0));
    assertThat(f.rewards().stock(WATCH).taken()).isZero();
  }

  @Test
  void aRedemptionKeepsTheTermsOfTheCatalogVersionItWasMadeUnder() {
    f.give(REP, 5_000);
    Redemption ordered = f.rewards().redeem(byMember("R-1", REP, WATCH));
    f.catalogs.publish(CatalogLoader.fromJson(RewardsFixture.CATALOG.replace("\"v1\"", "\"v2\"")
        .replace("\"points\": 1000", "\"points\": 1500"), f.program));

    Redemption shipped = f.rewards().ship(ordered.id(), Shipment.of("DTDC", "D-1"));
    Redemption later = f.rewards().redeem(byMember("R-2", REP, WATCH));

    assertThat(shipped.version()).isEqualTo(CatalogVersion.of("v1"));
    assertThat(shipped.terms()).isEqualTo(f.catalogs.terms(WATCH, CatalogVersion.of("v1")));
    assertThat(shipped.points()).isEqualTo(1_000);
    assertThat(later.version()).isEqualTo(CatalogVersion.of("v2"));
    assertThat(later.points()).isEqualTo(1_500);
    assertThat(f.balance(REP)).isEqualTo(new Balance(wallet(REP), 4_000, 1_500, 0));
  }

  @Test
  void statementsShowEachRedemptionsPaymentAndRefundsByItsId() {
    f.give(REP, 3_000);
    Redemption watch = f.rewards().redeem(byMember("R-7", REP, WATCH));
    f.rewards().ship(watch.id(), Shipment.of("DTDC", "D-1"));
    f.rewards().failDelivery(watch.id(), "address not found");

    Statement statement = f.engine.statement(REP, T0.minusSeconds(60), T0.plusSeconds(60));

    assertThat(statement.lines()).extracting(StatementLine::reason, StatementLine::amount).containsExactly(
        org.assertj.core.groups.Tuple.tuple("test-earn", 3_000L),
        org.assertj.core.groups.Tuple.tuple("redemption", -1_000L),
        org.assertj.core.groups.Tuple.tuple("redemption-delivery-failed", 1_000L));
    assertThat(statement.lines().get(1).metadata()).isEqualTo(Map.of("redemption", "R-7", "item", "WATCH",
        "catalog-version", "v1", "units", "1"));
    assertThat(statement.lines().get(2).metadata()).containsEntry("redemption", "R-7");
  }

  @Test
  void offersLeaveOutWhatIsUsedUpOrOverTheParticipantsLimit() {
    f.give(REP, 10_000);
    assertThat(f.rewards().offers(REP)).extracting(Offer::id)
        .containsExactly(WATCH, MUG, VOUCHER, GIFT_CARD, CASHBACK);
    assertThat(f.rewards().offers(RewardsFixture.technician(DEALER))).extracting(Offer::id)
        .contains(CatalogItemId.of("SEAT"));

    f.rewards().redeem(byMember("R-1", REP, WATCH).withUnits(2));

    assertThat(f.rewards().offers(REP)).extracting(Offer::id).containsExactly(MUG, VOUCHER, GIFT_CARD, CASHBACK);
    assertThat(f.rewards().offers(ChannelFixture.rep(DEALER, 2))).extracting(Offer::id).contains(WATCH);
    assertThat(f.rewards().participant(REP).tier()).isEqualTo(f.engine.progress(REP).current());
  }

  @Test
  void aMemberWithTheOrganisationsPermissionRedeemsFromItsWallet() {
    RewardsFixture custom = new RewardsFixture();
    custom.give(DEALER, 1_000);

    Redemption r = custom.rewards().redeem(RedemptionRequest.fromOrganisation(RedemptionId.of("R-1"), DEALER,
        owner(DEALER), MUG));

    assertThat(r.wallet()).isEqualTo(DEALER);
    assertThat(r.redeemer()).isEqualTo(owner(DEALER));
    assertThat(custom.balance(DEALER).available()).isEqualTo(800);
    assertThat(custom.rewards().redemptionsOf(DEALER)).containsExactly(r);
    assertThat(custom.rewards().redemptionsOf(owner(DEALER))).isEmpty();
  }
}
