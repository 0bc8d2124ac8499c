package dev.loyalty.core.claims;

/**
 * Where a claim stands. The lifecycle, with the action that moves it (docs/CLAIMS.md draws it):
 * <pre>
 * SUBMITTED -> VALIDATED (the manufacturer's records confirm it) -> the risk decision:
 *   APPROVED -> PAID            posted at once (score below the review threshold)
 *   IN_REVIEW                   points held as a pending credit until a checker decides:
 *     -> APPROVED -> PAID       approved
 *     -> REJECTED               rejected; the hold is released
 *     -> MORE_INFO_REQUESTED    a checker asks the claimant for more; the hold stays
 *          -> (resubmitted) SUBMITTED -> ...   a new revision, judged again
 *     -> EXPIRED                still waiting at its deadline; the hold is released
 *   BLOCKED                     refused by the risk rules; nothing posted
 * </pre>
 * A claim the records do not confirm skips VALIDATED; the risk rules see why.
 */
public enum ClaimStatus {
  /** Received, not yet judged (a claim stays here only if the process stopped). */
  SUBMITTED,
  /** The manufacturer's records confirm the invoice, its lines and serials (a passing state). */
  VALIDATED,
  /** Approved, its points about to be posted (a passing state). */
  APPROVED,
  /** Waiting for a checker; its points are held as a pending credit. */
  IN_REVIEW,
  /** A checker asked the claimant for more; its points stay held until it is resubmitted or decided. */
  MORE_INFO_REQUESTED,
  /** Refused by the risk rules; nothing was posted. */
  BLOCKED,
  /** Its points were posted. */
  PAID,
  /** A checker rejected it; its held points were released. */
  REJECTED,
  /** It waited past its deadline; its held points were released. */
  EXPIRED;

  /** Whether a checker may approve, reject or ask about it now. */
  public boolean awaitsDecision() {
    return this == IN_REVIEW || this == MORE_INFO_REQUESTED;
  }

  /** Whether nothing can change it any more. */
  public boolean isFinal() {
    return this == BLOCKED || this == PAID || this == REJECTED || this == EXPIRED;
  }

  /** Whether it still claims its sale: not rejected and not expired (a blocked claim still counts). */
  public boolean claimsTheSale() {
    return this != REJECTED && this != EXPIRED;
  }

  /** Whether the process stopped before the risk decision (SUBMITTED, VALIDATED or APPROVED). */
  public boolean isPassing() {
    return this == SUBMITTED || this == VALIDATED || this == APPROVED;
  }
}
