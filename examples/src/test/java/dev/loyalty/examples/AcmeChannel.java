package dev.loyalty.examples;

import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The program and the plain-Java rules the outsider tests write for themselves, as a host would
 * from docs/PROGRAM.md and docs/ENGINE.md ("any RuleEngine"): Indian time, a point worth ₹0.25,
 * points kept 24 months, and a point per 10 INR of an invoice, 30% of it to the rep who sold.
 */
final class AcmeChannel {
  static final String PROGRAM = """
      { "id": "acme", "name": "Acme", "zone": "Asia/Kolkata",
        "pointValue": { "INR": "0.25" },
        "tierPolicy": { "windowMonths": 3, "grace": "P3M" },
        "earnSplit": { "partnerPercent": 70, "memberPercent": 30 },
        "expiry": { "policy": "after-months", "months": 24 },
        "accounts": { "prefix": "acme" } }
      """;

  /** A point per 10 INR of the invoice, 30% of it (rounded down) to the rep who sold. */
  static final RuleEngine RULES = facts -> {
    List<Award> awards = new ArrayList<>();
    if (facts.activity() instanceof Sale sale) {
      long points = points(sale.total().amount());
      long rep = facts.member().isPresent() ? points * 30 / 100 : 0;
      if (points - rep > 0) {
        awards.add(Award.of(facts.partner().id(), points - rep, RuleRef.of("earn", "mine-1"), "a point per 10 INR"));
      }
      if (rep > 0) {
        awards.add(Award.of(facts.member().get().id(), rep, RuleRef.of("earn", "mine-1"), "the rep's share"));
      }
    }
    return new RuleOutcome(awards, List.of(), List.of(), List.of(), List.of());
  };

  private AcmeChannel() {
  }

  /** What the rules award for an invoice of {@code total}, partner and rep together. */
  static long points(BigDecimal total) {
    return total.longValue() / 10;
  }
}
