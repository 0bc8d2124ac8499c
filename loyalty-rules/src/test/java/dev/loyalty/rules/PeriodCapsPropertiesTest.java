package dev.loyalty.rules;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EarnedModel;
import dev.loyalty.rules.standard.StandardRules;
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
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The ready-made cap per period over random streams (sales dated anywhere from July to November,
 * recorded in any order, some held for review and approved or rejected, partial returns) with a
 * random cap on a random period, for the partner's organisation or for the member: the cap is never
 * exceeded in any period, and every activity is paid exactly what it asked or what was left of the
 * cap, whichever is less, so the cap is reached exactly whenever the uncapped earnings would pass
 * it. The totals the engine keeps equal the model's, which adds up the receipts.
 */
class PeriodCapsPropertiesTest {
  private static final Instant JULY = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final Instant NOW = LocalDateTime.parse("2027-01-15T09:00").atZone(ZONE).toInstant();
  private static final long REVIEW_ABOVE = 60_000;
  private static final List<String> PERIODS = List.of("daily", "monthly", "quarterly", "yearly");
  private static DroolsRuleEngine rules;

  @BeforeContainer
  static void compile() {
    rules = DroolsRuleEngine.of(RuleSet.always("caps-1", StandardRules.named("invoice-checks"),
        StandardRules.named("earn-rate"), StandardRules.named("period-caps"), StandardRules.named("org-rep-split")));
  }

  sealed interface Step {
  }

  /** A sale of 10 units at {@code unitPrice} hundreds, dated {@code day} days after 1 July. */
  record SaleStep(int dealer, boolean withRep, int day, int hour, long unitPrice) implements Step {
  }

  /** Returns {@code units} of an earlier sale, {@code days} after it. */
  record ReturnStep(int ofSale, int units, int days) implements Step {
  }

  record ReviewStep(int ofHeld, boolean approve) implements Step {
  }

