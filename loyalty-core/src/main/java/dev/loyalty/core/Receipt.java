package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rules.Badge;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.TierQualification;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What recording one activity did, and why: every award with its rule and reason, every rule that
 * decided something, budget cuts, tier changes. Recording the same activity again returns the
 * same receipt.
 *
 * @param activity     never null
 * @param status       never null
 * @param recordedAt   by the engine's clock; never null
 * @param awards       for a sale or other earning activity; never null
 * @param returns      for a return: what it took back of each award of the invoice; never null
 * @param shortfalls   for a return: points already spent that were booked to the clawback account,
 *                     per participant; never null
 * @param decisions    never null
 * @param badges       never null
 * @param riskFlags    never null
 * @param qualifications tier qualifications the rules found; never null
 * @param tierChanges  never null
 * @param transaction  the one ledger transaction it wrote, if any; never null
 */
public record Receipt(
    ActivityId activity,
    Status status,
    Instant recordedAt,
    List<PostedAward> awards,
    List<AwardReturn> returns,
    Map<ParticipantId, Long> shortfalls,
    List<RuleDecision> decisions,
    List<Badge> badges,
    List<RiskFlag> riskFlags,
    List<TierQualification> qualifications,
    List<TierChange> tierChanges,
    Optional<TransactionId> transaction) {

  public Receipt {
    requireNonNull(activity, "activity");
    requireNonNull(status, "status");
    requireNonNull(recordedAt, "recordedAt");
    awards = List.copyOf(requireNonNull(awards, "awards"));
    returns = List.copyOf(requireNonNull(returns, "returns"));
    shortfalls = Map.copyOf(requireNonNull(shortfalls, "shortfalls"));
    decisions = List.copyOf(requireNonNull(decisions, "decisions"));
    badges = List.copyOf(requireNonNull(badges, "badges"));
    riskFlags = List.copyOf(requireNonNull(riskFlags, "riskFlags"));
    qualifications = List.copyOf(requireNonNull(qualifications, "qualifications"));
    tierChanges = List.copyOf(requireNonNull(tierChanges, "tierChanges"));
    requireNonNull(transaction, "transaction");
  }

  /** A copy with {@code newStatus} and {@code newAwards}. */
  public Receipt withAwards(Status newStatus, List<PostedAward> newAwards) {
    return new Receipt(activity, newStatus, recordedAt, newAwards, returns, shortfalls, decisions, badges, riskFlags,
        qualifications, tierChanges, transaction);
  }

  /** A copy with {@code newShortfalls}. */
  public Receipt withShortfalls(Map<ParticipantId, Long> newShortfalls) {
    return new Receipt(activity, status, recordedAt, awards, returns, newShortfalls, decisions, badges, riskFlags,
        qualifications, tierChanges, transaction);
  }

  /** A copy with the ledger transaction and the tier changes. */
  public Receipt withOutcome(Optional<TransactionId> newTransaction, List<TierChange> newTierChanges) {
    return new Receipt(activity, status, recordedAt, awards, returns, shortfalls, decisions, badges, riskFlags,
        qualifications, newTierChanges, newTransaction);
  }

  /** What became of the activity. */
  public enum Status {
    /** Rules were applied and their awards posted (possibly none, or cut to zero by budgets). */
    RECORDED,
    /** A risk rule blocked it: nothing was awarded and it does not count in figures. */
    BLOCKED,
    /** A risk rule held it for review: nothing is posted until a reviewer approves. */
    IN_REVIEW,
    /** A reviewer rejected it: nothing was awarded. */
    REJECTED,
    /** A return: points of the invoice were taken back. */
    RETURNED
  }

  /** Points posted (for a return: taken back, as a negative number) per participant, in order. */
  public Map<ParticipantId, Long> pointsByParticipant() {
    Map<ParticipantId, Long> points = new LinkedHashMap<>();
    for (PostedAward a : awards) {
      if (status == Status.RECORDED) {
        points.merge(a.beneficiary(), a.points(), Math::addExact);
      }
    }
    for (AwardReturn r : returns) {
      points.merge(r.beneficiary(), -r.points(), Math::addExact);
    }
    return points;
  }

  /** The total points posted (negative for a return). */
  public long totalPoints() {
    return pointsByParticipant().values().stream().mapToLong(Long::longValue).reduce(0, Math::addExact);
  }

  /** The explanation, one sentence per line, for a partner to read. */
  public List<String> explanation() {
    List<String> lines = new ArrayList<>();
    lines.add("Activity " + activity + ": " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ".");
    for (RiskFlag f : riskFlags) {
      lines.add("Risk " + f.severity().name().toLowerCase(java.util.Locale.ROOT) + " (" + f.rule() + "): "
          + f.reason());
    }
    for (PostedAward a : awards) {
      String who = a.beneficiary().kind() + " " + a.beneficiary().value();
      String paid = status == Status.RECORDED ? a.points() + " points to " : a.requested() + " points (not posted) to ";
      lines.add(paid + who + " (" + a.rule() + "): " + a.reason()
          + a.budgetNote().map(n -> " " + n).orElse(""));
    }
    for (AwardReturn r : returns) {
      lines.add(r.points() + " points taken back from " + r.beneficiary().kind() + " " + r.beneficiary().value()
          + " (award " + (r.award() + 1) + " of the invoice).");
    }
    shortfalls.forEach((p, points) -> lines.add(points + " of them were already spent by " + p.kind() + " "
        + p.value() + " and were booked to the clawback account."));
    for (RuleDecision d : decisions) {
      lines.add((d.fired() ? "Applied " : "Not applied ") + d.rule() + ": " + d.explanation());
    }
    for (Badge b : badges) {
      lines.add("Badge " + b.badge() + " for " + b.participant().value() + ": " + b.reason());
    }
    for (TierChange t : tierChanges) {
      lines.add(t.reason());
    }
    return lines;
  }
}
