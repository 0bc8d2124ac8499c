package dev.loyalty.core.rewards;

import static dev.loyalty.core.testing.RewardsFixture.DEALER;
import static dev.loyalty.core.testing.RewardsFixture.MUG;
import static dev.loyalty.core.testing.RewardsFixture.VOUCHER;
import static dev.loyalty.core.testing.RewardsFixture.WATCH;
import static dev.loyalty.core.testing.RewardsFixture.byMember;
import static dev.loyalty.core.testing.RewardsFixture.owner;
import static dev.loyalty.core.testing.RewardsFixture.technician;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.RewardsFixture;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.spi.Together;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Redemptions racing for the last unit of stock and for the last points, on one engine and on
 * engines of several application instances sharing the stores: exactly one wins, the others are
 * refused with what they lacked, and stock and balances add up. Also the races a placement loses
 * between its checks and its writes: what it reserved is released and it stays refused.
 */
class RedemptionConcurrencyTest {
  private static final PartnerId DEALER_B = ChannelFixture.DEALERS.get(1);
  private static final PartnerId DEALER_C = ChannelFixture.DEALERS.get(2);

  private final RewardsFixture f = new RewardsFixture();

  /** Four members of each of two dealers: eight participants whose redemptions may run at once. */
  static List<MemberId> eightMembers() {
    List<MemberId> members = new ArrayList<>();
    for (PartnerId dealer : List.of(DEALER, DEALER_B)) {
      members.addAll(List.of(owner(dealer), technician(dealer), ChannelFixture.rep(dealer, 1),
          ChannelFixture.rep(dealer, 2)));
    }
    return members;
  }

  /** The last of WATCH's 5 units is left: four were redeemed by dealer-c's owner and rep. */
  private void oneWatchLeft() {
    f.give(owner(DEALER_C), 2_000);
    f.give(ChannelFixture.rep(DEALER_C, 1), 2_000);
    f.rewards().redeem(byMember("R-c1", owner(DEALER_C), WATCH).withUnits(2));
    f.rewards().redeem(byMember("R-c2", ChannelFixture.rep(DEALER_C, 1), WATCH).withUnits(2));
  }

  @RepeatedTest(5)
  void ofEightParticipantsRedeemingTheLastUnitExactlyOneGetsIt() {
    oneWatchLeft();
    List<MemberId> members = eightMembers();
    members.forEach(m -> f.give(m, 1_500));

    List<Together.Outcome<Redemption>> outcomes = Together.race(8, i -> f.rewards().redeem(byMember("R-" + i, members.get(i),
        WATCH)));

    assertOneWinner(outcomes, OutOfStockException.class);
    assertThat(f.rewards().stock(WATCH)).isEqualTo(new StockLevel(WATCH, Stock.of(5), 5, 0));
    for (int i = 0; i < 8; i++) {
      long pending = outcomes.get(i).won() ? 1_000 : 0;
      assertThat(f.balance(members.get(i))).isEqualTo(new Balance(f.program.accounts().wallet(members.get(i)), 1_500,
          pending, 0));
    }
    assertNothingHeldByRefusals();
  }

  @RepeatedTest(5)
  void ofEightRedemptionsOfAnOrganisationsLastPointsExactlyOneIsPlaced() {
    f.give(DEALER, 200);

    List<Together.Outcome<Redemption>> outcomes = Together.race(8, i -> f.rewards().redeem(RedemptionRequest.fromOrganisation(
        RedemptionId.of("R-" + i), DEALER, owner(DEALER), MUG)));

    assertOneWinner(outcomes, InsufficientPointsException.class);
    assertThat(f.balance(DEALER)).isEqualTo(new Balance(f.program.accounts().wallet(DEALER), 200, 200, 0));
    assertThat(f.rewards().stock(MUG).taken()).isEqualTo(1);
  }

  @RepeatedTest(5)
  void enginesOfFourInstancesRacingForTheLastPointsStillPlaceOnlyOne() {
    f.give(DEALER, 200);
    List<LoyaltyEngine> engines = List.of(f.engine, f.another(), f.another(), f.another());

    List<Together.Outcome<Redemption>> outcomes = Together.race(8, i -> engines.get(i % 4).rewards().redeem(
        RedemptionRequest.fromOrganisation(RedemptionId.of("R-" + i), DEALER, owner(DEALER), MUG)));

    assertOneWinner(outcomes, InsufficientPointsException.class);
    assertThat(f.balance(DEALER)).isEqualTo(new Balance(f.program.accounts().wallet(DEALER), 200, 200, 0));
    assertThat(f.rewards().stock(MUG).taken()).isEqualTo(1);
    assertNothingHeldByRefusals();
  }

  @RepeatedTest(5)
  void enginesOfFourInstancesRacingForTheLastUnitStillGiveItOnce() {
    oneWatchLeft();
    List<MemberId> members = eightMembers();
    members.forEach(m -> f.give(m, 1_000));
    List<LoyaltyEngine> engines = List.of(f.engine, f.another(), f.another(), f.another());

    List<Together.Outcome<Redemption>> outcomes = Together.race(8, i -> engines.get(i % 4).rewards().redeem(
        byMember("R-" + i, members.get(i), WATCH)));

    assertOneWinner(outcomes, OutOfStockException.class);
    assertThat(f.rewards().stock(WATCH).taken()).isEqualTo(5);
    long held = members.stream().mapToLong(m -> f.balance(m).pendingDebits()).sum();
    assertThat(held).isEqualTo(1_000);
    assertNothingHeldByRefusals();
  }

