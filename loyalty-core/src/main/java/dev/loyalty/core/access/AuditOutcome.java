package dev.loyalty.core.access;

/** Whether an audited action was carried out. */
public enum AuditOutcome {
  /** It was allowed and carried out. */
  ALLOWED,
  /** It was refused and changed nothing. */
  REFUSED
}
