package dev.loyalty.core.model;

/** Whether a partner or member takes part in the program. Only {@link #ACTIVE} ones earn. */
public enum EnrolmentStatus {
  /** Earns and redeems. */
  ACTIVE,
  /** Temporarily excluded (for example during a fraud review); activities are refused. */
  SUSPENDED,
  /** Left the program; activities are refused. */
  TERMINATED
}