  @Provide
  Arbitrary<List<Step>> streams() {
    Arbitrary<Step> sale = Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.of(true, false),
        Arbitraries.integers().between(0, 150), Arbitraries.integers().between(0, 23),
        Arbitraries.longs().between(1, 90)).as(SaleStep::new);
    Arbitrary<Step> ret = Combinators.combine(Arbitraries.integers().between(0, 30),
        Arbitraries.integers().between(1, 10), Arbitraries.integers().between(0, 20)).as(ReturnStep::new);
    Arbitrary<Step> review = Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.of(true, false))
        .as(ReviewStep::new);
    return Arbitraries.frequencyOf(Tuple.of(8, sale), Tuple.of(3, ret), Tuple.of(2, review)).list().ofMinSize(5)
        .ofMaxSize(35);
  }

  @Property(tries = 60)
  void aCapPerPeriodIsNeverExceededAndReachedExactly(@ForAll("streams") List<Step> steps,
      @ForAll @IntRange(min = 0, max = 4) int periodIndex, @ForAll @IntRange(min = 0, max = 3_000) int cap,
      @ForAll boolean memberCap, @ForAll boolean split) {
    String period = PERIODS.get(Math.min(periodIndex, 3));
    String parameter = (memberCap ? "cap.member." : "cap.") + period + ".rule.earn-rate";
    EarningPeriod.Kind kind = EarningPeriod.Kind.values()[Math.min(periodIndex, 3)];
    Program program = PeriodCapsTest.program(split ? 30 : 0, Map.of("earn.points", "1",
        "review.invoice-above", String.valueOf(REVIEW_ABOVE), parameter, String.valueOf(cap)));
    ChannelFixture f = new ChannelFixture(NOW, program, rules);
    EarnedModel model = new EarnedModel(program, "earn-rate");
    List<Sale> sales = new ArrayList<>();
    List<Receipt> saleReceipts = new ArrayList<>();
    List<Receipt> held = new ArrayList<>();
    Map<ActivityId, Long> returnedUnits = new HashMap<>();
    int n = 0;

    for (Step step : steps) {
      n++;
      if (step instanceof SaleStep s) {
        PartnerId dealer = DEALERS.get(s.dealer());
        Optional<MemberId> member = s.withRep() ? Optional.of(rep(dealer, 1)) : Optional.empty();
        Instant at = JULY.plusSeconds(s.day() * 86_400L + s.hour() * 3_600L);
        Sale sale = new Sale(new ActivityHeader(ActivityId.of("inv-" + n), dealer, member, at), INR,
            List.of(InvoiceLine.of("CAB-1", "cables", 10, String.valueOf(s.unitPrice() * 100))));
        ParticipantId capped = memberCap ? member.orElse(null) : dealer;
        long before = capped == null ? 0 : model.get(capped, kind, at);
        // the engine's totals are the model's, before and after
        if (capped != null) {
          assertThat(f.engine.earned(capped, at).byRule(kind, "earn-rate")).isEqualTo(before);
        }

        Receipt r = f.engine.record(sale);
        long asked = s.unitPrice() * 10;   // 1 point per 100 INR, 10 units
        long orgPaid = EarnedModel.paidTo(r, dealer, member);
        if (memberCap) {
          long share = split && member.isPresent() ? asked * 30 / 100 : 0;
          long expectedShare = member.isPresent() ? Math.min(share, Math.max(0, cap - before)) : 0;
          assertThat(member.map(m -> EarnedModel.paid(r, m)).orElse(0L)).as("the member's share").isEqualTo(expectedShare);
          assertThat(EarnedModel.paid(r, dealer)).as("the dealer's part").isEqualTo(asked - share);
        } else {
          assertThat(orgPaid).as("what the organisation is paid").isEqualTo(Math.min(asked, Math.max(0, cap - before)));
        }
        Statistics.label("cut").collect(orgPaid < asked ? "cut" : "whole");
        Statistics.label("steps").collect(sales.stream().anyMatch(o -> o.occurredAt().isAfter(at)) ? "late sale"
            : "sale");
        Statistics.label("status").collect(r.status());
        model.awarded(sale, r, 1);
        sales.add(sale);
        saleReceipts.add(r);
        if (r.status() == Receipt.Status.IN_REVIEW) {
          held.add(r);
        }
      } else if (step instanceof ReviewStep v && !held.isEmpty()) {
        Receipt r = held.remove(v.ofHeld() % held.size());
        Sale sale = sale(sales, r.activity());
        Receipt decided = v.approve() ? f.engine.approve(r.activity(), "auditor")
            : f.engine.reject(r.activity(), "auditor");
        if (!v.approve()) {
          model.awarded(sale, decided, -1);
        }
        Statistics.label("steps").collect(v.approve() ? "approval" : "rejection");
        saleReceipts.set(sales.indexOf(sale), decided);
      } else if (step instanceof ReturnStep t && !sales.isEmpty()) {
        int index = t.ofSale() % sales.size();
        Sale sale = sales.get(index);
        long left = 10 - returnedUnits.getOrDefault(sale.id(), 0L);
        // an approved invoice's points were posted when it was approved (now), and the ledger does
        // not reverse a posting with a return dated before it
        if (saleReceipts.get(index).status() != Receipt.Status.RECORDED || !saleReceipts.get(index).holds().isEmpty()
            || left == 0) {
          continue;
        }
        long units = Math.min(t.units(), left);
        Instant at = sale.occurredAt().plusSeconds(t.days() * 86_400L);
        Receipt r = f.engine.record(new SaleReturn(new ActivityHeader(ActivityId.of("ret-" + n), sale.partner(),
            Optional.empty(), at), sale.id(), List.of(new ReturnLine("CAB-1", units))));
        returnedUnits.merge(sale.id(), units, Long::sum);
        Statistics.label("steps").collect("return");
        model.returned(sale, saleReceipts.get(index), r);
      }
    }

    // never exceeded, in any period of any participant, and the engine agrees with the model
    model.check(f.engine, (who, total) -> {
      if (total.getKey().kind() == kind && memberCap == (who instanceof MemberId)) {
        assertThat(total.getValue()).as("%s in %s", who, total.getKey()).isLessThanOrEqualTo(cap);
      }
    });
  }

  private static Sale sale(List<Sale> sales, ActivityId id) {
    return sales.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }
}
