package dev.loyalty.ledger;

/** Where a hold is in its life. A hold leaves {@link #OPEN} at most once. */
public enum HoldStatus {
  /** Pending: reserves the source's points, shows as a pending credit at the destination. */
  OPEN,
  /** Posted, fully or partly; the rest was released. */
  POSTED,
  /** Released without posting (cancelled or timed out). */
  VOIDED
}
