package dev.loyalty.rules.standard;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.json.internal.JsonPaths;
import dev.loyalty.core.json.internal.Suggestions;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.rules.facts.ProgramParameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Checks a program's parameters for the ready-made rules before any activity meets them: a
 * misspelt name ({@code "threshold.monthy-sales"}) would silently switch a rule off, and a value
 * that is not a number would refuse every activity that reaches the rule. {@code
 * DroolsRuleEngine.problems(program)}, which {@code LoyaltyEngine.builder(...).build()} calls, uses
 * these checks for the parameters its rule sets read and refuses any other name; call {@link
 * #problems(Program)} directly to check a program against the ready-made rules alone (a CLI, CI).
 *
 * <p>Every problem is an {@link InputProblem} at the parameter's JSON path in the program
 * definition ({@code $.parameters['earn.points']}, {@code $.campaigns[0].parameters['min-invoice']}).
 * Stateless and thread-safe.
 */
public final class StandardParameters {
  private static final String MILESTONE_CERTIFICATIONS = "milestone.certifications";
  private static final Set<String> WHOLE = Set.of(EarnRate.POINTS, "mix.points", "mix.min-categories",
      "training.points", "certification.points", "referral.points", "expansion.points", "reactivation.dormant-days",
      "reactivation.points", "streak.months", "streak.points", "clearance.points-per-unit", "reporting.points",
      AwardCaps.PER_ACTIVITY, "block.line-quantity-above", "milestone.best-month-after");
  private static final Set<String> AMOUNTS = Set.of(EarnRate.PER_AMOUNT, "review.invoice-above");
  /** The scores of the claim-risk signals: each switches its signal on. */
  static final List<String> SIGNAL_SCORES = List.of("risk.unverified-invoice.score", "risk.duplicate-invoice.score",
      "risk.shared-invoice.score", "risk.serial-claimed.score", "risk.claim-velocity.score", "risk.campaign-end.score",
      "risk.campaign-end-rise.score", "risk.amount-outlier.score", "risk.record-excess.score",
      "risk.redemption-velocity.score", "risk.account-takeover.score", "risk.shared-identity.score",
      "risk.shared-contact.score");
  private static final String REVIEW_SCORE = "risk.review-score";
  private static final String SPIKE_SCORE = "risk.campaign-end.score";
  private static final String SPIKE_FACTOR = "risk.campaign-end.factor";
  private static final String RISE_SCORE = "risk.campaign-end-rise.score";
  private static final String RISE_FACTOR = "risk.campaign-end-rise.factor";
  private static final String BLOCK_SCORE = "risk.block-score";
  /** Whole numbers of the claim-risk rules, at least 1 (scores fit an int). */
  private static final Set<String> RISK_WHOLE = Set.of("risk.claim-velocity.min-claims",
      "risk.amount-outlier.min-history", "risk.redemption-velocity.min-points", "risk.account-takeover.min-points",
      "risk.account-takeover.change-days", "risk.min-history-days");
  /** Factors and deviations of the claim-risk rules: positive decimals. */
  private static final Set<String> RISK_FACTORS = Set.of("risk.claim-velocity.factor", "risk.claim-velocity.rarity",
      "risk.campaign-end.factor", "risk.campaign-end-rise.factor",
      "risk.amount-outlier.deviations", "risk.record-excess.factor", "risk.redemption-velocity.factor");
  /** Shares of the claim-risk rules: decimals above 0, at most 1. */
  private static final Set<String> RISK_SHARES = Set.of("risk.account-takeover.drain-share");
  private static final Set<String> LISTS = Set.of("expansion.regions", "clearance.skus", "tier-multiplier.kinds",
      MILESTONE_CERTIFICATIONS);
  private static final List<String> PER_ITEM = List.of(ProductMultipliers.SKU, ProductMultipliers.CATEGORY,
      "training.points.", "certification.points.");
  private static final Set<String> CAMPAIGN = Set.of(CampaignTerms.MIN_INVOICE, CampaignTerms.CATEGORIES,
      "bonus-percent", "bonus-points");
  /** What each helper reads on its own (the DRL that calls it does not name these). */
  private static final Map<Class<?>, List<String>> READ_BY_HELPER = Map.of(
      EarnRate.class, List.of(EarnRate.POINTS, EarnRate.PER_AMOUNT),
      Thresholds.class, List.of(Thresholds.MONTHLY_SALES),
      ProductMultipliers.class, List.of(ProductMultipliers.SKU, ProductMultipliers.CATEGORY),
      CampaignTerms.class, List.of(CampaignTerms.MIN_INVOICE, CampaignTerms.CATEGORIES),
      PeriodCaps.class, PeriodCaps.NAME_PREFIXES);
  private static final String PARAMETERS = JsonPaths.PLAIN_OR_DOLLAR.member(JsonPaths.ROOT, "parameters");
  /** Names the ready-made rules read under another name now, with the new name and why. */
  private static final Map<String, String> RENAMED = Map.of("risk.shared-phone.score",
      "it is 'risk.shared-contact.score' now, which covers e-mails and delivery addresses too");

  private StandardParameters() {
  }

  /**
   * Every problem of {@code program}'s parameters (and its campaigns') for the ready-made rules: a
   * value they could not read ({@link #valueProblems}), and a name they do not read that is within
   * two edits of one they do (or a cap whose period or kind is: {@code cap.montly.rule.x}), which
   * is almost always a misspelling; never null, empty if there is
   * none. Other names are left alone, so that a program can keep parameters for its own DRL.
   */
  public static List<InputProblem> problems(Program program) {
    requireNonNull(program, "program");
    List<String> known = new ArrayList<>(WHOLE);
    known.addAll(AMOUNTS);
    known.addAll(LISTS);
    known.add(Thresholds.MONTHLY_SALES);
    known.addAll(SIGNAL_SCORES);
    known.addAll(RISK_WHOLE);
    known.addAll(RISK_FACTORS);
    known.addAll(RISK_SHARES);
    known.add(REVIEW_SCORE);
    known.add(BLOCK_SCORE);
    List<InputProblem> problems = new ArrayList<>(valueProblems(program));
    for (String name : new TreeMap<>(program.parameters()).keySet()) {
      if (!isReadyMade(name)) {
        renamed(name).or(() -> PeriodCaps.suggestion(name).or(() -> Suggestions.closest(name, known))
            .map(s -> "did you mean '" + s + "'?")).ifPresent(s -> problems.add(
            new InputProblem(path(name), "is not read by any ready-made rule; " + s)));
      }
    }
    for (int i = 0; i < program.campaigns().size(); i++) {
      for (String name : new TreeMap<>(program.campaigns().get(i).parameters()).keySet()) {
        if (!CAMPAIGN.contains(name)) {
          int index = i;
          Suggestions.closest(name, CAMPAIGN).ifPresent(s -> problems.add(new InputProblem(path(index, name),
              "is not read by any ready-made rule; did you mean '" + s + "'?")));
        }
      }
    }
    return List.copyOf(problems);
  }

  /**
   * The values the ready-made rules could not read, of the parameters with their names: not a
   * number, negative or fractional where it must be whole, a multiplier below 1, a malformed
   * threshold list, {@code earn.per-amount} without {@code earn.points}, a risk score below 1, a
   * share outside (0, 1], signals scored without {@code risk.review-score}, a {@code
   * risk.block-score} not above it, a campaign-end rise factor not below the spike's, a
   * period cap that is not {@code cap.[member.]<period>.<rule|campaign>.<id>} or names a campaign
   * the program does not define; never null.
   */
  public static List<InputProblem> valueProblems(Program program) {
    return valueProblems(program, name -> true);
  }

  /**
   * {@link #valueProblems(Program)} of the parameters (and campaign parameters) whose names {@code
   * read} accepts: those the rules in force read, for a program whose own DRL reads a name of a
   * ready-made rule it left out in its own way; never null.
   */
  public static List<InputProblem> valueProblems(Program program, Predicate<String> read) {
    requireNonNull(program, "program");
    requireNonNull(read, "read");
    List<InputProblem> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(program.parameters()).entrySet()) {
      String name = e.getKey();
      if (!read.test(name)) {
        continue;
      }
      String value = e.getValue().strip();
      String at = path(name);
      if (WHOLE.contains(name) || name.startsWith("training.points.") || name.startsWith("certification.points.")) {
        wholeNotNegative(at, value, problems);
      } else if (AMOUNTS.contains(name)) {
        positive(at, value, problems);
      } else if (name.startsWith(ProductMultipliers.SKU) || name.startsWith(ProductMultipliers.CATEGORY)) {
        BigDecimal factor = number(at, value, problems);
        if (factor != null && factor.compareTo(BigDecimal.ONE) < 0) {
          problems.add(new InputProblem(at, "is " + value + "; a product multiplier must be at least 1"));
        }
      } else if (PeriodCaps.isCap(name)) {
        capProblems(program, name, e.getValue(), at, problems);
      } else if (name.equals(MILESTONE_CERTIFICATIONS)) {
        try {
          Milestones.counts(new ProgramParameters(program.id(), Map.of(name, value)).list(name));
        } catch (IllegalStateException ex) {
          problems.add(new InputProblem(at, ex.getMessage()));
        }
      } else if (name.equals(Thresholds.MONTHLY_SALES)) {
        try {
          Thresholds.of(new ProgramParameters(program.id(), Map.of(name, value)));
        } catch (IllegalStateException ex) {
          problems.add(new InputProblem(at, ex.getMessage()));
        }
      } else if (SIGNAL_SCORES.contains(name) || name.equals(REVIEW_SCORE) || name.equals(BLOCK_SCORE)
          || RISK_WHOLE.contains(name)) {
        wholeBetween(at, value, 1, name.endsWith("score") ? Integer.MAX_VALUE : Long.MAX_VALUE, problems);
      } else if (RISK_FACTORS.contains(name)) {
        positive(at, value, problems);
      } else if (RISK_SHARES.contains(name)) {
        share(at, value, problems);
      }
    }
    riskThresholds(program, read, problems);
    if (program.parameters().containsKey(EarnRate.PER_AMOUNT) && !program.parameters().containsKey(EarnRate.POINTS)
        && read.test(EarnRate.PER_AMOUNT)) {
      problems.add(new InputProblem(path(EarnRate.PER_AMOUNT), "is set but '" + EarnRate.POINTS + "' is not; the "
          + "earn rate needs both"));
    }
    for (int i = 0; i < program.campaigns().size(); i++) {
      Campaign campaign = program.campaigns().get(i);
      for (Map.Entry<String, String> e : new TreeMap<>(campaign.parameters()).entrySet()) {
        if (!read.test(e.getKey())) {
          continue;
        }
        String at = path(i, e.getKey());
        switch (e.getKey()) {
          case "bonus-percent", CampaignTerms.MIN_INVOICE -> positive(at, e.getValue().strip(), problems);
          case "bonus-points" -> wholeNotNegative(at, e.getValue().strip(), problems);
          default -> {
            // not a number the ready-made rules read
          }
        }
      }
    }
    return List.copyOf(problems);
  }

  /**
   * For a parameter the ready-made rules used to read under {@code name}: a sentence with the name
   * they read now ("it is 'risk.shared-contact.score' now, ..."); empty for any other name.
   */
  public static Optional<String> renamed(String name) {
    return Optional.ofNullable(RENAMED.get(requireNonNull(name, "name")));
  }

  /**
   * The parameter names a ready-made helper reads by itself when a rule calls it ({@code
   * EarnRate.of($parameters)}: {@code earn.points}, {@code earn.per-amount}); a name ending in a dot
   * stands for every name starting with it ({@code multiplier.sku.}); never null, empty for any
   * other class.
   */
  public static List<String> readBy(Class<?> helper) {
    return READ_BY_HELPER.getOrDefault(requireNonNull(helper, "helper"), List.of());
  }

  private static boolean isReadyMade(String name) {
    return WHOLE.contains(name) || AMOUNTS.contains(name) || LISTS.contains(name)
        || name.equals(Thresholds.MONTHLY_SALES) || PER_ITEM.stream().anyMatch(name::startsWith)
        || SIGNAL_SCORES.contains(name) || RISK_WHOLE.contains(name) || RISK_FACTORS.contains(name)
        || RISK_SHARES.contains(name)
        || name.equals(REVIEW_SCORE) || name.equals(BLOCK_SCORE) || PeriodCaps.isCap(name);
  }

  /**
   * The claim-risk thresholds together: signals scored without a review threshold would never hold
   * a claim, and a block threshold at or below the review threshold would block what should wait.
   */
  private static void riskThresholds(Program program, Predicate<String> read, List<InputProblem> problems) {
    Map<String, String> p = program.parameters();
    Optional<String> scored = SIGNAL_SCORES.stream().filter(p::containsKey).filter(read).findFirst();
    if (scored.isPresent() && !p.containsKey(REVIEW_SCORE)) {
      problems.add(new InputProblem(path(scored.get()), "scores a risk signal, but '" + REVIEW_SCORE
          + "' is not set: no score would send a claim to review"));
    }
    if (p.containsKey(RISE_SCORE) && p.containsKey(SPIKE_SCORE) && read.test(RISE_SCORE)) {
      BigDecimal rise = decimal(p.getOrDefault(RISE_FACTOR, "1.5"));
      BigDecimal spike = decimal(p.getOrDefault(SPIKE_FACTOR, "3"));
      if (rise != null && spike != null && rise.compareTo(spike) >= 0) {
        problems.add(new InputProblem(path(RISE_FACTOR), "is " + rise.toPlainString() + ", not below '" + SPIKE_FACTOR
            + "' (" + spike.toPlainString() + "): the rise is the spike's lower step and would never fire"));
      }
    }
    if (p.containsKey(REVIEW_SCORE) && p.containsKey(BLOCK_SCORE) && read.test(BLOCK_SCORE)) {
      try {
        BigDecimal review = new BigDecimal(p.get(REVIEW_SCORE).strip());
        BigDecimal block = new BigDecimal(p.get(BLOCK_SCORE).strip());
        if (block.compareTo(review) <= 0) {
          problems.add(new InputProblem(path(BLOCK_SCORE), "is " + p.get(BLOCK_SCORE).strip() + ", not above '"
              + REVIEW_SCORE + "' (" + p.get(REVIEW_SCORE).strip() + "): a claim would be blocked before it could "
              + "be reviewed"));
        }
      } catch (NumberFormatException e) {
        // reported as not a number already
      }
    }
  }

  /** A period cap's name and value, and the campaign it names, which the program must define. */
  private static void capProblems(Program program, String name, String value, String at, List<InputProblem> problems) {
    Optional<String> problem = PeriodCaps.problem(name, value);
    if (problem.isPresent()) {
      problems.add(new InputProblem(at, problem.get()));
      return;
    }
    PeriodCaps.campaignOf(name).filter(c -> program.campaign(CampaignId.of(c)).isEmpty()).ifPresent(c -> {
      List<String> ids = program.campaigns().stream().map(k -> k.id().value()).toList();
      problems.add(new InputProblem(at, "names campaign '" + c + "', which program " + program.id()
          + " does not define" + Suggestions.closest(c, ids).map(s -> "; did you mean '" + s + "'?")
          .orElse(ids.isEmpty() ? " (it has no campaigns)" : "; its campaigns are " + String.join(", ", ids))));
    });
  }

  /** {@code $.parameters['earn.points']}. */
  private static String path(String name) {
    return JsonPaths.PLAIN_OR_DOLLAR.member(PARAMETERS, name);
  }

  /** {@code $.campaigns[0].parameters['min-invoice']}. */
  private static String path(int campaign, String name) {
    String campaigns = JsonPaths.index(JsonPaths.PLAIN_OR_DOLLAR.member(JsonPaths.ROOT, "campaigns"), campaign);
    return JsonPaths.PLAIN_OR_DOLLAR.member(JsonPaths.PLAIN_OR_DOLLAR.member(campaigns, "parameters"), name);
  }

  private static BigDecimal number(String at, String value, List<InputProblem> problems) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      problems.add(new InputProblem(at, "is '" + value + "', not a number"));
      return null;
    }
  }

  private static void positive(String at, String value, List<InputProblem> problems) {
    BigDecimal n = number(at, value, problems);
    if (n != null && n.signum() <= 0) {
      problems.add(new InputProblem(at, "is " + value + "; it must be positive"));
    }
  }

  /** {@code value} as a number, or null if it is not one (reported as such elsewhere). */
  private static BigDecimal decimal(String value) {
    try {
      return new BigDecimal(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void share(String at, String value, List<InputProblem> problems) {
    BigDecimal n = number(at, value, problems);
    if (n != null && (n.signum() <= 0 || n.compareTo(BigDecimal.ONE) > 0)) {
      problems.add(new InputProblem(at, "is " + value + "; a share must be above 0 and at most 1"));
    }
  }

  private static void wholeBetween(String at, String value, long min, long max, List<InputProblem> problems) {
    BigDecimal n = number(at, value, problems);
    if (n == null) {
      return;
    }
    if (n.stripTrailingZeros().scale() > 0) {
      problems.add(new InputProblem(at, "is " + value + "; it must be a whole number"));
    } else if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
      problems.add(new InputProblem(at, "is " + value + "; it must be " + min + " to " + max));
    }
  }

  private static void wholeNotNegative(String at, String value, List<InputProblem> problems) {
    BigDecimal n = number(at, value, problems);
    if (n == null) {
      return;
    }
    if (n.stripTrailingZeros().scale() > 0) {
      problems.add(new InputProblem(at, "is " + value + "; it must be a whole number"));
    } else if (n.signum() < 0) {
      problems.add(new InputProblem(at, "is " + value + "; it must not be negative"));
    }
  }
}
