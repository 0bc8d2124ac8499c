package dev.loyalty.core.testing;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.CustomActivity;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.ReportSubmission;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SellThroughReport;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.EarnSplit;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.Badge;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/**
 * A plain-Java rule engine with the typical rules of a channel program, read from the program's
 * parameters: the stand-in for Drools in core's tests and the end-to-end benchmark.
 *
 * <p>Stages, in order: base points, premium-category multiplier, tier multiplier, campaign bonus
 * (paid by the campaign's budget), fixed bonuses (first order, mix, monthly threshold, training,
 * certification, referral, on-time report, custom activities), risk checks, and last the split of
 * every sale award between the partner and the rep who sold.
 */
public final class SampleRules implements RuleEngine {
  public static final String VERSION = "sample-1";
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /**
   * The sample rules, with invoices whose first line's quantity {@code holds} held for review
   * (a risk flag {@code code}): how stream tests get activities to approve and reject.
   */
  public static RuleEngine reviewing(LongPredicate holds, String code) {
    return facts -> {
      RuleOutcome outcome = new SampleRules().evaluate(facts);
      if (!(facts.activity() instanceof Sale s) || !holds.test(s.lines().get(0).quantity())) {
        return outcome;
      }
      List<RiskFlag> flags = new ArrayList<>(outcome.riskFlags());
      flags.add(new RiskFlag(RiskFlag.Severity.REVIEW, code, RuleRef.of(code, "1"), "A quantity of "
          + s.lines().get(0).quantity() + " is held for review."));
      return new RuleOutcome(outcome.awards(), outcome.qualifications(), outcome.badges(), flags, outcome.decisions());
    };
  }

  @Override
  public RuleOutcome evaluate(RuleFacts facts) {
    Evaluation e = new Evaluation(facts);
    e.run();
    return new RuleOutcome(e.awards, List.of(), e.badges, e.flags, e.decisions);
  }

  /** One evaluation's working state. */
  private static final class Evaluation {
    private final RuleFacts facts;
    private final Program program;
    private final List<Award> awards = new ArrayList<>();
    private final List<Badge> badges = new ArrayList<>();
    private final List<RiskFlag> flags = new ArrayList<>();
    private final List<RuleDecision> decisions = new ArrayList<>();

    Evaluation(RuleFacts facts) {
      this.facts = facts;
      this.program = facts.program();
    }

    void run() {
      Activity a = facts.activity();
      if (a instanceof Sale sale) {
        sale(sale);
      } else if (a instanceof TrainingCompleted t) {
        fixed("training", "training-points", beneficiary(), "Completed training " + t.course() + ".");
      } else if (a instanceof CertificationEarned c) {
        fixed("certification", "certification-points", beneficiary(), "Earned certification " + c.certification() + ".");
      } else if (a instanceof Referral r) {
        fixed("referral", "referral-points", facts.partner().id(), "Referred " + r.referred() + " into the program.");
      } else if (a instanceof SellThroughReport s) {
        onTime(s.onTime(program.zone()), "sell-through report for " + s.period(), s.dueOn().toString());
      } else if (a instanceof ReportSubmission s) {
        onTime(s.onTime(program.zone()), "report " + s.report(), s.dueOn().toString());
      } else if (a instanceof CustomActivity c) {
        fixed("custom-" + c.type(), "custom-" + c.type() + "-points", beneficiary(), "Custom activity " + c.type() + ".");
      }
    }

