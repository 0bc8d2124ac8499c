package dev.loyalty.rules;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.rules.standard.StandardRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ready-made caps per period ({@code period-caps}): reached exactly, explained, and fed by what
 * the engine keeps of earned points (returns, reviews, late activities) through a whole {@code
 * LoyaltyEngine}.
 */
class PeriodCapsTest {
  private static final PartnerId DEALER = DEALERS.get(0);
  private static final MemberId REP = rep(DEALER, 1);
  /** The engine's clock: after every activity of these tests. */
  private static final Instant NOW = at("2026-10-15T12:00");
  private static DroolsRuleEngine rules;

  @BeforeAll
  static void compile() {
    rules = DroolsRuleEngine.of(RuleSet.always("caps-1", StandardRules.named("invoice-checks"),
        StandardRules.named("earn-rate"), StandardRules.named("learning-bonus"), StandardRules.named("campaign-bonus"),
        StandardRules.named("partner-cap"), StandardRules.named("period-caps"), StandardRules.named("org-rep-split")));
  }

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(ZONE).toInstant();
  }

  /** The channel fixture's program with no split unless asked, and {@code parameters}. */
  static Program program(int memberPercent, Map<String, String> parameters) {
    Program p = TestFacts.withParameters(TestFacts.withoutParameters(1_000_000), parameters);
    return new Program(p.id(), p.name(), p.zone(), p.pointValue(), p.tiers(), p.tierPolicy(), p.campaigns(),
        new dev.loyalty.core.program.EarnSplit(100 - memberPercent, memberPercent), p.expiry(), p.accounts(),
        p.parameters());
  }

  static Sale sale(String id, Instant when, String amount) {
    return sale(id, when, amount, Optional.empty());
  }

  static Sale sale(String id, Instant when, String amount, Optional<MemberId> member) {
    return new Sale(new ActivityHeader(ActivityId.of(id), DEALER, member, when), INR,
        List.of(InvoiceLine.of("CAB-1", "cables", 1, amount)));
  }

  static long paid(Receipt receipt, String rule) {
    return receipt.awards().stream().filter(a -> a.rule().ruleId().equals(rule)).mapToLong(PostedAward::points).sum();
  }

  static long inMonth(ChannelFixture f, ParticipantId who, String month, String rule) {
    return f.engine.earned(who, at(month + "-15T12:00")).inMonth(rule);
  }

  @Test
  void aMonthlyCapIsReachedExactly_whereAnEstimateFromMonthSalesPaid9998() {
    // 400 invoices of 2,500.60 INR in July: 25 points each at 1 point per 100 INR
    Map<String, String> parameters = Map.of("earn.points", "1", "cap.monthly.rule.earn-rate", "10000");
    ChannelFixture exact = new ChannelFixture(NOW, program(0, parameters), rules);
    ChannelFixture estimated = new ChannelFixture(NOW, program(0, Map.of("earn.points", "1")), estimate());
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Instant when = at("2026-07-01T09:00").plusSeconds(i * 600L);
      receipts.add(exact.engine.record(sale("inv-" + i, when, "2500.60")));
      estimated.engine.record(sale("inv-" + i, when, "2500.60"));
    }

    // the estimate, floor(month sales / 100), counts 0.006 points too many per invoice
    assertThat(estimated.engine.balance(DEALER).posted()).isEqualTo(9_998);
    assertThat(exact.engine.balance(DEALER).posted()).isEqualTo(10_000);
    assertThat(paid(receipts.get(399), "earn-rate")).isEqualTo(25);   // 9,975 before it: the cap is reached
    assertThat(inMonth(exact, DEALER, "2026-07", "earn-rate")).isEqualTo(10_000);
    Receipt after = exact.engine.record(sale("inv-x", at("2026-07-31T09:00"), "2500"));
    assertThat(after.awards()).isEmpty();   // cut to 0, so left out; the decision says why
    assertThat(after.explanation()).anyMatch(line -> line.contains("Rule earn-rate is capped at 10,000 points a "
        + "month; 10,000 were already earned in 2026-07, so none of the 25 are paid."));
    // August is a month of its own
    assertThat(paid(exact.engine.record(sale("inv-aug", at("2026-08-01T09:00"), "2500")), "earn-rate")).isEqualTo(25);
  }

  /**
   * What an integrator could write before the engine kept earned points: cap what the earn rate
   * pays by an estimate of the month's points from the month's sales.
   */
  private static DroolsRuleEngine estimate() {
    return DroolsRuleEngine.of(RuleSet.always("estimate-1", StandardRules.named("earn-rate"), RuleSource.of(
        "estimate.drl", """
            package estimate;
            import dev.loyalty.rules.facts.*;
            import java.math.BigDecimal;
            import java.math.RoundingMode;

            rule "monthly cap by an estimate"
              @ruleId("estimated-cap")
              ruleflow-group "cap"
            when
              PartnerFigures( $sales : monthSales )
              $award : PointsAward( ruleId == "earn-rate", $points : points )
              Long( this < $points ) from Math.max(0L,
                  10000L - $sales.divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR).longValueExact())
            then
              long room = Math.max(0L, 10000L - $sales.divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR)
                  .longValueExact());
              modify($award) { capAt(room, "Estimated cap.") }
            end
            """)));
  }

  @Test
  void theCutIsExplained_withWhatWasEarnedInTheActivitysMonth() {
    ChannelFixture f = new ChannelFixture(NOW, program(0, Map.of("earn.points", "1",
        "cap.monthly.rule.earn-rate", "10000")), rules);
    f.engine.record(sale("inv-1", at("2026-07-02T10:00"), "999000"));   // 9,990 points
    Receipt receipt = f.engine.record(sale("inv-2", at("2026-07-20T10:00"), "2500"));

    assertThat(receipt.awards()).singleElement().satisfies(a -> {
      assertThat(a.requested()).isEqualTo(10);
      assertThat(a.points()).isEqualTo(10);
      assertThat(a.reason()).isEqualTo("1 point per 100 INR on an invoice of 2,500 INR. Rule earn-rate is capped at "
          + "10,000 points a month; 9,990 were already earned in 2026-07, so 10 of the 25 are paid.");
    });
    assertThat(receipt.explanation()).contains("Applied period-cap@caps-1: Changed the base award to partner "
        + "dealer-a from 25 to 10 points: Rule earn-rate is capped at 10,000 points a month; 9,990 were already "
        + "earned in 2026-07, so 10 of the 25 are paid. (matched parameters of program acme-2026, cap.monthly.rule."
        + "earn-rate = 10000, points earned by partner dealer-a's organisation, 0 collected facts, 1 collected fact).");
  }
}
