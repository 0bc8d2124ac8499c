package dev.loyalty.core.claims;

import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ClaimsFixture.ADA;
import static dev.loyalty.core.testing.ClaimsFixture.AMY;
import static dev.loyalty.core.testing.ClaimsFixture.ANA;
import static dev.loyalty.core.testing.ClaimsFixture.CARO;
import static dev.loyalty.core.testing.ClaimsFixture.DEALER;
import static dev.loyalty.core.testing.ClaimsFixture.claim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.adjustments.AdjustmentRequest;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.testing.ClaimsFixture;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A claim's points count in the earned points that caps read like any activity's, in the periods of
 * its invoice: paid ones, held ones while they wait (a rejection takes them back, an approval keeps
 * them); a manual adjustment is no rule's award and counts nothing.
 */
class ClaimsEarnedPointsTest {
  private static final LocalDate JULY_1 = LocalDate.of(2026, 7, 1);
  private static final LocalDate JUNE_20 = LocalDate.of(2026, 6, 20);

  private final ClaimsFixture f = new ClaimsFixture();

  @Test
  void aClaimCountsInItsInvoicesPeriodsAsItIsPaidHeldRejectedOrApproved() {
    Claim paid = f.engine.submitClaim(ANA, claim("C-1", "INV-1", JULY_1, 10));
    assertThat(paid.status()).isEqualTo(ClaimStatus.PAID);
    assertThat(earnedInMonthOf(JULY_1)).isEqualTo(paid.points()).isPositive();

    Claim held = f.engine.submitClaim(ANA, claim("C-2", "INV-2", JULY_1, 60));
    assertThat(held.status()).isEqualTo(ClaimStatus.IN_REVIEW);
    assertThat(earnedInMonthOf(JULY_1)).isEqualTo(paid.points() + held.points());   // reserved while it waits

    f.engine.rejectClaim(held.id(), CARO, "no such sale at the customer");
    assertThat(earnedInMonthOf(JULY_1)).isEqualTo(paid.points());

    Claim late = f.engine.submitClaim(ANA, claim("C-3", "INV-3", JUNE_20, 60));
    assertThat(late.status()).isEqualTo(ClaimStatus.IN_REVIEW);
    Claim approved = f.engine.approveClaim(late.id(), CARO, "invoice checked with the distributor");
    assertThat(approved.status()).isEqualTo(ClaimStatus.PAID);
    // a June invoice claimed in July counts in June
    assertThat(earnedInMonthOf(JUNE_20)).isEqualTo(approved.points()).isPositive();
    assertThat(earnedInMonthOf(JULY_1)).isEqualTo(paid.points());
  }

  @Test
  void aManualAdjustmentCountsNothing() {
    Claim paid = f.engine.submitClaim(ANA, claim("C-1", "INV-1", JULY_1, 10));
    long posted = f.engine.balance(DEALER).posted();

    f.engine.requestAdjustment(ADA, AdjustmentRequest.credit("ADJ-1", DEALER, 500, "units the DMS never sent"));
    f.engine.approveAdjustment(ApprovalId.of("ADJ-1"), AMY, "checked the invoice");

    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(posted + 500);
    assertThat(earnedInMonthOf(JULY_1)).isEqualTo(paid.points());
    assertThat(earnedInMonthOf(f.clock.instant().atZone(ZONE).toLocalDate())).isEqualTo(paid.points());
  }

  /** The dealer's organisation's points, all rules together, in the month of {@code day}. */
  private long earnedInMonthOf(LocalDate day) {
    return f.engine.earned(DEALER, day.atTime(12, 0).atZone(ZONE).toInstant()).totals().get(EarningPeriod.Kind.MONTH)
        .byRule().values().stream().mapToLong(Long::longValue).sum();
  }
}
