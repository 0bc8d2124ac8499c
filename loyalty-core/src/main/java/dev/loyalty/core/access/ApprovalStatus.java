package dev.loyalty.core.access;

/** Where an {@link ApprovalRequest} stands. A request leaves {@link #PENDING} once and for all. */
public enum ApprovalStatus {
  /** Waiting for checkers. */
  PENDING,
  /** Enough distinct checkers approved it. */
  APPROVED,
  /** A checker rejected it. */
  REJECTED
}
