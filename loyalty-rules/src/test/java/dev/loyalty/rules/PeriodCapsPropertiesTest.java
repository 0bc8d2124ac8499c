package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EarnedModel;
import dev.loyalty.core.testing.EarningStreams;
import dev.loyalty.rules.standard.StandardRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The ready-made cap per period over random streams ({@link EarningStreams}: sales dated anywhere
 * from July to November, recorded in any order, some held for review and approved or rejected,
 * partial returns) with a
 * random cap on a random period, for the partner's organisation or for the member: the cap is never
 * exceeded in any period, and every activity is paid exactly what it asked or what was left of the
 * cap, whichever is less, so the cap is reached exactly whenever the uncapped earnings would pass
 * it. The totals the engine keeps equal the model's, which adds up the receipts.
 */
class PeriodCapsPropertiesTest {
  private static final long REVIEW_ABOVE = 60_000;
  private static final List<String> PERIODS = List.of("daily", "monthly", "quarterly", "yearly");
  private static DroolsRuleEngine rules;

  @BeforeContainer
  static void compile() {
    rules = DroolsRuleEngine.of(RuleSet.always("caps-1", StandardRules.named("invoice-checks"),
        StandardRules.named("earn-rate"), StandardRules.named("period-caps"), StandardRules.named("org-rep-split")));
  }

  @Provide
  Arbitrary<List<EarningStreams.Step>> streams() {
    // 10 units at 100 to 9,000 INR: 10 to 900 points each, held for review above 60,000 INR
    return EarningStreams.streams(Arbitraries.just(10L), Arbitraries.longs().between(1, 90).map(h -> h * 100), 35);
  }

  @Property(tries = 60)
  void aCapPerPeriodIsNeverExceededAndReachedExactly(@ForAll("streams") List<EarningStreams.Step> steps,
      @ForAll @IntRange(min = 0, max = 3) int periodIndex, @ForAll @IntRange(min = 0, max = 3_000) int cap,
      @ForAll boolean memberCap, @ForAll boolean split) {
    String period = PERIODS.get(periodIndex);
    EarningPeriod.Kind kind = EarningPeriod.Kind.values()[periodIndex];
    String parameter = (memberCap ? "cap.member." : "cap.") + period + ".rule.earn-rate";
    Program program = PeriodCapsTest.program(split ? 30 : 0, Map.of("earn.points", "1",
        "review.invoice-above", String.valueOf(REVIEW_ABOVE), parameter, String.valueOf(cap)));
    ChannelFixture f = new ChannelFixture(EarningStreams.NOW, program, rules);
    EarnedModel model = new EarnedModel(program, "earn-rate");

    EarningStreams.run(f, model, steps, (sale, r) -> {
      PartnerId dealer = sale.partner();
      Optional<MemberId> member = sale.member();
      Optional<? extends ParticipantId> capped = memberCap ? member : Optional.of(dealer);
      long before = capped.map(who -> model.get(who, kind, sale.occurredAt())).orElse(0L);
      long asked = sale.total().amount().longValue() / 100;   // 1 point per 100 INR
      long orgPaid = EarnedModel.paidTo(r, dealer, member);
      if (memberCap) {
        long share = split && member.isPresent() ? asked * 30 / 100 : 0;
        long expectedShare = member.isPresent() ? Math.min(share, Math.max(0, cap - before)) : 0;
        assertThat(member.map(m -> EarnedModel.paid(r, m)).orElse(0L)).as("the member's share")
            .isEqualTo(expectedShare);
        assertThat(EarnedModel.paid(r, dealer)).as("the dealer's part").isEqualTo(asked - share);
      } else {
        assertThat(orgPaid).as("what the organisation is paid").isEqualTo(Math.min(asked, Math.max(0, cap - before)));
      }
      Statistics.label("cut").collect(orgPaid < asked ? "cut" : "whole");
    });

    // never exceeded, in any period of any participant, and the engine agrees with the model
    model.check(f.engine, (who, total) -> {
      if (total.getKey().kind() == kind && memberCap == (who instanceof MemberId)) {
        assertThat(total.getValue()).as("%s in %s", who, total.getKey()).isLessThanOrEqualTo(cap);
      }
    });
  }
}
