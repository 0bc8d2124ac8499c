package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rules.RiskFlag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A claim as it stands: what was claimed (its latest revision), by whom, where it is in its
 * lifecycle and how it got there, what the records and the risk rules said, and the points at
 * stake. Immutable; every step makes a new version, which the {@code ClaimStore} compares so that
 * two processes never both move the same claim.
 *
 * <p>A claim becomes an activity of the engine: a sale with the id {@link #activity()}
 * ({@code claim:<id>}, or {@code claim:<id>/<revision>} after a resubmission), so that the program's
 * rules earn on it and its receipt explains it like any other.
 *
 * @param submission  what was claimed, as last (re)submitted; never null
 * @param claimant    who submitted it (the maker: never its checker); never null
 * @param revision    1, one more per resubmission
 * @param status      never null
 * @param submittedAt when it was first submitted; never null
 * @param deadline    when a claim still waiting for a decision expires: {@code submittedAt} plus
 *                    the program's {@code claimReviewDays}; never null
 * @param records     what the manufacturer's records said about the latest revision; never null
 * @param riskFlags   every risk flag of the latest revision's receipt: the signals that fired (with
 *                    their scores) and the decision they led to; never null
 * @param points      the points at stake: held while it waits, posted once paid, what would have
 *                    been awarded for a blocked, rejected or expired claim; not negative
 * @param history     every step, oldest first; its last step's status is {@code status}; never null
 * @param version     1 when stored first, one more with each step stored after
 */
