package dev.loyalty.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EarnedModel;
import dev.loyalty.core.testing.EarningStreams;
import dev.loyalty.core.testing.MonthlyCapRules;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * A monthly cap written in plain Java ({@link MonthlyCapRules}) over random streams ({@link
 * EarningStreams}: sales of two dealers dated anywhere over five months and recorded in any order,
 * with or without a rep, some held for review and approved or rejected, some blocked, partial
 * returns). Every sale is paid exactly what it asked or what was left of the month's cap, whichever
 * is less; no organisation ever passes the cap in a month; and the totals the engine keeps, in every
 * period, are what the receipts add up to.
 */
class EarnedPointsPropertiesTest {

  @Provide
  Arbitrary<List<EarningStreams.Step>> streams() {
    // mostly ordinary invoices; a few held for review (more than 50 units), fewer blocked (more than 900)
    Arbitrary<Long> units = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.longs().between(1, 50)),
        Tuple.of(3, Arbitraries.longs().between(51, 80)), Tuple.of(1, Arbitraries.longs().between(901, 950)));
    return EarningStreams.streams(units, Arbitraries.longs().between(10, 2_000), 40);
  }

  @Property(tries = 150)
  void aMonthlyCapIsNeverExceededAndReachedExactly(@ForAll("streams") List<EarningStreams.Step> steps,
      @ForAll @IntRange(min = 0, max = 2_000) int cap) {
    Program program = ChannelFixture.program(300);
    ChannelFixture f = new ChannelFixture(EarningStreams.NOW, program, new MonthlyCapRules(cap));
    EarnedModel model = new EarnedModel(program, MonthlyCapRules.RULE);

    EarningStreams.run(f, model, steps, (sale, r) -> {
      long before = model.get(sale.partner(), EarningPeriod.Kind.MONTH, sale.occurredAt());
      long asked = sale.total().amount().longValue() / 100;
      long paid = EarnedModel.paidTo(r, sale.partner(), sale.member());
      if (r.status() != Receipt.Status.BLOCKED) {
        assertThat(paid).as("paid to the organisation").isEqualTo(Math.min(asked, Math.max(0, cap - before)));
      }
      Statistics.label("cut").collect(paid < asked ? "cut" : "whole");
    });

    model.check(f.engine, (who, total) -> {
      if (who instanceof PartnerId && total.getKey().kind() == EarningPeriod.Kind.MONTH) {
        assertThat(total.getValue()).as("%s in %s", who, total.getKey()).isBetween(0L, (long) cap);
      }
    });
  }
}
