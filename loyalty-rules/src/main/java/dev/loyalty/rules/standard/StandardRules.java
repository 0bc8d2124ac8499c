package dev.loyalty.rules.standard;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.json.internal.Suggestions;
import dev.loyalty.rules.RuleSet;
import dev.loyalty.rules.RuleSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ready-made rules shipped in this jar: the usual rules of a channel program, read from the
 * program's parameters, so that a program built only from these needs no hand-written DRL. Each
 * file is one rule (with the rule that explains, when an activity comes close, why it did not pay):
 *
 * <ul>
 *   <li>{@code invoice-checks}: review above an invoice total, block above a line quantity
 *   <li>{@code earn-rate}: points per amount of an invoice
 *   <li>{@code product-multiplier}: premium SKUs and categories earn a multiple
 *   <li>{@code threshold-bonus}: bonuses when monthly sales reach thresholds
 *   <li>{@code mix-bonus}: several categories in one order
 *   <li>{@code learning-bonus}: training and certification bonuses
 *   <li>{@code referral-bonus}: referring a new partner
 *   <li>{@code market-expansion}: first order from a new region; an order from a dormant account
 *   <li>{@code consistency-streak}: N months in a row with orders
 *   <li>{@code milestones}: badges, no points: a personal best month of sales, so many
 *       certifications held
 *   <li>{@code clearance-bonus}: slow-moving stock
 *   <li>{@code on-time-reporting}: sell-through and other reports by their due day
 *   <li>{@code tier-qualification}: the program's tier criteria, with the activity counted
 *   <li>{@code tier-multiplier}: a tier's earn multiplier on base awards
 *   <li>{@code campaign-bonus}: campaign bonuses with terms, paid from the campaign's budget
 *   <li>{@code partner-cap}: at most so many points per activity to a partner
 *   <li>{@code period-caps}: at most so many points a day, month, quarter or program year from a
 *   rule or a campaign, to a partner's organisation or to a member
 *   <li>{@code org-rep-split}: the rep's share of a sale's awards
 *   <li>{@code claim-risk}: the risk signals of a claim (records, duplicates, shared invoices and
 *       serials, velocity, a campaign's last days, amounts, redemptions, shared identities) and the
 *       score that approves, holds or blocks it
 * </ul>
 *
 * <p>A rule whose parameters the program does not set does nothing. An integrator replaces one by
 * leaving its file out ({@link #allExcept}) and adding its own DRL to the rule set. The parameters
 * and every rule's sentences are in {@code docs/RULES.md}.
 */
public final class StandardRules {
  /** The ready-made rule files, in the order they are listed above. */
  public static final List<String> NAMES = List.of("invoice-checks", "earn-rate", "product-multiplier",
      "threshold-bonus", "mix-bonus", "learning-bonus", "referral-bonus", "market-expansion", "consistency-streak",
      "milestones", "clearance-bonus", "on-time-reporting", "tier-qualification", "tier-multiplier", "campaign-bonus",
      "partner-cap", "period-caps", "org-rep-split", "claim-risk");

  private static final String FOLDER = "dev/loyalty/rules/standard/";

  private StandardRules() {
  }

  /** Every ready-made rule file; never null. */
  public static List<RuleSource> all() {
    return allExcept();
  }

  /**
   * The ready-made rule file {@code name} ("mix-bonus").
   *
   * @throws IllegalArgumentException if there is no such file (naming the closest)
   */
  public static RuleSource named(String name) {
    requireNonNull(name, "name");
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("there is no ready-made rule file '" + name + "'"
          + Suggestions.didYouMean(name, NAMES) + "; the files are " + String.join(", ", NAMES));
    }
    return RuleSource.fromClasspath(FOLDER + name + ".drl", StandardRules.class.getClassLoader());
  }

  /**
   * Every ready-made rule file but {@code left out}, for a program that replaces them with its own
   * DRL; never null.
   *
   * @throws IllegalArgumentException if a name is not a ready-made file
   */
  public static List<RuleSource> allExcept(String... leftOut) {
    Set<String> skip = new LinkedHashSet<>();
    for (String name : leftOut) {
      named(name); // refuses an unknown name before anything is left out by mistake
      skip.add(name);
    }
    List<RuleSource> sources = new ArrayList<>();
    for (String name : NAMES) {
      if (!skip.contains(name)) {
        sources.add(named(name));
      }
    }
    return List.copyOf(sources);
  }

  /**
   * A rule set of every ready-made rule plus {@code additions} (the program's own DRL), in force
   * from {@code effectiveFrom}.
   */
  public static RuleSet ruleSet(String version, Instant effectiveFrom, RuleSource... additions) {
    List<RuleSource> sources = new ArrayList<>(all());
    sources.addAll(List.of(additions));
    return RuleSet.of(version, effectiveFrom, sources);
  }
}
