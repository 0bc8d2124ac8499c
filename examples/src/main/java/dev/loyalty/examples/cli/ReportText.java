package dev.loyalty.examples.cli;

import dev.loyalty.core.model.TierId;
import dev.loyalty.core.simulation.SimulationReport;
import dev.loyalty.core.simulation.SimulationReport.CampaignTotal;
import dev.loyalty.core.simulation.SimulationReport.PartnerTotal;
import dev.loyalty.core.simulation.SimulationReport.RegionTotal;
import dev.loyalty.core.simulation.SimulationReport.RuleTotal;
import dev.loyalty.core.simulation.SimulationReport.TierCount;
import dev.loyalty.core.simulation.SimulationReport.TierMove;
import dev.loyalty.core.simulation.WhatIfReport;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Simulation and what-if reports for a person to read: aligned columns, thousands separated. */
public final class ReportText {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private ReportText() {
  }

  /** The report of one run; times in {@code zone} (the program's). */
  public static String simulation(SimulationReport r, ZoneId zone) {
    StringBuilder s = new StringBuilder();
    line(s, "Simulation of program %s: %s to %s (%s)", r.program(), r.firstActivity().map(t -> when(t, zone))
        .orElse("no activity"), when(r.asOf(), zone), zone);
    SimulationReport.Activities a = r.activities();
    line(s, "");
    line(s, "Activities: %,d given: %,d recorded, %,d returns, %,d in review, %,d blocked, %,d refused, "
        + "%,d after the as-of, %,d replayed", a.total(), a.recorded(), a.returned(), a.inReview(), a.blocked(),
        a.refused(), a.afterAsOf(), a.replayed());
    line(s, "  by kind: %s", a.byKind().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
    SimulationReport.Points p = r.points();
    line(s, "");
    line(s, "Points: %,d issued, %,d taken back by returns (%,d of them clawed back), %,d expired, %,d redeemed, "
        + "%,d pending review, %,d outstanding", p.issued(), p.takenBack(), p.clawedBack(), p.expired(), p.redeemed(),
        p.pending(), p.outstanding());
    if (r.redemptions().made() + r.redemptions().refused() > 0) {
      line(s, "Redemptions: %,d paid (%,d points), %,d refused", r.redemptions().made(), r.redemptions().points(),
          r.redemptions().refused());
    }
    r.liability().forEach(l -> line(s, "Liability in %s: %,d points, worth %s", l.currencyCode(), l.points(),
        l.value().map(m -> m.formatted()).orElse("(the program gives no point value in " + l.currencyCode() + ")")));
    line(s, "");
    line(s, "By rule:");
    line(s, "  %-28s %12s %12s %15s %13s %15s", "rule", "fired", "awards", "issued", "taken back", "net");
    for (RuleTotal t : r.rules()) {
      line(s, "  %-28s %,12d %,12d %,15d %,13d %,15d", t.rule(), t.fired(), t.awards(), t.issued(), t.takenBack(),
          t.net());
    }
    if (!r.campaigns().isEmpty()) {
      line(s, "");
      line(s, "Campaign budgets:");
      for (CampaignTotal c : r.campaigns()) {
        line(s, "  %s: budget %,d, issued %,d, given back by returns %,d, left %,d; %s", c.campaign(), c.budget(),
            c.issued(), c.takenBack(), c.left(), c.cutAwards() == 0 ? "never ran short"
                : String.format(Locale.ROOT, "%,d awards cut (%,d points unpaid), first on %s", c.cutAwards(),
                    c.pointsCut(), c.exhaustedOn().map(Object::toString).orElse("?")));
      }
    }
    line(s, "");
    line(s, "Caps: %s", r.caps().isEmpty() ? "none hit" : r.caps().stream()
        .map(c -> String.format(Locale.ROOT, "%s hit %,d times", c.rule(), c.hits())).collect(Collectors.joining(", ")));
    line(s, "");
    line(s, "Tiers at the end:");
    for (TierCount t : r.tiers()) {
      line(s, "  %-12s %,8d partners %,8d members", tier(t.tier()), t.partners(), t.members());
    }
    line(s, "Tier moves: %s", r.tierMoves().isEmpty() ? "none" : r.tierMoves().stream().map(ReportText::move)
        .collect(Collectors.joining(", ")));
    line(s, "");
    line(s, "Regions:");
    line(s, "  %-14s %9s %9s %11s %22s %15s %15s", "region", "partners", "members", "activities", "invoiced",
        "issued", "outstanding");
    for (RegionTotal g : r.regions()) {
      line(s, "  %-14s %,9d %,9d %,11d %22s %,15d %,15d", g.region(), g.partners(), g.members(), g.activities(),
          g.invoiced().stream().map(m -> m.formatted()).collect(Collectors.joining(", ")), g.issued(),
          g.outstanding());
    }
    if (!r.topPartners().isEmpty()) {
      line(s, "");
      line(s, "Top partners (with their members):");
      int rank = 1;
      for (PartnerTotal t : r.topPartners()) {
        line(s, "  %2d. %-16s %-28s %-11s %-10s %-8s %,8d activities %22s invoiced %,13d issued", rank++,
            t.partner(), t.name(), t.type(), t.region(), tier(t.tier()), t.activities(), t.invoiced().formatted(),
            t.issued());
      }
    }
    return s.toString();
  }

  /** The what-if: A and B side by side, and the partners most affected. */
  public static String whatIf(WhatIfReport w, ZoneId zone) {
    StringBuilder s = new StringBuilder();
    line(s, "What-if: the same %,d activities under A (program %s) and B (program %s), %s to %s (%s)",
        w.a().activities().total(), w.a().program(), w.b().program(),
        w.a().firstActivity().map(t -> when(t, zone)).orElse("no activity"), when(w.a().asOf(), zone), zone);
    line(s, w.hasDifferences() ? "" : "No difference: A and B give the same figures.");
    line(s, "  %-26s %18s %18s %18s", "", "A", "B", "B - A");
    for (WhatIfReport.Difference d : w.overall()) {
      line(s, "  %-26s %,18d %,18d %+,18d", d.measure(), d.a(), d.b(), d.change());
    }
    for (WhatIfReport.MoneyDifference m : w.liability()) {
      line(s, "  %-26s %18s %18s %18s", "liability (" + m.currencyCode() + ")", amount(m.a()), amount(m.b()),
          (m.change().signum() > 0 ? "+" : "") + amount(m.change()));
    }
    line(s, "");
    line(s, "By rule (net points):");
    line(s, "  %-28s %12s %12s %15s %15s %15s", "rule", "fired A", "fired B", "A", "B", "B - A");
    for (WhatIfReport.RuleDifference d : w.rules()) {
      line(s, "  %-28s %,12d %,12d %,15d %,15d %+,15d", d.rule(), d.firedA(), d.firedB(), d.netA(), d.netB(),
          d.change());
    }
    line(s, "");
    line(s, "By tier at the end (partners, members, points issued to them):");
    for (WhatIfReport.TierDifference d : w.tiers()) {
      line(s, "  %-12s partners %,7d -> %,7d  members %,7d -> %,7d  issued %,15d -> %,15d", tier(d.tier()),
          d.partnersA(), d.partnersB(), d.membersA(), d.membersB(), d.issuedA(), d.issuedB());
    }
    if (!w.partners().isEmpty()) {
      line(s, "");
      line(s, "Partners most affected (with their members):");
      for (WhatIfReport.PartnerDifference d : w.partners()) {
        line(s, "  %-16s %-10s %-8s -> %-8s issued %,13d -> %,13d (%+,d)", d.partner(), d.region(), tier(d.tierA()),
            tier(d.tierB()), d.issuedA(), d.issuedB(), d.change());
      }
    }
    return s.toString();
  }

  private static String move(TierMove m) {
    return String.format(Locale.ROOT, "%s -> %s %,d", tier(m.from()), tier(m.to()), m.count());
  }

  private static String tier(Optional<TierId> tier) {
    return tier.map(TierId::value).orElse("(none)");
  }

  private static String amount(java.math.BigDecimal amount) {
    return dev.loyalty.core.model.Money.formatAmount(amount);
  }

  private static String when(Instant instant, ZoneId zone) {
    return WHEN.format(instant.atZone(zone));
  }

  private static void line(StringBuilder s, String format, Object... args) {
    s.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
