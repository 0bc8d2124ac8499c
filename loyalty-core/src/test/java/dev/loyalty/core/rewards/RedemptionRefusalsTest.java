package dev.loyalty.core.rewards;

import static dev.loyalty.core.testing.RewardsFixture.CASHBACK;
import static dev.loyalty.core.testing.RewardsFixture.DEALER;
import static dev.loyalty.core.testing.RewardsFixture.MEET;
import static dev.loyalty.core.testing.RewardsFixture.MUG;
import static dev.loyalty.core.testing.RewardsFixture.OLD;
import static dev.loyalty.core.testing.RewardsFixture.SEAT;
import static dev.loyalty.core.testing.RewardsFixture.SOLD_OUT;
import static dev.loyalty.core.testing.RewardsFixture.VOUCHER;
import static dev.loyalty.core.testing.RewardsFixture.WATCH;
import static dev.loyalty.core.testing.RewardsFixture.byMember;
import static dev.loyalty.core.testing.RewardsFixture.owner;
import static dev.loyalty.core.testing.RewardsFixture.technician;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.RewardsFixture;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of a redemption or of a change to one: a typed {@link LoyaltyException} naming the
 * ids and values, and nothing changed (balances, the ledger, redemptions, stock, codes, events).
 */
class RedemptionRefusalsTest {
  private static final MemberId REP = ChannelFixture.rep(DEALER, 1);
  private static final MemberId OWNER = owner(DEALER);
  private static final PartnerId DEALER_B = ChannelFixture.DEALERS.get(1);
  private static final List<ParticipantId> WALLETS = List.of(DEALER, REP, OWNER, technician(DEALER), DEALER_B,
      ChannelFixture.rep(DEALER, 2), owner(DEALER_B));

  private final RewardsFixture f = new RewardsFixture();

  @BeforeEach
  void walletsHavePointsAndAnOrderIsOpen() {
    for (ParticipantId p : WALLETS) {
      f.give(p, 3_000);
    }
    f.loadCodes(5);
    f.rewards().redeem(byMember("R-open", REP, WATCH));
  }

  private void refused(ThrowingCallable call, Class<? extends Throwable> type, String... messageParts) {
    refused(call, type, e -> { }, messageParts);
  }

  private <T extends Throwable> void refused(ThrowingCallable call, Class<T> type, Consumer<T> more,
      String... messageParts) {
    RewardsFixture.State before = f.state(WALLETS);
    int delivered = f.delivered.size();
    var thrown = assertThatThrownBy(call).isInstanceOf(type);
    for (String part : messageParts) {
      thrown.hasMessageContaining(part);
    }
    thrown.satisfies(e -> more.accept(type.cast(e)));
    assertThat(f.state(WALLETS)).isEqualTo(before);
    assertThat(f.delivered).hasSize(delivered);
  }

  private void hiddenFor(RedemptionRequest request, String message, Class<?>... reasons) {
    refused(() -> f.rewards().redeem(request), ItemNotAvailableException.class,
        e -> assertThat(e.reasons()).hasExactlyElementsOfTypes(reasons), request.id().value(), request.item().value(),
        message);
  }

  @Test
  void anItemTheCatalogDoesNotHave() {
    refused(() -> f.rewards().redeem(byMember("R-1", REP, CatalogItemId.of("YACHT"))),
        UnknownCatalogItemException.class, "v1", "YACHT");
  }

  @Test
  void anItemForPartnersAskedForByAMember() {
    hiddenFor(byMember("R-1", REP, MEET), "only partners may redeem it", HiddenReason.WrongAudience.class,
        HiddenReason.TierTooLow.class);
  }

  @Test
  void anItemForAnotherRole() {
    hiddenFor(byMember("R-1", REP, SEAT), "technician, not sales-rep", HiddenReason.RoleNotEligible.class);
  }

  @Test
  void anItemForAHigherTier() {
    hiddenFor(RedemptionRequest.fromOrganisation(RedemptionId.of("R-1"), DEALER, OWNER, MEET),
        "tier gold or higher", HiddenReason.TierTooLow.class);
  }

  @Test
  void anExpiredItem() {
    hiddenFor(byMember("R-1", REP, OLD), "until 2026-06-30, not on 2026-07-02", HiddenReason.Expired.class);
  }

  @Test
  void anItemTheCatalogDeclaresOutOfStock() {
    hiddenFor(byMember("R-1", REP, SOLD_OUT), "out of stock", HiddenReason.OutOfStock.class);
  }

