package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A request waiting for, or decided by, its checkers: what was submitted, the approvals so far and
 * the rejection if any. Its status follows from them: {@link ApprovalStatus#APPROVED} once
 * {@link #requiredApprovals()} distinct checkers approved, {@link ApprovalStatus#REJECTED} once one
 * rejected, {@link ApprovalStatus#PENDING} until then. The compact constructor refuses any state
 * maker-checker forbids (the maker among the checkers, a checker twice, more approvals than needed,
 * a rejection after the approval), so no store can hold one.
 *
 * @param id          never null
 * @param rule        the rule it was submitted under; never null
 * @param maker       never null
 * @param target      never null
 * @param points      the points it moves; empty if none; never null
 * @param reason      the maker's reason; never null
 * @param details     what the capability needs to carry it out; never null
 * @param submittedAt never null
 * @param approvals   the approvals, oldest first; never null
 * @param rejection   the rejection, if rejected; never null
 * @param version     1 when submitted, one more with each approval or rejection; what a store's
 *                    {@code update} compares to refuse a lost update
 */
public record ApprovalRequest(ApprovalId id, ApprovalRule rule, ActorId maker, Target target, OptionalLong points,
    String reason, Map<String, String> details, Instant submittedAt, List<Check> approvals,
    Optional<Check> rejection, long version) {

  public ApprovalRequest {
    // What was submitted is checked as a submission is, in one place.
    details = new ApprovalSubmission(id, rule, target, points, reason, details).details();
    requireNonNull(maker, "maker");
    requireNonNull(submittedAt, "submittedAt");
    approvals = List.copyOf(requireNonNull(approvals, "approvals"));
    requireNonNull(rejection, "rejection");
    int required = rule.checkersFor(points);
    if (approvals.size() > required) {
      throw new IllegalArgumentException("approval request " + id + " needs " + required + " approvals, has "
          + approvals.size());
    }
    if (rejection.isPresent() && approvals.size() == required) {
      throw new IllegalArgumentException("approval request " + id + " was approved and cannot be rejected");
    }
    Set<ActorId> checkers = new HashSet<>();
    List<Check> all = new ArrayList<>(approvals);
    rejection.ifPresent(all::add);
    for (Check check : all) {
      if (check.checker().equals(maker)) {
        throw new IllegalArgumentException("approval request " + id + ": maker " + maker + " cannot check it");
      }
      if (!checkers.add(check.checker())) {
        throw new IllegalArgumentException("approval request " + id + ": checker " + check.checker()
            + " checked twice");
      }
    }
    if (version != 1L + all.size()) {
      throw new IllegalArgumentException("approval request " + id + " with " + all.size() + " checks must be version "
          + (1L + all.size()) + ", got " + version);
    }
  }

  /** A new request for {@code submission} by {@code maker}: no checks yet, version 1. */
  public static ApprovalRequest submitted(ApprovalSubmission submission, ActorId maker, Instant at) {
    requireNonNull(submission, "submission");
    return new ApprovalRequest(submission.id(), submission.rule(), maker, submission.target(), submission.points(),
        submission.reason(), submission.details(), at, List.of(), Optional.empty(), 1);
  }

  /** How many distinct checkers must approve it: 1, or 2 above the rule's threshold. */
  public int requiredApprovals() {
    return rule.checkersFor(points);
  }

  /** Where it stands. */
  public ApprovalStatus status() {
    if (rejection.isPresent()) {
      return ApprovalStatus.REJECTED;
    }
    return approvals.size() == requiredApprovals() ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING;
  }

  /** Whether {@code actor} approved or rejected it. */
  public boolean checkedBy(ActorId actor) {
    requireNonNull(actor, "actor");
    return approvals.stream().anyMatch(c -> c.checker().equals(actor))
        || rejection.filter(c -> c.checker().equals(actor)).isPresent();
  }

  /**
   * The next version, with {@code check} as an approval.
   *
   * @throws IllegalStateException if it is not pending
   */
  public ApprovalRequest withApproval(Check check) {
    requirePending();
    List<Check> more = new ArrayList<>(approvals);
    more.add(requireNonNull(check, "check"));
    return new ApprovalRequest(id, rule, maker, target, points, reason, details, submittedAt, more, rejection,
        version + 1);
  }

  /**
   * The next version, rejected by {@code check}.
   *
   * @throws IllegalStateException if it is not pending
   */
  public ApprovalRequest withRejection(Check check) {
    requirePending();
    return new ApprovalRequest(id, rule, maker, target, points, reason, details, submittedAt, approvals,
        Optional.of(check), version + 1);
  }

  private void requirePending() {
    if (status() != ApprovalStatus.PENDING) {
      throw new IllegalStateException("approval request " + id + " is " + status() + ", not PENDING");
    }
  }
}
