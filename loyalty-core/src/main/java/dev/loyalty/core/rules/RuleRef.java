package dev.loyalty.core.rules;

import static java.util.Objects.requireNonNull;

/**
 * Which rule decided something, and in which version of its rule set.
 *
 * @param ruleId  never null or blank
 * @param version the rule set's version; never null or blank
 */
public record RuleRef(String ruleId, String version) {
  public RuleRef {
    requireNonNull(ruleId, "ruleId");
    requireNonNull(version, "version");
    if (ruleId.isBlank() || version.isBlank()) {
      throw new IllegalArgumentException("rule id and version must not be blank");
    }
  }

  /** Rule {@code ruleId} of rule set version {@code version}. */
  public static RuleRef of(String ruleId, String version) {
    return new RuleRef(ruleId, version);
  }

  @Override
  public String toString() {
    return ruleId + "@" + version;
  }
}