    private void sale(Sale sale) {
      BigDecimal total = sale.total().amount();
      long per100 = parameter("points-per-100", 1);
      RuleRef base = ref("base-points");
      long basePoints = total.divide(HUNDRED, 0, RoundingMode.FLOOR).longValueExact() * per100;
      List<Award> saleAwards = new ArrayList<>();
      if (basePoints > 0) {
        saleAwards.add(Award.of(facts.partner().id(), basePoints, base, per100 + " point(s) per 100 "
            + sale.currency().getCurrencyCode() + " on " + total.toPlainString() + "."));
        decisions.add(RuleDecision.fired(base, basePoints + " points for an invoice of " + total.toPlainString() + "."));
      } else {
        decisions.add(RuleDecision.notFired(base, "The invoice is below 100 " + sale.currency().getCurrencyCode() + "."));
      }
      premium(sale, per100, saleAwards);
      tierMultiplier(basePoints, saleAwards);
      campaigns(basePoints, saleAwards);
      if (facts.partnerFigures().lifetimeOrders() == 0) {
        bonus(saleAwards, "first-order", "first-order-points", "First order in the program.");
      }
      Set<String> categories = sale.categories();
      long mixMin = parameter("mix-min-categories", 3);
      if (categories.size() >= mixMin) {
        bonus(saleAwards, "mix-bonus", "mix-bonus-points", categories.size() + " categories in one order.");
      } else {
        decisions.add(RuleDecision.notFired(ref("mix-bonus"), "The order has " + categories.size() + " of the "
            + mixMin + " categories needed."));
      }
      BigDecimal threshold = BigDecimal.valueOf(parameter("monthly-threshold", 500_000));
      BigDecimal before = facts.partnerFigures().monthSales().amount();
      if (before.compareTo(threshold) < 0 && before.add(total).compareTo(threshold) >= 0) {
        bonus(saleAwards, "monthly-threshold", "threshold-bonus-points", "Monthly sales reached "
            + threshold.toPlainString() + ".");
      }
      risk(sale, total);
      split(saleAwards);
      awards.addAll(saleAwards);
      if (facts.partnerFigures().consistencyMonths() >= parameter("streak-months", 3)) {
        badges.add(new Badge(facts.partner().id(), "streak", ref("streak"),
            facts.partnerFigures().consistencyMonths() + " months in a row with orders."));
      }
    }

    private void premium(Sale sale, long per100, List<Award> saleAwards) {
      Set<String> premium = Arrays.stream(program.parameter("premium-categories").orElse("").split(","))
          .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
      BigDecimal amount = BigDecimal.ZERO;
      for (InvoiceLine line : sale.lines()) {
        if (premium.contains(line.category())) {
          amount = amount.add(line.amount());
        }
      }
      long multiplier = parameter("premium-multiplier", 2);
      long extra = amount.divide(HUNDRED, 0, RoundingMode.FLOOR).longValueExact() * per100 * (multiplier - 1);
      RuleRef rule = ref("premium-multiplier");
      if (extra > 0) {
        saleAwards.add(Award.of(facts.partner().id(), extra, rule, "Premium products worth "
            + amount.toPlainString() + " earn " + multiplier + "x."));
        decisions.add(RuleDecision.fired(rule, extra + " extra points on premium products."));
      } else {
        decisions.add(RuleDecision.notFired(rule, "No premium products on the invoice."));
      }
    }

    private void tierMultiplier(long basePoints, List<Award> saleAwards) {
      RuleRef rule = ref("tier-multiplier");
      Optional<Tier> tier = facts.partnerTier();
      if (tier.isEmpty() || tier.get().earnMultiplier().compareTo(BigDecimal.ONE) <= 0) {
        decisions.add(RuleDecision.notFired(rule, "No tier with a multiplier above 1."));
        return;
      }
      long extra = BigDecimal.valueOf(basePoints).multiply(tier.get().earnMultiplier().subtract(BigDecimal.ONE))
          .setScale(0, RoundingMode.FLOOR).longValueExact();
      if (extra > 0) {
        saleAwards.add(Award.of(facts.partner().id(), extra, rule, tier.get().name() + " earns "
            + tier.get().earnMultiplier().toPlainString() + "x base points."));
        decisions.add(RuleDecision.fired(rule, extra + " extra points for tier " + tier.get().name() + "."));
      }
    }

