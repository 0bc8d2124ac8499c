package dev.loyalty.core.testing;

import dev.loyalty.core.claims.ClaimFacts;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample rules, plus plain risk checks on a claim's facts that core's claim tests steer by the
 * program's parameters: a duplicate invoice is blocked; an invoice another partner claimed, a
 * serial number claimed before, a detail shared with another organisation, and (with {@link
 * #REVIEW_UNVERIFIED}) an invoice the records do not confirm go to review; so does a claim above
 * {@link #REVIEW_ABOVE}. The ready-made DRL signals, scored against thresholds, are tested in
 * loyalty-rules; these only give the lifecycle every outcome on demand.
 */
public final class ClaimTestRules implements RuleEngine {
  /** A claim whose total is above this amount goes to review. */
  public static final String REVIEW_ABOVE = "test.claim-review-above";
  /** When "true", a claim the records do not confirm goes to review. */
  public static final String REVIEW_UNVERIFIED = "test.claim-review-unverified";
  private static final String VERSION = "claims-test-1";

  private final RuleEngine sample = new SampleRules();

  @Override
  public RuleOutcome evaluate(RuleFacts facts) {
    RuleOutcome outcome = sample.evaluate(facts);
    if (facts.claim().isEmpty()) {
      return outcome;
    }
    ClaimFacts claim = facts.claim().get();
    Program program = facts.program();
    List<RiskFlag> flags = new ArrayList<>(outcome.riskFlags());
    if (claim.duplicateCount() > 0) {
      flags.add(flag(RiskFlag.Severity.BLOCK, "duplicate-invoice", "Claimed before: " + claim.duplicatesText(), 100));
    }
    if (claim.otherPartnerCount() > 0) {
      flags.add(flag(RiskFlag.Severity.REVIEW, "shared-invoice", "Also claimed by " + claim.otherPartnersText(), 60));
    }
    if (claim.serialClaimCount() > 0) {
      flags.add(flag(RiskFlag.Severity.REVIEW, "serial-claimed", "Claimed before: " + claim.serialClaimsText(), 60));
    }
    if (claim.sharedIdentityCount() > 0) {
      flags.add(flag(RiskFlag.Severity.REVIEW, "shared-identity", claim.sharedIdentitiesText(), 60));
    }
    if (!claim.recordsMatched() && program.parameter(REVIEW_UNVERIFIED).filter("true"::equals).isPresent()) {
      flags.add(flag(RiskFlag.Severity.REVIEW, "unverified-invoice", claim.records().summary(), 40));
    }
    program.parameter(REVIEW_ABOVE).map(BigDecimal::new).filter(max -> claim.amount().amount().compareTo(max) > 0)
        .ifPresent(max -> flags.add(flag(RiskFlag.Severity.REVIEW, "large-claim", "Above " + max + ".", 0)));
    return new RuleOutcome(outcome.awards(), outcome.qualifications(), outcome.badges(), flags, outcome.decisions());
  }

  private static RiskFlag flag(RiskFlag.Severity severity, String code, String reason, int score) {
    return new RiskFlag(severity, code, RuleRef.of(code, VERSION), reason, score);
  }
}
