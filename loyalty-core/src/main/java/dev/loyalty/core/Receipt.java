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
 * decided something, budget cuts, tier changes, and what the ledger wrote. Recording the same
 * activity again returns the same receipt. Immutable and thread-safe.
 *
 * <p>Read it by {@link #status()} first: only a {@code RECORDED} receipt's awards are posted (a
 * {@code RETURNED} one's {@link #returns()} are taken back); an {@code IN_REVIEW} receipt's awards
 * are held ({@link #holds()}); the others posted nothing. {@link #explanation()} says all of it in
 * sentences a partner can read.
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
 * @param transaction  the ledger transaction that posted its points or took them back (the awards'
 *                     transfer, or a return's take-back); empty when it posted through
 *                     {@link #holds()} or posted nothing; never null
 * @param holds        for an activity held for review: the ledger holds carrying its awards, one per
 *                     paying account and wallet, with what resolved them; never null
 * @param refusal      for a {@link Status#REFUSED} receipt: the ledger's reason; never null
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
    Optional<TransactionId> transaction,
    List<ReviewHold> holds,
    Optional<String> refusal) {

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
    holds = List.copyOf(requireNonNull(holds, "holds"));
    requireNonNull(refusal, "refusal");
    if (refusal.isPresent() != (status == Status.REFUSED)) {
      throw new IllegalArgumentException("receipt of " + activity + " is " + status + " with refusal " + refusal
          + "; exactly a REFUSED receipt carries a refusal");
    }
  }

  /** A receipt that has not written anything yet: what the engine plans before it writes. */
  public static Receipt planned(ActivityId activity, Status status, Instant recordedAt, List<PostedAward> awards,
      List<AwardReturn> returns, List<RuleDecision> decisions, List<Badge> badges, List<RiskFlag> riskFlags,
      List<TierQualification> qualifications) {
    return new Receipt(activity, status, recordedAt, awards, returns, Map.of(), decisions, badges, riskFlags,
        qualifications, List.of(), Optional.empty(), List.of(), Optional.empty());
  }

  /** A copy with {@code newStatus} and {@code newAwards}. */
  public Receipt withAwards(Status newStatus, List<PostedAward> newAwards) {
    return new Receipt(activity, newStatus, recordedAt, newAwards, returns, shortfalls, decisions, badges, riskFlags,
        qualifications, tierChanges, transaction, holds, refusal);
  }

  /** A copy with {@code newShortfalls}. */
  public Receipt withShortfalls(Map<ParticipantId, Long> newShortfalls) {
    return new Receipt(activity, status, recordedAt, awards, returns, newShortfalls, decisions, badges, riskFlags,
        qualifications, tierChanges, transaction, holds, refusal);
  }

  /** A copy with the ledger transaction. */
  public Receipt withTransaction(Optional<TransactionId> newTransaction) {
    return new Receipt(activity, status, recordedAt, awards, returns, shortfalls, decisions, badges, riskFlags,
        qualifications, tierChanges, newTransaction, holds, refusal);
  }

  /** A copy with {@code newHolds}. */
  public Receipt withHolds(List<ReviewHold> newHolds) {
    return new Receipt(activity, status, recordedAt, awards, returns, shortfalls, decisions, badges, riskFlags,
        qualifications, tierChanges, transaction, newHolds, refusal);
  }

  /** A copy with the tier changes. */
  public Receipt withTierChanges(List<TierChange> newTierChanges) {
    return new Receipt(activity, status, recordedAt, awards, returns, shortfalls, decisions, badges, riskFlags,
        qualifications, newTierChanges, transaction, holds, refusal);
  }

  /** A {@link Status#REFUSED} copy with the ledger's {@code reason}, nothing written. */
  public Receipt refused(String reason) {
    return new Receipt(activity, Status.REFUSED, recordedAt, awards, returns, Map.of(), decisions, badges, riskFlags,
        qualifications, List.of(), Optional.empty(), List.of(), Optional.of(reason));
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
    RETURNED,
    /**
     * The ledger refused its points for a reason no retry changes (see {@link #refusal()}): nothing
     * was posted and it does not count in figures.
     */
    REFUSED
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

  /**
   * The risk score: the sum of the scores of its risk signals (flags with a score), which a scoring
   * rule compares with the program's thresholds; 0 when no signal fired.
   */
  public int riskScore() {
    return riskFlags.stream().mapToInt(RiskFlag::score).reduce(0, Math::addExact);
  }

  /** The total points posted (negative for a return). */
  public long totalPoints() {
    return pointsByParticipant().values().stream().mapToLong(Long::longValue).reduce(0, Math::addExact);
  }

  /** The explanation, one sentence per line, for a partner to read. */
  public List<String> explanation() {
    List<String> lines = new ArrayList<>();
    lines.add("Activity " + activity + ": " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ".");
    refusal.ifPresent(r -> lines.add("The ledger refused it, so nothing was posted: " + r));
    for (RiskFlag f : riskFlags) {
      lines.add("Risk " + f.severity().name().toLowerCase(java.util.Locale.ROOT) + " (" + f.rule() + "): "
          + f.reason() + (f.score() > 0 ? " (score " + f.score() + ")" : ""));
    }
    for (PostedAward a : awards) {
      String who = a.beneficiary().kind() + " " + a.beneficiary().value();
      String paid = status == Status.RECORDED ? a.points() + " points to "
          : status == Status.IN_REVIEW ? a.points() + " points (held for review) to "
          : a.requested() + " points (not posted) to ";
      lines.add(paid + who + " (" + a.rule() + "): " + a.reason()
          + a.budgetNote().map(n -> " " + n).orElse(""));
    }
    for (ReviewHold h : holds) {
      lines.add(h.points() + " points " + h.state().name().toLowerCase(java.util.Locale.ROOT) + " from " + h.from()
          + " to " + h.to() + " (hold " + h.hold() + ").");
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