public record Claim(ClaimSubmission submission, ActorId claimant, int revision, ClaimStatus status,
    Instant submittedAt, Instant deadline, RecordCheck records, List<RiskFlag> riskFlags, long points,
    List<ClaimTransition> history, long version) {

  public Claim {
    requireNonNull(submission, "submission");
    requireNonNull(claimant, "claimant");
    if (revision < 1) {
      throw new IllegalArgumentException("claim " + submission.id() + ": revision must be positive, got " + revision);
    }
    requireNonNull(status, "status");
    requireNonNull(submittedAt, "submittedAt");
    requireNonNull(deadline, "deadline");
    requireNonNull(records, "records");
    riskFlags = List.copyOf(requireNonNull(riskFlags, "riskFlags"));
    if (points < 0) {
      throw new IllegalArgumentException("claim " + submission.id() + ": points must not be negative, got " + points);
    }
    history = List.copyOf(requireNonNull(history, "history"));
    if (history.isEmpty() || history.get(history.size() - 1).to() != status) {
      throw new IllegalArgumentException("claim " + submission.id() + " is " + status
          + " but its history ends elsewhere: " + history);
    }
    if (version < 1) {
      throw new IllegalArgumentException("claim " + submission.id() + ": version must be positive, got " + version);
    }
  }

  /** The engine's activity for revision {@code revision} of claim {@code id}. */
  public static ActivityId activityOf(ClaimId id, int revision) {
    requireNonNull(id, "id");
    return ActivityId.of("claim:" + id.value() + (revision == 1 ? "" : "/" + revision));
  }

  /** The claim's id. */
  public ClaimId id() {
    return submission.id();
  }

  /** The partner that sold. */
  public PartnerId partner() {
    return submission.partner();
  }

  /** The engine's activity of the latest revision. */
  public ActivityId activity() {
    return activityOf(id(), revision);
  }

  /** The sum of its signals' scores. */
  public int riskScore() {
    return riskFlags.stream().mapToInt(RiskFlag::score).reduce(0, Math::addExact);
  }

  /** The risk signals that fired (the flags with a score). */
  public List<RiskFlag> signals() {
    return riskFlags.stream().filter(f -> f.score() > 0).toList();
  }

  /** When it last changed. */
  public Instant updatedAt() {
    return history.get(history.size() - 1).at();
  }

  /** Why it is where it is: the reason of its last step. */
  public String lastReason() {
    return history.get(history.size() - 1).reason();
  }

  /**
   * A copy moved to {@code to} by {@code actor} at {@code at}, one version on.
   *
   * @throws IllegalStateException if the claim is final (blocked, paid, rejected or expired)
   */
  public Claim movedTo(ClaimStatus to, Instant at, ActorId actor, String reason) {
    if (status.isFinal()) {
      throw new IllegalStateException("claim " + id() + " is " + status + " and cannot move to " + to);
    }
    List<ClaimTransition> more = new ArrayList<>(history);
    more.add(new ClaimTransition(Optional.of(status), to, at, actor, reason));
    return new Claim(submission, claimant, revision, to, submittedAt, deadline, records, riskFlags, points, more,
        version + 1);
  }

  /** A copy with what the risk rules found and the points at stake (same version, same status). */
  public Claim judged(List<RiskFlag> flags, long atStake) {
    return new Claim(submission, claimant, revision, status, submittedAt, deadline, records, flags, atStake, history,
        version);
  }

  /**
   * The next revision: {@code revised} as resubmitted at {@code at}, checked against the records
   * with {@code check}, in status {@code SUBMITTED} (or {@code VALIDATED} if the records confirm it),
   * one version on.
   */
  public Claim resubmitted(ClaimSubmission revised, RecordCheck check, Instant at, String reason) {
    List<ClaimTransition> more = new ArrayList<>(history);
    more.add(new ClaimTransition(Optional.of(status), ClaimStatus.SUBMITTED, at, claimant, reason));
    ClaimStatus now = ClaimStatus.SUBMITTED;
    if (check.matched()) {
      more.add(new ClaimTransition(Optional.of(now), ClaimStatus.VALIDATED, at, claimant, check.summary()));
      now = ClaimStatus.VALIDATED;
    }
    return new Claim(revised, claimant, revision + 1, now, submittedAt, deadline, check, List.of(), 0, more,
        version + 1);
  }

  /**
   * A new claim: {@code submission} by {@code claimant} at {@code at}, checked against the records,
   * in status {@code SUBMITTED} (or {@code VALIDATED} if the records confirm it), version 1.
   */
  public static Claim submitted(ClaimSubmission submission, ActorId claimant, Instant at, Instant deadline,
      RecordCheck check) {
    List<ClaimTransition> history = new ArrayList<>();
    history.add(new ClaimTransition(Optional.empty(), ClaimStatus.SUBMITTED, at, claimant, "Claimed invoice "
        + submission.invoiceNumber() + " of " + submission.invoiceDate() + " for partner " + submission.partner()
        + " (" + submission.total().formatted() + ", proof " + submission.proof().documentId() + ")."));
    ClaimStatus status = ClaimStatus.SUBMITTED;
    if (check.matched()) {
      history.add(new ClaimTransition(Optional.of(status), ClaimStatus.VALIDATED, at, claimant, check.summary()));
      status = ClaimStatus.VALIDATED;
    }
    return new Claim(submission, claimant, 1, status, at, deadline, check, List.of(), 0, history, 1);
  }

  /** The explanation, one sentence per line, for the claimant and the checkers to read. */
  public List<String> explanation() {
    List<String> lines = new ArrayList<>();
    lines.add("Claim " + id() + " by " + claimant + " for partner " + partner() + ": invoice "
        + submission.invoiceNumber() + " of " + submission.invoiceDate() + ", " + submission.total().formatted()
        + (revision > 1 ? " (revision " + revision + ")" : "") + ": " + status.name().toLowerCase(Locale.ROOT)
        .replace('_', ' ') + ", " + points + " points.");
    lines.add(records.summary());
    List<RiskFlag> signals = signals();
    lines.add(signals.isEmpty() ? "No risk signal fired." : "Risk score " + riskScore() + " from " + signals.size()
        + (signals.size() == 1 ? " signal." : " signals."));
    for (RiskFlag f : riskFlags) {
      lines.add("Risk " + f.severity().name().toLowerCase(Locale.ROOT) + " (" + f.rule() + "): " + f.reason()
          + (f.score() > 0 ? " (score " + f.score() + ")" : ""));
    }
    history.forEach(t -> lines.add(t.toString()));
    return lines;
  }
}
