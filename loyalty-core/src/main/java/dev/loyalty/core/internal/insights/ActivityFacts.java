package dev.loyalty.core.internal.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rules.RuleRef;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the activity journal says about one period (docs/INSIGHTS.md): who was active, who trained
 * or certified, each participant's net sales, and the points each rule and campaign awarded and
 * had taken back, per beneficiary. Filled by an {@link InsightsReads} (from the journal's entries, or
 * from the database's facts), read by the reports. Not thread-safe; one per report.
 */
public final class ActivityFacts {

  /**
   * Points of one rule and campaign to one beneficiary.
   *
   * @param beneficiary never null
   * @param rule        never null
   * @param campaign    never null
   */
  public record CostKey(ParticipantId beneficiary, RuleRef rule, Optional<CampaignId> campaign) {
    /** Validates. */
    public CostKey {
      requireNonNull(beneficiary, "beneficiary");
      requireNonNull(rule, "rule");
      requireNonNull(campaign, "campaign");
    }
  }

  /** Awarded and taken-back points of one {@link CostKey}. */
  static final class Cost {
    long awarded;
    long takenBack;
  }

  final Set<ParticipantId> active = new HashSet<>();
  final Map<ParticipantId, Long> trainings = new HashMap<>();
  final Map<ParticipantId, Long> certifications = new HashMap<>();
  final Map<ParticipantId, BigDecimal> sales = new HashMap<>();
  final Map<CostKey, Cost> costs = new HashMap<>();

  /** {@code participant} had an activity that counts in the period. */
  public void active(ParticipantId participant) {
    active.add(requireNonNull(participant, "participant"));
  }

  /** {@code learner} completed {@code count} trainings in the period. */
  public void trainings(ParticipantId learner, long count) {
    trainings.merge(requireNonNull(learner, "learner"), count, Math::addExact);
  }

  /** {@code learner} earned {@code count} certifications in the period. */
  public void certifications(ParticipantId learner, long count) {
    certifications.merge(requireNonNull(learner, "learner"), count, Math::addExact);
  }

  /** Adds {@code amount} (negative for what returns took off) to {@code participant}'s sales in the period. */
  public void sales(ParticipantId participant, BigDecimal amount) {
    sales.merge(requireNonNull(participant, "participant"), requireNonNull(amount, "amount"), BigDecimal::add);
  }

  /** {@code key}'s awards posted {@code points} in the period. */
  public void awarded(CostKey key, long points) {
    Cost c = cost(key);
    c.awarded = Math.addExact(c.awarded, points);
  }

  /** Returns in the period took back {@code points} of {@code key}'s awards. */
  public void takenBack(CostKey key, long points) {
    Cost c = cost(key);
    c.takenBack = Math.addExact(c.takenBack, points);
  }

  private Cost cost(CostKey key) {
    return costs.computeIfAbsent(requireNonNull(key, "key"), k -> new Cost());
  }
}
