package dev.loyalty.rules.standard;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.json.internal.Suggestions;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.rules.facts.ProgramParameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a program's parameters for the ready-made rules before any activity meets them: a
 * misspelt name ({@code "threshold.monthy-sales"}) would silently switch a rule off, and a value
 * that is not a number would refuse every activity that reaches the rule. Call {@link
 * #problems(Program)} when a program is loaded (or in CI) and refuse it if the list is not empty.
 */
public final class StandardParameters {
  private static final Set<String> WHOLE = Set.of("earn.points", "mix.points", "mix.min-categories",
      "training.points", "certification.points", "referral.points", "expansion.points", "reactivation.dormant-days",
      "reactivation.points", "streak.months", "streak.points", "clearance.points-per-unit", "reporting.points",
      "cap.points-per-activity", "block.line-quantity-above");
  private static final Set<String> AMOUNTS = Set.of("earn.per-amount", "review.invoice-above");
  private static final Set<String> LISTS = Set.of("expansion.regions", "clearance.skus", "tier-multiplier.kinds");
  private static final List<String> PER_ITEM = List.of(ProductMultipliers.SKU, ProductMultipliers.CATEGORY,
      "training.points.", "certification.points.");
  private static final Set<String> CAMPAIGN = Set.of(CampaignTerms.MIN_INVOICE, CampaignTerms.CATEGORIES,
      "bonus-percent", "bonus-points");

  private StandardParameters() {
  }

  /**
   * Every problem of {@code program}'s parameters (and its campaigns') for the ready-made rules, one
   * sentence each naming the parameter; empty if there is none. Parameters whose names the
   * ready-made rules do not use are a problem only when they look like a misspelling of one (within
   * two edits), so a program can keep parameters for its own DRL.
   */
  public static List<String> problems(Program program) {
    requireNonNull(program, "program");
    List<String> problems = new ArrayList<>();
    List<String> known = new ArrayList<>(WHOLE);
    known.addAll(AMOUNTS);
    known.addAll(LISTS);
    known.add(Thresholds.MONTHLY_SALES);
    for (Map.Entry<String, String> e : new TreeMap<>(program.parameters()).entrySet()) {
      String name = e.getKey();
      String value = e.getValue().strip();
      String where = "parameter '" + name + "'";
      if (WHOLE.contains(name) || name.startsWith("training.points.") || name.startsWith("certification.points.")) {
        wholeNotNegative(where, value, problems);
      } else if (AMOUNTS.contains(name)) {
        positive(where, value, problems);
      } else if (name.startsWith(ProductMultipliers.SKU) || name.startsWith(ProductMultipliers.CATEGORY)) {
        BigDecimal factor = number(where, value, problems);
        if (factor != null && factor.compareTo(BigDecimal.ONE) < 0) {
          problems.add(where + " is " + value + "; a product multiplier must be at least 1");
        }
      } else if (name.equals(Thresholds.MONTHLY_SALES)) {
        try {
          Thresholds.of(new ProgramParameters(program.id(), Map.of(name, value)));
        } catch (IllegalStateException ex) {
          problems.add(ex.getMessage());
        }
      } else if (!LISTS.contains(name) && PER_ITEM.stream().noneMatch(name::startsWith)) {
        Suggestions.closest(name, known).ifPresent(s -> problems.add(where + " is not read by any ready-made rule; "
            + "did you mean '" + s + "'?"));
      }
    }
    if (program.parameters().containsKey("earn.per-amount") && !program.parameters().containsKey("earn.points")) {
      problems.add("parameter 'earn.per-amount' is set but 'earn.points' is not; the earn rate needs both");
    }
    for (Campaign campaign : program.campaigns()) {
      for (Map.Entry<String, String> e : new TreeMap<>(campaign.parameters()).entrySet()) {
        String where = "parameter '" + e.getKey() + "' of campaign " + campaign.id();
        switch (e.getKey()) {
          case "bonus-percent", CampaignTerms.MIN_INVOICE -> positive(where, e.getValue().strip(), problems);
          case "bonus-points" -> wholeNotNegative(where, e.getValue().strip(), problems);
          default -> Suggestions.closest(e.getKey(), CAMPAIGN).filter(s -> !CAMPAIGN.contains(e.getKey()))
              .ifPresent(s -> problems.add(where + " is not read by any ready-made rule; did you mean '" + s + "'?"));
        }
      }
    }
    return List.copyOf(problems);
  }

  private static BigDecimal number(String where, String value, List<String> problems) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      problems.add(where + " is '" + value + "', not a number");
      return null;
    }
  }

  private static void positive(String where, String value, List<String> problems) {
    BigDecimal n = number(where, value, problems);
    if (n != null && n.signum() <= 0) {
      problems.add(where + " is " + value + "; it must be positive");
    }
  }

  private static void wholeNotNegative(String where, String value, List<String> problems) {
    BigDecimal n = number(where, value, problems);
    if (n == null) {
      return;
    }
    if (n.stripTrailingZeros().scale() > 0) {
      problems.add(where + " is " + value + "; it must be a whole number");
    } else if (n.signum() < 0) {
      problems.add(where + " is " + value + "; it must not be negative");
    }
  }
}
