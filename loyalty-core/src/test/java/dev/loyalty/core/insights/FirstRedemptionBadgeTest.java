package dev.loyalty.core.insights;

import static dev.loyalty.core.testing.RewardsFixture.DEALER;
import static dev.loyalty.core.testing.RewardsFixture.VOUCHER;
import static dev.loyalty.core.testing.RewardsFixture.WATCH;
import static dev.loyalty.core.testing.RewardsFixture.byMember;
import static dev.loyalty.core.testing.RewardsFixture.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.Shipment;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.Faults;
import dev.loyalty.core.testing.RewardsFixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The engine's own milestone: a wallet's first redemption to be paid earns its owner the badge
 * {@code first-redemption}, once, kept per participant and delivered as an event, also when the
 * process dies at any write of the redemption.
 */
class FirstRedemptionBadgeTest {
  private static final MemberId REP = ChannelFixture.rep(DEALER, 1);

  private static List<String> badgeEvents(RewardsFixture f) {
    return f.outboxEvents().stream().filter(LoyaltyEvent.BadgeAwarded.class::isInstance).map(LoyaltyEvent::id).toList();
  }

  @Test
  void theFirstRedemptionPaidEarnsTheMilestoneOnce() {
    RewardsFixture f = new RewardsFixture();
    f.give(REP, 5_000);
    f.give(DEALER, 5_000);
    f.loadCodes(3);
    RedemptionRequest watch = RedemptionRequest.fromOrganisation(RedemptionId.of("R-1"), DEALER, owner(DEALER), WATCH);
    f.rewards().redeem(watch);   // goods: held, not paid until shipped
    assertThat(f.engine.insights().badges(DEALER)).isEmpty();

    f.rewards().redeem(byMember("R-2", REP, VOUCHER));   // paid at once: the rep's first
    f.rewards().redeem(byMember("R-3", REP, VOUCHER));   // the second earns nothing
    f.rewards().ship(watch.id(), Shipment.of("DTDC", "D-1"));   // paid now: the dealer's first

    assertThat(f.engine.insights().badges(REP)).singleElement().satisfies(b -> {
      assertThat(b.id()).isEqualTo("badge:redemption:R-2:member:dealer-a-rep-1:first-redemption");
      assertThat(b.badge()).isEqualTo("first-redemption");
      assertThat(b.rule()).isEqualTo(RuleRef.of("first-redemption", "engine"));
      assertThat(b.redemption()).contains(RedemptionId.of("R-2"));
      assertThat(b.activity()).isEmpty();
      assertThat(b.reason()).isEqualTo("First redemption (R-2).");
    });
    assertThat(f.engine.insights().badges(DEALER)).extracting(EarnedBadge::redemption)
        .containsExactly(Optional.of(RedemptionId.of("R-1")));
    assertThat(badgeEvents(f)).containsExactly("badge:redemption:R-2:member:dealer-a-rep-1:first-redemption",
        "badge:redemption:R-1:partner:dealer-a:first-redemption");
    assertThat(f.delivered).filteredOn(LoyaltyEvent.BadgeAwarded.class::isInstance).hasSize(2);
  }

  @Test
  void aCrashAtAnyWriteOfTheFirstRedemptionStillEarnsItOnce() {
    RewardsFixture reference = new RewardsFixture();
    reference.give(REP, 5_000);
    reference.loadCodes(3);
    reference.faults.count();
    reference.rewards().redeem(byMember("R-1", REP, VOUCHER));
    int writes = reference.faults.writes();
    assertThat(writes).isGreaterThan(3);
    for (int step = 1; step <= writes; step++) {
      for (Faults.When when : Faults.When.values()) {
        RewardsFixture f = new RewardsFixture();
        f.give(REP, 5_000);
        f.loadCodes(3);
        f.faults.arm(step, when);
        Throwable crash = catchThrowable(() -> f.rewards().redeem(byMember("R-1", REP, VOUCHER)));
        assertThat(f.faults.fired()).as("crash %s write %d", when, step).isTrue();
        assertThat(crash).isNotNull();
        f.faults.disarm();
        f.restart();
        f.rewards().redeem(byMember("R-1", REP, VOUCHER));   // the host calls again
        f.rewards().redeem(byMember("R-2", REP, VOUCHER));
        assertThat(f.engine.insights().badges(REP)).as("crash %s write %d", when, step)
            .extracting(EarnedBadge::redemption).containsExactly(Optional.of(RedemptionId.of("R-1")));
        assertThat(badgeEvents(f)).as("crash %s write %d", when, step).hasSize(1);
      }
    }
  }
}
