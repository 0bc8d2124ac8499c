package dev.loyalty.rules;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A versioned, effective-dated set of DRL files (and decision tables). An activity is evaluated by the rule set with the
 * latest {@code effectiveFrom} at or before the activity's occurred-at time; every result names the
 * version that produced it.
 *
 * @param version       names the rule set in every explanation ("2026-07", "v3"); 1-100 letters,
 *                      digits, dots, dashes or underscores; never null
 * @param effectiveFrom the first instant it applies to; {@link Instant#MIN} for "always"; never null
 * @param sources       one or more DRL files or decision tables with distinct names; never null
 * @param trusted       whether its code may reach outside the fact vocabulary (files, the network,
 *                      reflection, threads, {@code System}, ...): false unless the host says it
 *                      trusts the rule set's authors with {@link #asTrusted()}; see docs/RULES.md,
 *                      "Trust"
 */
public record RuleSet(String version, Instant effectiveFrom, List<RuleSource> sources, boolean trusted) {
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  public RuleSet {
    requireNonNull(version, "version");
    requireNonNull(effectiveFrom, "effectiveFrom");
    sources = List.copyOf(requireNonNull(sources, "sources"));
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("rule set version '" + version
          + "' must be 1-100 letters, digits, dots, dashes or underscores");
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("rule set " + version + " has no DRL sources");
    }
    Set<String> names = new HashSet<>();
    for (RuleSource source : sources) {
      if (!names.add(source.name())) {
        throw new IllegalArgumentException("rule set " + version + " has two sources named " + source.name());
      }
    }
  }

  /** An untrusted rule set (its code is checked to stay within the fact vocabulary). */
  public RuleSet(String version, Instant effectiveFrom, List<RuleSource> sources) {
    this(version, effectiveFrom, sources, false);
  }

  /**
   * This rule set, trusted: its DRL may use any class the host's class loader sees and runs with the
   * host's full permissions (read files, open connections, start threads, exit the JVM). Only for
   * rule sets whose authors the host trusts as it trusts its own code; never null.
   */
  public RuleSet asTrusted() {
    return new RuleSet(version, effectiveFrom, sources, true);
  }

  /** Rule set {@code version} in force from {@code effectiveFrom}. */
  public static RuleSet of(String version, Instant effectiveFrom, List<RuleSource> sources) {
    return new RuleSet(version, effectiveFrom, sources);
  }

  /** Rule set {@code version} in force from {@code effectiveFrom}. */
  public static RuleSet of(String version, Instant effectiveFrom, RuleSource... sources) {
    return new RuleSet(version, effectiveFrom, List.of(sources));
  }

  /** Rule set {@code version} in force for activities at any time. */
  public static RuleSet always(String version, RuleSource... sources) {
    return new RuleSet(version, Instant.MIN, List.of(sources));
  }
}