  @Test
  void aSuspendedMember() {
    f.directory.put(f.directory.member(REP).orElseThrow().withStatus(EnrolmentStatus.SUSPENDED));
    hiddenFor(byMember("R-1", REP, MUG), "dealer-a-rep-1 is SUSPENDED", HiddenReason.NotActive.class);
  }

  @Test
  void stockUsedUpByOtherRedemptions() {
    f.rewards().redeem(byMember("R-2", ChannelFixture.rep(DEALER, 2), WATCH).withUnits(2));
    f.rewards().redeem(RedemptionRequest.fromOrganisation(RedemptionId.of("R-3"), DEALER_B, owner(DEALER_B), WATCH)
        .withUnits(2));

    refused(() -> f.rewards().redeem(byMember("R-4", REP, WATCH)), OutOfStockException.class, "R-4",
        "WATCH has 0 units left in stock, 1 asked");
    refused(() -> f.rewards().redeem(byMember("R-5", OWNER, WATCH).withUnits(2)), OutOfStockException.class,
        "WATCH has 0 units left in stock, 2 asked");
  }

  @Test
  void moreThanTheParticipantsLimitInTheMonth() {
    f.rewards().redeem(byMember("R-2", REP, VOUCHER).withUnits(2));
    f.rewards().redeem(byMember("R-3", REP, VOUCHER));

    refused(() -> f.rewards().redeem(byMember("R-4", REP, VOUCHER)), RedemptionLimitException.class,
        e -> assertThat(e.already()).isEqualTo(3), "R-4", "VOUCHER may be redeemed 3 per month",
        "3 already redeemed from 2026-07-01 to 2026-07-31, 1 more asked");
    // another participant's redemptions do not count, and the next month starts again
    assertThat(f.rewards().redeem(byMember("R-5", ChannelFixture.rep(DEALER, 2), VOUCHER)).status())
        .isEqualTo(RedemptionStatus.FULFILLED);
    f.clock.set(java.time.LocalDateTime.parse("2026-08-01T00:00").atZone(ChannelFixture.ZONE).toInstant());
    assertThat(f.rewards().redeem(byMember("R-6", REP, VOUCHER)).status()).isEqualTo(RedemptionStatus.FULFILLED);
  }

  @Test
  void aCancelledRedemptionNoLongerCountsAgainstTheLimit() {
    f.rewards().redeem(byMember("R-2", REP, WATCH));
    refused(() -> f.rewards().redeem(byMember("R-3", REP, WATCH)), RedemptionLimitException.class,
        "2 per month", "2 already redeemed");

    f.rewards().cancel(RedemptionId.of("R-2"), "wrong size");

    assertThat(f.rewards().redeem(byMember("R-3", REP, WATCH)).status()).isEqualTo(RedemptionStatus.ORDERED);
  }

  @Test
  void notEnoughPoints() {
    f.spend(REP, 1_500);

    refused(() -> f.rewards().redeem(byMember("R-1", REP, CASHBACK).withUnits(2)), InsufficientPointsException.class,
        "R-1", "wallet acme:wallet:member:dealer-a-rep-1 has 500 points available, 800 needed for 2 x CASHBACK");
  }

  @Test
  void aWalletThatNeverEarned() {
    MemberId tech = technician(ChannelFixture.DEALERS.get(2));

    refused(() -> f.rewards().redeem(byMember("R-1", tech, MUG)), InsufficientPointsException.class,
        "has 0 points available, 200 needed");
  }

  @Test
  void anEmptyCodePool() {
    f.rewards().redeem(byMember("R-2", REP, VOUCHER).withUnits(3));
    f.rewards().redeem(byMember("R-3", OWNER, VOUCHER).withUnits(2));

    refused(() -> f.rewards().redeem(byMember("R-4", technician(DEALER), VOUCHER)), NoCodeAvailableException.class,
        "R-4", "code pool amazon-500 of VOUCHER has 0 codes left, 1 needed");
  }

  @Test
  void aMemberWithoutThePermissionToRedeemFromItsOrganisationsWallet() {
    refused(() -> f.rewards().redeem(RedemptionRequest.fromOrganisation(RedemptionId.of("R-1"), DEALER, REP, MUG)),
        RedemptionNotPermittedException.class, "R-1", "member dealer-a-rep-1 may not redeem 200 points from the"
            + " wallet of partner dealer-a", "only members in roles owner may redeem from it, and dealer-a-rep-1 is"
            + " sales-rep");
  }

  @Test
  void aMemberRedeemingFromAnotherOrganisationsWallet() {
    refused(() -> f.rewards().redeem(RedemptionRequest.fromOrganisation(RedemptionId.of("R-1"), DEALER_B, OWNER,
        MUG)), UnknownMemberException.class, "R-1", "member dealer-a-owner works for partner dealer-a, not for dealer-b");
  }

