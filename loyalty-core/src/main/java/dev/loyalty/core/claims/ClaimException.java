package dev.loyalty.core.claims;

import dev.loyalty.core.LoyaltyException;

/**
 * A claim action refused for a reason of the claim itself (not of access control, which refuses
 * with an {@code AccessRefusedException}); it changed nothing but the audit log, which records it
 * under {@link #code()}.
 */
public abstract class ClaimException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  ClaimException(String message) {
    super(message);
  }

  /** The code the audit log records the refusal under ("UNKNOWN_CLAIM"); never null. */
  public abstract String code();
}
