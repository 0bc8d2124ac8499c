package dev.loyalty.core.testing;

import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-Java rule engine with an exact monthly cap, as a host without Drools would write it:
 * 1 point per 100 of an invoice (rule {@code base}), at most {@code cap} points a month to a
 * partner's organisation, read from what it already earned ({@link RuleFacts#partnerEarned()}), 30%
 * of what is paid shared with the rep who sold. Invoices with a line of more than 50 units are held
 * for review; of more than 900, blocked.
 */
public final class MonthlyCapRules implements RuleEngine {
  public static final String RULE = "base";
  private static final RuleRef REF = RuleRef.of(RULE, "capped-1");

  private final long cap;

  public MonthlyCapRules(long cap) {
    this.cap = cap;
  }

  @Override
  public RuleOutcome evaluate(RuleFacts facts) {
    if (!(facts.activity() instanceof Sale sale)) {
      return new RuleOutcome(List.of(), List.of(), List.of(), List.of(), List.of());
    }
    long asked = sale.total().amount().divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR).longValueExact();
    long earned = facts.partnerEarned().inMonth(RULE);
    long paid = Math.min(asked, Math.max(0, cap - earned));
    String why = "1 point per 100 on " + sale.total().amount().toPlainString()
        + (paid < asked ? "; capped at " + cap + " a month, " + earned + " already earned in "
        + facts.partnerEarned().period(dev.loyalty.core.performance.EarningPeriod.Kind.MONTH).label() : "") + ".";
    long share = facts.member().isPresent() ? paid * 30 / 100 : 0;
    List<Award> awards = new ArrayList<>();
    if (paid - share > 0) {
      awards.add(Award.of(facts.partner().id(), paid - share, REF, why));
    }
    facts.member().filter(m -> share > 0).ifPresent(m -> awards.add(Award.of(m.id(), share, REF, why)));
    long units = sale.lines().stream().mapToLong(l -> l.quantity()).max().orElse(0);
    List<RiskFlag> flags = units > 900 ? List.of(new RiskFlag(RiskFlag.Severity.BLOCK, "bulk", REF, "Bulk."))
        : units > 50 ? List.of(new RiskFlag(RiskFlag.Severity.REVIEW, "large", REF, "Large.")) : List.of();
    return new RuleOutcome(awards, List.of(), List.of(), flags, List.of());
  }
}
