package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.OptionalLong;

/**
 * What a maker asks to have approved (see {@link Approvals#submit}).
 *
 * @param id      the request's id, chosen by the caller; never null
 * @param rule    who may make and check it; never null
 * @param target  what it is about; never null
 * @param points  the points it moves, which the limits and the two-checker threshold look at;
 *                empty if it moves none; positive; never null
 * @param reason  the maker's reason; not blank, at most 2,000 characters; never null
 * @param details what the capability needs to carry the request out once approved (the
 *                participant, "credit" or "debit", a ledger key); keys not blank, values at most
 *                2,000 characters; never null
 */
public record ApprovalSubmission(ApprovalId id, ApprovalRule rule, Target target, OptionalLong points,
    String reason, Map<String, String> details) {

  public ApprovalSubmission {
    requireNonNull(id, "id");
    requireNonNull(rule, "rule");
    requireNonNull(target, "target");
    requireNonNull(points, "points");
    if (points.isPresent() && points.getAsLong() <= 0) {
      throw new IllegalArgumentException("approval request " + id + ": points must be positive, got "
          + points.getAsLong());
    }
    Texts.requireReason(reason, "reason of approval request " + id);
    details = Texts.requireDetails(details, "details of approval request " + id);
  }

  /** A request for {@code target} that moves no points and has no details. */
  public static ApprovalSubmission of(ApprovalId id, ApprovalRule rule, Target target, String reason) {
    return new ApprovalSubmission(id, rule, target, OptionalLong.empty(), reason, Map.of());
  }

  /** A copy that moves {@code amount} points. */
  public ApprovalSubmission withPoints(long amount) {
    return new ApprovalSubmission(id, rule, target, OptionalLong.of(amount), reason, details);
  }

  /** A copy with {@code newDetails}. */
  public ApprovalSubmission withDetails(Map<String, String> newDetails) {
    return new ApprovalSubmission(id, rule, target, points, reason, newDetails);
  }
}