  @Test
  void anUnknownMemberOrPartner() {
    refused(() -> f.rewards().redeem(byMember("R-1", MemberId.of("ghost"), MUG)), UnknownMemberException.class,
        "ghost", "not enrolled");
    refused(() -> f.rewards().offers(PartnerId.of("dealer-x")), UnknownPartnerException.class, "dealer-x");
  }

  @Test
  void aMemberRedeemingFromAnotherMembersWalletIsNotEvenARequest() {
    assertThatThrownBy(() -> new RedemptionRequest(RedemptionId.of("R-1"), ChannelFixture.rep(DEALER, 2), REP, MUG,
        1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("own wallet");
    assertThatThrownBy(() -> byMember("R-1", REP, MUG).withUnits(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> byMember("R-1", REP, MUG).withUnits(1_001)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSameIdForAnotherRequest() {
    refused(() -> f.rewards().redeem(byMember("R-open", REP, MUG)), DuplicateRedemptionException.class, "R-open",
        "different request", "MUG");
    refused(() -> f.rewards().redeem(byMember("R-open", REP, WATCH).withUnits(2)), DuplicateRedemptionException.class);
  }

  @Test
  void changesThatDoNotFitWhereTheRedemptionIs() {
    RedemptionId open = RedemptionId.of("R-open");
    Redemption cash = f.rewards().redeem(byMember("R-cash", REP, CASHBACK));
    f.rewards().redeem(byMember("R-v", REP, VOUCHER));

    refused(() -> f.rewards().deliver(open), RedemptionStateException.class, "R-open", "has not been shipped");
    refused(() -> f.rewards().failDelivery(open, "lost"), RedemptionStateException.class,
        "it is ORDERED, and only a redemption that is SHIPPED can");
    refused(() -> f.rewards().returnUnits(open, "RMA-1", 1, "broken"), RedemptionStateException.class,
        "only a redemption that is DELIVERED can");
    refused(() -> f.rewards().fulfil(open, "REF-1"), RedemptionStateException.class, "it is goods");
    refused(() -> f.rewards().ship(cash.id(), dev.loyalty.core.rewards.Shipment.of("DTDC", "1")),
        RedemptionStateException.class, "R-cash", "it is not goods");
    refused(() -> f.rewards().cancel(RedemptionId.of("R-v"), "changed mind"), RedemptionStateException.class,
        "R-v", "it is FULFILLED");

    f.rewards().ship(open, dev.loyalty.core.rewards.Shipment.of("DTDC", "D-1"));
    refused(() -> f.rewards().cancel(open, "too late"), RedemptionStateException.class, "it is SHIPPED");
    refused(() -> f.rewards().ship(open, dev.loyalty.core.rewards.Shipment.of("DTDC", "D-2")),
        RedemptionStateException.class, "it is SHIPPED");
    refused(() -> f.rewards().cancel(RedemptionId.of("R-404"), "?"), UnknownRedemptionException.class, "R-404");
  }

  @Test
  void noEventsForRefusalsFoundBeforeAnythingWasWritten() {
    assertThat(f.delivered).filteredOn(e -> e instanceof LoyaltyEvent.RedemptionChanged c
        && c.status() == RedemptionStatus.REFUSED).isEmpty();
  }

  @Test
  void anEngineWithoutRewardsSaysSo() {
    ChannelFixture plain = new ChannelFixture(RewardsFixture.T0);

    assertThatThrownBy(plain.engine::rewards).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rewards(RewardsSetup.of(catalogs))");
  }

  @Test
  void aCatalogOfAnotherProgramIsRefusedAtBuild() {
    var other = ChannelFixture.program(999);
    CatalogVersions catalogs = CatalogVersions.inMemory(CatalogLoader.fromJson(RewardsFixture.CATALOG, other));

    assertThatThrownBy(() -> dev.loyalty.core.LoyaltyEngine.builder(f.program, new dev.loyalty.core.testing.SampleRules())
        .directory(f.directory).rewards(RewardsSetup.of(catalogs)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acme-2026");
    assertThatThrownBy(() -> RewardsSetup.builder(catalogs).fulfilment(FulfilmentPort.manual())
        .fulfilment(FulfilmentPort.manual())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fulfilment was already set");
  }

  @Test
  void expiryThatIsNotDueChangesNothing() {
    f.clock.advance(Duration.ofDays(6));
    RewardsFixture.State before = f.state(WALLETS);

    assertThat(f.rewards().expireTimedOut()).isEmpty();

    assertThat(f.state(WALLETS)).isEqualTo(before);
  }
}
