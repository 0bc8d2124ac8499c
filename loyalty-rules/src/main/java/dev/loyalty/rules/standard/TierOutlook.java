package dev.loyalty.rules.standard;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.tier.Gap;
import dev.loyalty.core.tier.TierEvaluator;
import dev.loyalty.rules.facts.CurrentTier;
import dev.loyalty.rules.facts.Figures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A participant's tier standing with the activity counted: rules see figures as they stood
 * before it, but a sale or certification that lifts a dealer over a tier's bar should qualify it on
 * the spot. Read by the ready-made {@code tier-qualification} rule, which checks the program's own
 * tier criteria (sales in the window, growth, categories, certifications) exactly as core does.
 */
public final class TierOutlook {
  // the last two figures-with-the-activity this thread computed: the qualification rule asks for the
  // partner's and the member's, its "still short" companion for the partner's again, in one
  // evaluation, and each answer copied the figures. Keyed by identity: both facts are immutable and
  // new for each evaluation.
  private static final ThreadLocal<Last[]> LAST = ThreadLocal.withInitial(() -> new Last[2]);

  private TierOutlook() {
  }

  private record Last(Figures figures, Activity activity, PerformanceFigures after) {
  }

  /**
   * {@code figures} with {@code activity} added, if it counts for their participant (a sale adds
   * its total, categories and one order; a certification adds itself); otherwise unchanged.
   */
  public static PerformanceFigures after(Figures figures, Activity activity) {
    Last[] last = LAST.get();
    for (Last l : last) {
      if (l != null && l.figures() == figures && l.activity() == activity) {
        return l.after();
      }
    }
    PerformanceFigures after = counted(figures, activity);
    last[1] = last[0];
    last[0] = new Last(figures, activity, after);
    return after;
  }

  private static PerformanceFigures counted(Figures figures, Activity activity) {
    PerformanceFigures before = figures.figures();
    ParticipantId who = before.participant();
    boolean counts = activity.partner().equals(who) || activity.member().map(who::equals).orElse(false);
    if (!counts) {
      return before;
    }
    if (activity instanceof Sale sale && sale.currency().equals(before.windowSales().currency())) {
      Map<String, Money> byCategory = new HashMap<>(before.windowSalesByCategory());
      for (InvoiceLine line : sale.lines()) {
        byCategory.merge(line.category(), Money.of(line.amount(), sale.currency()), Money::plus);
      }
      return new PerformanceFigures(who, before.asOf(), before.windowMonths(),
          before.windowSales().plus(sale.total()), before.priorWindowSales(), byCategory, before.windowOrders() + 1,
          before.monthSales().plus(sale.total()), before.monthOrders() + 1, before.consistencyMonths(),
          before.lifetimeOrders() + 1, before.lastActivity(), before.certifications(), before.bestMonthSales(),
          before.monthsWithSales());
    }
    if (activity instanceof CertificationEarned c) {
      Set<String> certifications = new HashSet<>(before.certifications());
      certifications.add(c.certification());
      return new PerformanceFigures(who, before.asOf(), before.windowMonths(), before.windowSales(),
          before.priorWindowSales(), before.windowSalesByCategory(), before.windowOrders(), before.monthSales(),
          before.monthOrders(), before.consistencyMonths(), before.lifetimeOrders(), before.lastActivity(),
          certifications, before.bestMonthSales(), before.monthsWithSales());
    }
    return before;
  }

  /**
   * The rank of the tier {@code participant} holds among {@code held} (the session's {@link
   * CurrentTier} facts), or -1 if none.
   */
  public static int rankOf(ParticipantId participant, Collection<?> held) {
    for (Object fact : held) {
      if (fact instanceof CurrentTier tier && tier.participant().equals(participant)) {
        return tier.rank();
      }
    }
    return -1;
  }

  /**
   * The highest tier above the one held that the figures meet with the activity counted, as a list
   * of none or one (for a rule's {@code from}).
   */
  public static List<Tier> newlyMet(Program program, Figures figures, Activity activity, Collection<?> held) {
    int rank = rankOf(figures.participant(), held);
    List<Tier> tiers = program.tiers();
    if (rank + 1 >= tiers.size()) {
      return List.of(); // nothing above the top tier
    }
    // the highest tier met, if above the one held: only the tiers above it need checking
    TierEvaluator evaluator = new TierEvaluator(program);
    PerformanceFigures after = after(figures, activity);
    for (int i = tiers.size() - 1; i > rank; i--) {
      if (evaluator.meets(tiers.get(i), after)) {
        return List.of(tiers.get(i));
      }
    }
    return List.of();
  }

  /**
   * What the participant still misses for the tier above the one it holds, with the activity
   * counted ("For Gold: 400,000 INR more sales and 1 more product category."), as a list of none
   * (top tier, or the next one is met) or one sentence.
   */
  public static List<String> stillMissing(Program program, Figures figures, Activity activity, Collection<?> held) {
    int rank = rankOf(figures.participant(), held);
    if (rank + 1 >= program.tiers().size()) {
      return List.of();
    }
    Tier next = program.tiers().get(rank + 1);
    List<Gap> gaps = new TierEvaluator(program).gaps(next, after(figures, activity));
    if (gaps.isEmpty()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    gaps.forEach(g -> parts.add(g.describe()));
    return List.of("For " + next.name() + ": " + String.join(" and ", parts) + ".");
  }
}
