package dev.loyalty.core.insights;

import static dev.loyalty.core.testing.RewardsFixture.DEALER;
import static dev.loyalty.core.testing.RewardsFixture.T0;
import static dev.loyalty.core.testing.RewardsFixture.VOUCHER;
import static dev.loyalty.core.testing.RewardsFixture.WATCH;
import static dev.loyalty.core.testing.RewardsFixture.byMember;
import static dev.loyalty.core.testing.RewardsFixture.owner;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rewards.Shipment;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.RewardsFixture;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/**
 * Redemptions made through {@code engine.rewards()} are the KPIs' redeemed points: paid
 * redemptions (posted to the clearing account) count, a hold not yet paid does not, a refund nets
 * out, and a participant that redeemed is active.
 */
class RedemptionKpisTest {
  private static final DateRange JULY = DateRange.month(YearMonth.of(2026, 7));
  private static final MemberId REP = ChannelFixture.rep(DEALER, 1);

  @Test
  void paidRedemptionsLessRefundsAreRedeemedAndMakeTheRedeemerActive() {
    RewardsFixture f = new RewardsFixture();
    f.give(REP, 2_000);
    f.give(DEALER, 2_500);
    f.loadCodes(3);
    Redemption voucher = f.rewards().redeem(byMember("R-1", REP, VOUCHER));   // a pool code: paid at once
    assertThat(voucher.status()).isEqualTo(RedemptionStatus.FULFILLED);
    RedemptionRequest watches = RedemptionRequest.fromOrganisation(RedemptionId.of("R-2"), DEALER, owner(DEALER),
        WATCH).withUnits(2);
    f.rewards().redeem(watches);   // goods: held until they ship

    Insights insights = f.engine.insights();
    ProgramKpis held = insights.kpis(JULY, ParticipantFilter.everyone());
    assertThat(held.points().issued()).isEqualTo(4_500);
    assertThat(held.points().redeemed()).isEqualTo(500);
    // the watches' 2,000 points are held, not redeemed: still owed, so still outstanding
    assertThat(held.points().outstandingAtEnd()).isEqualTo(4_000);
    assertThat(held.members().active()).isEqualTo(1);
    assertThat(held.partners().active()).isZero();

    f.rewards().ship(watches.id(), Shipment.of("DTDC", "D-1"));
    f.rewards().deliver(watches.id());
    f.rewards().returnUnits(watches.id(), "RMA-1", 1, "strap broken");
    ProgramKpis paid = insights.kpis(JULY, ParticipantFilter.everyone());
    // 500 + 2,000 paid, 1,000 refunded
    assertThat(paid.points().redeemed()).isEqualTo(1_500);
    assertThat(paid.points().outstandingAtEnd()).isEqualTo(3_000);
    assertThat(paid.partners().active()).isEqualTo(1);
    assertThat(paid.liability().redeemedToDate()).isEqualTo(1_500);
    assertThat(paid.liability().expectedBreakageRate()).contains(java.math.BigDecimal.ZERO);
    assertThat(paid.points().redemptionRate()).contains(new java.math.BigDecimal("0.3333333333333333"));
    assertThat(T0).isBefore(JULY.end(ChannelFixture.ZONE));
  }

  /**
   * Regression: a return after the wallet had spent every point posts nothing to the wallet (the
   * whole take-back is booked to clawback), so the wallet's history does not show it; the shortfall
   * is read from the clawback account's side (KpiPropertiesTest found it).
   */
  @Test
  void aReturnOfPointsAlreadySpentIsAllShortfall() {
    RewardsFixture f = new RewardsFixture();
    f.engine.record(ChannelFixture.sale("INV-1", DEALER, java.util.Optional.empty(), T0, "CAB-25", "cables", 10,
        "1000"));
    f.loadCodes(1);
    f.give(DEALER, 350);   // 100 base + 50 monsoon earned, + 350 = one voucher
    f.rewards().redeem(RedemptionRequest.fromOrganisation(RedemptionId.of("R-1"), DEALER, owner(DEALER), VOUCHER));
    assertThat(f.balance(DEALER).posted()).isZero();
    f.engine.record(ChannelFixture.saleReturn("RET-1", DEALER, T0.plusSeconds(60), "INV-1", "CAB-25", 10));

    ProgramKpis.PointsFlow p = f.engine.insights().kpis(JULY, ParticipantFilter.everyone()).points();
    assertThat(p.issued()).isEqualTo(500);
    assertThat(p.redeemed()).isEqualTo(500);
    assertThat(p.takenBack()).isZero();
    assertThat(p.shortfall()).isEqualTo(150);
    assertThat(p.netIssued()).isEqualTo(350);
    assertThat(p.outstandingAtEnd()).isZero();
  }
}
