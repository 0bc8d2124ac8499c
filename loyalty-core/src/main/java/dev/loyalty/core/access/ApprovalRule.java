package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Maker-checker for one kind of request: the permission its maker needs (if any), the permission
 * each checker needs, and the points above which two distinct checkers must approve instead of
 * one. A request keeps the rule it was submitted under, so changing a threshold does not change
 * requests already waiting.
 *
 * @param name               names the kind in the audit log ("adjustment": its entries are
 *                           "adjustment.submit", "adjustment.approve", "adjustment.reject");
 *                           lower-case letters, digits and dashes; never null
 * @param maker              the permission a maker needs; empty when anyone may submit (an
 *                           activity the risk rules sent to review was made by whoever recorded it);
 *                           never null
 * @param checker            the permission each checker needs, within its limit and scope; never
 *                           null
 * @param secondCheckerAbove requests for more points than this need two checkers; empty: one
 *                           always; never null, never negative
 */
public record ApprovalRule(String name, Optional<Permission> maker, Permission checker,
    OptionalLong secondCheckerAbove) {

  /** A manual adjustment: requested by an adjuster, approved by an approver. */
  public static final ApprovalRule ADJUSTMENT = of("adjustment", Permission.REQUEST_ADJUSTMENT,
      Permission.APPROVE_ADJUSTMENT);
  /** A claim for a sale: submitted by a claimant, decided by a reviewer. */
  public static final ApprovalRule CLAIM = of("claim", Permission.SUBMIT_CLAIM, Permission.DECIDE_CLAIM);
  /** An activity in review: decided by a reviewer; whoever recorded the activity is its maker. */
  public static final ApprovalRule REVIEW = checkedBy("review", Permission.DECIDE_REVIEW);

  public ApprovalRule {
    Names.requireSlug(name, "approval rule");
    requireNonNull(maker, "maker");
    requireNonNull(checker, "checker");
    requireNonNull(secondCheckerAbove, "secondCheckerAbove");
    if (secondCheckerAbove.isPresent() && secondCheckerAbove.getAsLong() < 0) {
      throw new IllegalArgumentException("approval rule " + name
          + ": the two-checker threshold must not be negative, got " + secondCheckerAbove.getAsLong());
    }
  }

  /** Requests made with {@code maker}, checked by one actor with {@code checker}. */
  public static ApprovalRule of(String name, Permission maker, Permission checker) {
    return new ApprovalRule(name, Optional.of(maker), checker, OptionalLong.empty());
  }

  /** Requests anyone may make, checked by one actor with {@code checker}. */
  public static ApprovalRule checkedBy(String name, Permission checker) {
    return new ApprovalRule(name, Optional.empty(), checker, OptionalLong.empty());
  }

  /** A copy that needs two distinct checkers for requests of more than {@code points}. */
  public ApprovalRule withSecondCheckerAbove(long points) {
    return new ApprovalRule(name, maker, checker, OptionalLong.of(points));
  }

  /** How many distinct checkers must approve a request for {@code points}: 1 or 2. */
  public int checkersFor(OptionalLong points) {
    requireNonNull(points, "points");
    boolean above = points.isPresent() && secondCheckerAbove.isPresent()
        && points.getAsLong() > secondCheckerAbove.getAsLong();
    return above ? 2 : 1;
  }
}