    private void campaigns(long basePoints, List<Award> saleAwards) {
      for (Campaign c : facts.campaigns()) {
        Optional<String> percent = Optional.ofNullable(c.parameters().get("bonus-percent"));
        if (percent.isEmpty()) {
          continue;
        }
        RuleRef rule = ref("campaign-bonus:" + c.id());
        long extra = BigDecimal.valueOf(basePoints).multiply(new BigDecimal(percent.get())).divide(HUNDRED, 0,
            RoundingMode.FLOOR).longValueExact();
        if (extra > 0) {
          saleAwards.add(Award.fromCampaign(facts.partner().id(), extra, rule, c.name() + ": " + percent.get()
              + "% bonus on base points.", c.id()));
          decisions.add(RuleDecision.fired(rule, extra + " bonus points from campaign " + c.id() + "."));
        }
      }
    }

    private void bonus(List<Award> saleAwards, String rule, String parameter, String reason) {
      long points = parameter(parameter, 0);
      RuleRef ref = ref(rule);
      if (points > 0) {
        saleAwards.add(Award.of(facts.partner().id(), points, ref, reason));
        decisions.add(RuleDecision.fired(ref, reason));
      }
    }

    private void risk(Sale sale, BigDecimal total) {
      long reviewAbove = parameter("review-above", Long.MAX_VALUE);
      if (total.compareTo(BigDecimal.valueOf(reviewAbove)) > 0) {
        flags.add(new RiskFlag(RiskFlag.Severity.REVIEW, "large-invoice", ref("large-invoice"),
            "Invoice of " + total.toPlainString() + " is above " + reviewAbove + "."));
      }
      long maxQuantity = parameter("max-line-quantity", Long.MAX_VALUE);
      for (InvoiceLine line : sale.lines()) {
        if (line.quantity() > maxQuantity) {
          flags.add(new RiskFlag(RiskFlag.Severity.BLOCK, "line-quantity", ref("line-quantity"),
              line.quantity() + " units of " + line.sku() + " on one line is more than " + maxQuantity + "."));
        }
      }
    }

    /** Shares every sale award with the rep who sold, per the program's split. */
    private void split(List<Award> saleAwards) {
      if (facts.member().isEmpty()) {
        return;
      }
      EarnSplit split = program.earnSplit();
      RuleRef rule = ref("split");
      List<Award> result = new ArrayList<>();
      long toMember = 0;
      for (Award a : saleAwards) {
        long memberShare = split.memberShare(a.points());
        long partnerShare = a.points() - memberShare;
        if (partnerShare > 0) {
          result.add(a.withPoints(partnerShare));
        }
        if (memberShare > 0) {
          result.add(new Award(facts.member().get().id(), memberShare, a.rule(), a.reason() + " (rep's "
              + split.memberPercent() + "% share)", a.campaign()));
          toMember += memberShare;
        }
      }
      saleAwards.clear();
      saleAwards.addAll(result);
      decisions.add(RuleDecision.fired(rule, toMember + " points shared with rep " + facts.member().get().id() + " ("
          + split.partnerPercent() + "/" + split.memberPercent() + ")."));
    }

    private void fixed(String rule, String parameter, ParticipantId to, String reason) {
      long points = parameter(parameter, 0);
      RuleRef ref = ref(rule);
      if (points > 0) {
        awards.add(Award.of(to, points, ref, reason));
        decisions.add(RuleDecision.fired(ref, reason));
      } else {
        decisions.add(RuleDecision.notFired(ref, "The program sets no points for it (" + parameter + ")."));
      }
    }

    private void onTime(boolean onTime, String what, String due) {
      if (onTime) {
        fixed("on-time-report", "report-points", facts.partner().id(), "Submitted " + what + " by " + due + ".");
      } else {
        decisions.add(RuleDecision.notFired(ref("on-time-report"), what + " was due by " + due + "."));
      }
    }

    private ParticipantId beneficiary() {
      return facts.member().<ParticipantId>map(m -> m.id()).orElse(facts.partner().id());
    }

    private long parameter(String name, long otherwise) {
      return program.parameter(name).map(Long::parseLong).orElse(otherwise);
    }

    private static RuleRef ref(String rule) {
      return RuleRef.of(rule, VERSION);
    }
  }
}
