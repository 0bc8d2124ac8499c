package dev.loyalty.core;

/**
 * The ledger refused an activity's points for a reason no retry can change (a balance would
 * overflow, an account is of another type, the command is invalid). Nothing of the activity was
 * posted and it does not count in figures; its receipt stays in the journal with status {@link
 * Receipt.Status#REFUSED} and the ledger's reason, so recording it again gives this refusal again.
 * A new activity needs a new id.
 */
public class ActivityRefusedException extends InvalidActivityException {
  private static final long serialVersionUID = 1L;

  /** A refusal with {@code message}. */
  public ActivityRefusedException(String message) {
    super(message);
  }
}
