package dev.loyalty.rules.standard;

import dev.loyalty.core.json.internal.Suggestions;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.rules.facts.ProgramParameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Caps on what a rule or a campaign pays per day, month, quarter or program year, from the points
 * already earned in the activity's own period ({@link dev.loyalty.rules.facts.Earned}), so that a cap is reached exactly:
 *
 * <pre>
 * cap.monthly.rule.earn-rate = 10000           no partner's organisation earns more than 10,000
 *                                              points a month from rule earn-rate
 * cap.quarterly.campaign.monsoon = 50000       ... more than 50,000 a quarter from campaign monsoon
 * cap.member.monthly.rule.training-bonus = 300 no member earns more than 300 a month from it
 * </pre>
 *
 * <p>The name is {@code cap.[member.]<daily|monthly|quarterly|yearly>.<rule|campaign>.<id>}; the
 * value is a whole number of points, 0 or more. A partner's cap counts what its organisation (the
 * partner and its members) earned and cuts the awards of the activity to the partner and to the
 * activity's member, before the org/rep split (the ready-made {@code period-cap} rule, in the cap
 * stage); a member's cap counts what the member earned and cuts its awards after the split (the
 * {@code member-period-cap} rule, in the audit stage, since a member's share is final only then).
 * Read by the ready-made {@code period-caps} rules. Immutable and thread-safe.
 */
public final class PeriodCaps {
  /** How every cap's name starts. */
  public static final String PREFIX = "cap.";
  /** How a member's cap's name starts. */
  public static final String MEMBER = "cap.member.";
  private static final Map<String, EarningPeriod.Kind> PERIODS = Map.of("daily", EarningPeriod.Kind.DAY,
      "monthly", EarningPeriod.Kind.MONTH, "quarterly", EarningPeriod.Kind.QUARTER, "yearly", EarningPeriod.Kind.YEAR);
  /** The names the caps start with, each standing for every name starting with it. */
  static final List<String> NAME_PREFIXES = List.of("cap.daily.", "cap.monthly.", "cap.quarterly.", "cap.yearly.",
      MEMBER);

  private final List<PeriodCap> partnerCaps;
  private final List<PeriodCap> memberCaps;

  private PeriodCaps(List<PeriodCap> partnerCaps, List<PeriodCap> memberCaps) {
    this.partnerCaps = List.copyOf(partnerCaps);
    this.memberCaps = List.copyOf(memberCaps);
  }

  /**
   * The caps {@code parameters} set, read once per program.
   *
   * @throws IllegalStateException if a cap's name or value is malformed (the program's check at
   *                               {@code build()} refuses such a program first)
   */
  public static PeriodCaps of(ProgramParameters parameters) {
    return parameters.parsed(PeriodCaps.class, PeriodCaps::read);
  }

  private static PeriodCaps read(ProgramParameters parameters) {
    List<PeriodCap> partners = new ArrayList<>();
    List<PeriodCap> members = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(parameters.values()).entrySet()) {
      if (!isCap(e.getKey())) {
        continue;
      }
      Optional<String> problem = problem(e.getKey(), e.getValue());
      if (problem.isPresent()) {
        throw new IllegalStateException("parameter '" + e.getKey() + "' of program " + parameters.program() + " "
            + problem.get());
      }
      PeriodCap cap = parse(e.getKey(), parameters.whole(e.getKey()));
      (cap.member() ? members : partners).add(cap);
    }
    return new PeriodCaps(partners, members);
  }

  /** Whether {@code name} is the name of a period cap (well formed or not). */
  public static boolean isCap(String name) {
    return NAME_PREFIXES.stream().anyMatch(name::startsWith);
  }

  /** A cap's name taken apart: {@code cap.[member.]<period>.<rule|campaign>.<id>}. */
  private record Name(boolean member, EarningPeriod.Kind period, boolean campaign, String id) {
    static Optional<Name> of(String name) {
      if (!name.startsWith(PREFIX)) {
        return Optional.empty();
      }
      boolean member = name.startsWith(MEMBER);
      String[] parts = name.substring(member ? MEMBER.length() : PREFIX.length()).split("\\.", 3);
      if (parts.length < 3 || !PERIODS.containsKey(parts[0])
          || !Set.of("rule", "campaign").contains(parts[1]) || parts[2].isBlank()) {
        return Optional.empty();
      }
      return Optional.of(new Name(member, PERIODS.get(parts[0]), parts[1].equals("campaign"), parts[2]));
    }
  }

  /**
   * What is wrong with period cap {@code name} = {@code value}, as the rest of a sentence that
   * starts with the parameter ("is 2.5; it must be a whole number of points"), if anything.
   */
  public static Optional<String> problem(String name, String value) {
    Optional<Name> parsed = Name.of(name);
    if (parsed.isEmpty()) {
      return Optional.of("is not a cap of a rule or campaign per period; write " + (name.startsWith(MEMBER) ? MEMBER
          : PREFIX) + "<daily|monthly|quarterly|yearly>.<rule|campaign>.<id>, e.g. " + PREFIX + "monthly.rule.earn-rate");
    }
    if (parsed.get().campaign()) {
      try {
        CampaignId.of(parsed.get().id());
      } catch (IllegalArgumentException e) {
        return Optional.of("names a campaign id that cannot be one: " + e.getMessage());
      }
    }
    String v = value.strip();
    try {
      long points = new BigDecimal(v).longValueExact();
      return points < 0 ? Optional.of("is " + v + "; a cap must not be negative") : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.of("is '" + v + "', not a number");
    } catch (ArithmeticException e) {
      return Optional.of("is " + v + "; it must be a whole number of points");
    }
  }

  /**
   * The id of the campaign a well-formed campaign cap {@code name} limits; empty for any other
   * name.
   */
  public static Optional<String> campaignOf(String name) {
    return Name.of(name).filter(Name::campaign).map(Name::id);
  }

  /**
   * The id of the rule a well-formed rule cap {@code name} limits; empty for any other name.
   */
  public static Optional<String> ruleOf(String name) {
    return Name.of(name).filter(n -> !n.campaign()).map(Name::id);
  }

  /**
   * The cap {@code name} was probably meant to be, when it starts {@code cap.} and one of its
   * words is within two edits of a cap's ({@code cap.montly.rule.x}: {@code cap.monthly.rule.x});
   * empty otherwise.
   */
  public static Optional<String> suggestion(String name) {
    if (!name.startsWith(PREFIX) || Name.of(name).isPresent()) {
      return Optional.empty();
    }
    String[] words = name.substring(PREFIX.length()).split("\\.", -1);
    int first = Suggestions.closest(words[0], List.of("member")).isPresent() ? 1 : 0;
    if (words.length < first + 3) {
      return Optional.empty();
    }
    if (first == 1) {
      words[0] = "member";
    }
    words[first] = Suggestions.closest(words[first], PERIODS.keySet()).orElse(words[first]);
    words[first + 1] = Suggestions.closest(words[first + 1], List.of("rule", "campaign")).orElse(words[first + 1]);
    String fixed = PREFIX + String.join(".", words);
    return Name.of(fixed).isPresent() ? Optional.of(fixed) : Optional.empty();
  }

  private static PeriodCap parse(String name, long limit) {
    Name n = Name.of(name).orElseThrow();
    return new PeriodCap(name, n.member(), n.period(), n.campaign(), n.id(), limit);
  }

  /** The caps on partners' organisations, by name; never null. */
  public List<PeriodCap> partnerCaps() {
    return partnerCaps;
  }

  /** The caps on members, by name; never null. */
  public List<PeriodCap> memberCaps() {
    return memberCaps;
  }
}