  private void assertOneWinner(List<Together.Outcome<Redemption>> outcomes, Class<? extends Throwable> loss) {
    assertThat(outcomes.stream().filter(Together.Outcome::won).count()).as("winners").isEqualTo(1);
    assertThat(outcomes).filteredOn(o -> !o.won()).allSatisfy(o -> assertThat(o.failure()).isInstanceOf(loss));
    assertThat(outcomes).filteredOn(Together.Outcome::won)
        .allSatisfy(o -> assertThat(o.value().status()).isEqualTo(RedemptionStatus.ORDERED));
    assertThat(f.ledger.trialBalance().isBalanced()).isTrue();
    assertThat(f.ledger.verify().intact()).isTrue();
  }

  /** Every redemption refused while it was placed released its hold and its stock. */
  private void assertNothingHeldByRefusals() {
    List<Redemption> all = new ArrayList<>();
    List<ParticipantId> wallets = new ArrayList<>(eightMembers());
    wallets.add(DEALER);
    wallets.forEach(w -> all.addAll(f.rewards().redemptionsOf(w)));
    for (Redemption r : all) {
      assertThat(r.pending()).isEmpty();
      if (r.status() == RedemptionStatus.REFUSED) {
        r.hold().ifPresent(h -> assertThat(f.ledger.findHold(h).orElseThrow().status()).isEqualTo(HoldStatus.VOIDED));
        f.stock.reservation(r.id()).ifPresent(s -> assertThat(s.state())
            .isEqualTo(dev.loyalty.core.spi.StockReservation.State.RELEASED));
      }
    }
  }

  // --- races a placement loses between its checks and its writes (deterministic)

  @Test
  void pointsSpentBetweenTheCheckAndTheHoldRefuseThePlacementAndReleaseItsStock() {
    MemberId rep = ChannelFixture.rep(DEALER, 1);
    f.give(rep, 1_500);
    f.faults.onceBefore("reserve", () -> f.spend(rep, 1_000));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.rewards().redeem(byMember("R-1", rep, WATCH)))
        .isInstanceOf(InsufficientPointsException.class).hasMessageContaining("redemption R-1 was refused")
        .hasMessageContaining("has 500 points available, 1000 needed for 1 x WATCH");

    Redemption refused = f.rewards().redemption(RedemptionId.of("R-1")).orElseThrow();
    assertThat(refused.status()).isEqualTo(RedemptionStatus.REFUSED);
    assertThat(refused.hold()).isEmpty();
    assertThat(f.rewards().stock(WATCH).taken()).isZero();
    assertThat(f.balance(rep)).isEqualTo(new Balance(f.program.accounts().wallet(rep), 500, 0, 0));
    assertThat(f.delivered).filteredOn(e -> e instanceof LoyaltyEvent.RedemptionChanged)
        .extracting(LoyaltyEvent::id).containsExactly("redemption:R-1:refused");
    RewardsFixture.State after = f.state(List.of(rep));
    f.give(rep, 5_000);
    RewardsFixture.State richer = f.state(List.of(rep));
    // refused for good under its id, as the ledger keeps a refusal under its key
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.rewards().redeem(byMember("R-1", rep, WATCH)))
        .isInstanceOf(InsufficientPointsException.class);
    assertThat(f.state(List.of(rep))).isEqualTo(richer);
    assertThat(after.redemptions()).isEqualTo(richer.redemptions());
  }

  @Test
  void theLastUnitTakenBetweenTheCheckAndTheReservationRefusesThePlacement() {
    oneWatchLeft();
    MemberId rep = ChannelFixture.rep(DEALER, 1);
    f.give(rep, 1_500);
    f.give(owner(DEALER_B), 1_500);
    f.faults.onceBefore("reserve", () -> f.rewards().redeem(byMember("R-b", owner(DEALER_B), WATCH)));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.rewards().redeem(byMember("R-1", rep, WATCH)))
        .isInstanceOf(OutOfStockException.class).hasMessageContaining("WATCH has 0 units left in stock, 1 asked");

    assertThat(f.rewards().redemption(RedemptionId.of("R-1")).orElseThrow().status())
        .isEqualTo(RedemptionStatus.REFUSED);
    assertThat(f.rewards().redemption(RedemptionId.of("R-b")).orElseThrow().status())
        .isEqualTo(RedemptionStatus.ORDERED);
    assertThat(f.rewards().stock(WATCH)).isEqualTo(new StockLevel(WATCH, Stock.of(5), 5, 0));
    assertThat(f.balance(rep)).isEqualTo(new Balance(f.program.accounts().wallet(rep), 1_500, 0, 0));
  }

  @Test
  void theLastCodeTakenBetweenTheCheckAndTheClaimRefusesThePlacementAndReleasesItsStock() {
    MemberId rep = ChannelFixture.rep(DEALER, 1);
    f.give(rep, 1_500);
    f.give(owner(DEALER_B), 1_500);
    f.loadCodes(1);
    f.faults.onceBefore("claim", () -> f.rewards().redeem(byMember("R-b", owner(DEALER_B), VOUCHER)));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.rewards().redeem(byMember("R-1", rep, VOUCHER)))
        .isInstanceOf(NoCodeAvailableException.class).hasMessageContaining("code pool amazon-500 of VOUCHER has 0 codes"
            + " left, 1 needed");

    assertThat(f.stock.reservation(RedemptionId.of("R-1")).orElseThrow().state())
        .isEqualTo(dev.loyalty.core.spi.StockReservation.State.RELEASED);
    assertThat(f.rewards().stock(VOUCHER)).isEqualTo(new StockLevel(VOUCHER, Stock.unlimited(), 0, 1));
    assertThat(f.rewards().redemption(RedemptionId.of("R-b")).orElseThrow().codes()).containsExactly("AMZ-0");
    assertThat(f.balance(rep).available()).isEqualTo(1_500);
  }
}
