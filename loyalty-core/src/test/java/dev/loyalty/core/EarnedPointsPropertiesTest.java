package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EarnedModel;
import dev.loyalty.core.testing.MonthlyCapRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * A monthly cap written in plain Java ({@link MonthlyCapRules}) over random streams: sales of two
 * dealers dated anywhere from July to November and recorded in any order, with or without a rep,
 * some held for review (approved or rejected) and some blocked, partial returns. Every sale is paid
 * exactly what it asked or what was left of the month's cap, whichever is less; no organisation
 * ever passes the cap in a month; and the totals the engine keeps, in every period, are what the
 * receipts add up to.
 */
class EarnedPointsPropertiesTest {
  private static final Instant JULY = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final Instant NOW = LocalDateTime.parse("2027-01-15T09:00").atZone(ZONE).toInstant();

  sealed interface Step {
  }

  /** A sale of {@code units} at {@code unitPrice}, dated {@code day} days after 1 July. */
  record SaleStep(int dealer, boolean withRep, int day, long units, long unitPrice) implements Step {
  }

  record ReturnStep(int ofSale, int units, int days) implements Step {
  }

  record ReviewStep(int ofHeld, boolean approve) implements Step {
  }

  @Provide
  Arbitrary<List<Step>> streams() {
    Arbitrary<Long> units = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.longs().between(1, 50)),
        Tuple.of(3, Arbitraries.longs().between(51, 80)), Tuple.of(1, Arbitraries.longs().between(901, 950)));
    Arbitrary<Step> sale = Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.of(true, false),
        Arbitraries.integers().between(0, 150), units, Arbitraries.longs().between(10, 2_000)).as(SaleStep::new);
    Arbitrary<Step> ret = Combinators.combine(Arbitraries.integers().between(0, 30),
        Arbitraries.integers().between(1, 20), Arbitraries.integers().between(0, 20)).as(ReturnStep::new);
    Arbitrary<Step> review = Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.of(true, false))
        .as(ReviewStep::new);
    return Arbitraries.frequencyOf(Tuple.of(8, sale), Tuple.of(3, ret), Tuple.of(2, review)).list().ofMinSize(5)
        .ofMaxSize(40);
  }

  @Property(tries = 150)
  void aMonthlyCapIsNeverExceededAndReachedExactly(@ForAll("streams") List<Step> steps,
      @ForAll @IntRange(min = 0, max = 2_000) int cap) {
    Program program = ChannelFixture.program(300);
    ChannelFixture f = new ChannelFixture(NOW, program, new MonthlyCapRules(cap));
    EarnedModel model = new EarnedModel(program, MonthlyCapRules.RULE);
    List<Sale> sales = new ArrayList<>();
    Map<Sale, Receipt> receipts = new HashMap<>();
    List<Sale> held = new ArrayList<>();
    Map<Sale, Long> returned = new HashMap<>();
    int n = 0;
    for (Step step : steps) {
      n++;
      if (step instanceof SaleStep s) {
        PartnerId dealer = DEALERS.get(s.dealer());
        Optional<MemberId> member = s.withRep() ? Optional.of(rep(dealer, 1)) : Optional.empty();
        Instant at = JULY.plusSeconds(s.day() * 86_400L);
        Sale sale = ChannelFixture.sale("inv-" + n, dealer, member, at, "CAB-25", "cables", s.units(),
            String.valueOf(s.unitPrice()));
        long before = model.get(dealer, EarningPeriod.Kind.MONTH, at);
        assertThat(f.engine.earned(dealer, at).inMonth(MonthlyCapRules.RULE)).isEqualTo(before);

        Receipt r = f.engine.record(sale);

        long asked = s.units() * s.unitPrice() / 100;
        if (r.status() != Receipt.Status.BLOCKED) {
          assertThat(EarnedModel.paidTo(r, dealer, member)).as("paid to the organisation")
              .isEqualTo(Math.min(asked, Math.max(0, cap - before)));
        }
        Statistics.label("units").collect(s.units() > 900 ? "bulk" : s.units() > 50 ? "large" : "small");
        Statistics.label("sale").collect(r.status(), sales.stream().anyMatch(o -> o.occurredAt().isAfter(at))
            ? "late" : "in order", EarnedModel.paidTo(r, dealer, member) < asked ? "cut" : "whole");
        model.awarded(sale, r, 1);
        sales.add(sale);
        receipts.put(sale, r);
        if (r.status() == Receipt.Status.IN_REVIEW) {
          held.add(sale);
        }
      } else if (step instanceof ReviewStep v && !held.isEmpty()) {
        Sale sale = held.remove(v.ofHeld() % held.size());
        Receipt decided = v.approve() ? f.engine.approve(sale.id(), "auditor") : f.engine.reject(sale.id(), "auditor");
        if (!v.approve()) {
          model.awarded(sale, decided, -1);
        }
        receipts.put(sale, decided);
        Statistics.label("review").collect(v.approve() ? "approved" : "rejected");
      } else if (step instanceof ReturnStep t && !sales.isEmpty()) {
        Sale sale = sales.get(t.ofSale() % sales.size());
        Receipt invoice = receipts.get(sale);
        long units = Math.min(t.units(), sale.lines().get(0).quantity() - returned.getOrDefault(sale, 0L));
        // an approved invoice's points were posted when it was approved (now), and the ledger does
        // not reverse a posting with a return dated before it
        if (invoice.status() != Receipt.Status.RECORDED || !invoice.holds().isEmpty() || units == 0) {
          continue;
        }
        Receipt r = f.engine.record(new SaleReturn(new dev.loyalty.core.activity.ActivityHeader(
            dev.loyalty.core.model.ActivityId.of("ret-" + n), sale.partner(), Optional.empty(),
            sale.occurredAt().plusSeconds(t.days() * 86_400L)), sale.id(),
            List.of(new dev.loyalty.core.activity.ReturnLine("CAB-25", units))));
        returned.merge(sale, units, Long::sum);
        model.returned(sale, invoice, r);
        Statistics.label("return").collect(r.status());
      }
    }
    model.check(f.engine, (who, total) -> {
      if (who instanceof PartnerId && total.getKey().kind() == EarningPeriod.Kind.MONTH) {
        assertThat(total.getValue()).as("%s in %s", who, total.getKey()).isBetween(0L, (long) cap);
      }
    });
  }
}
