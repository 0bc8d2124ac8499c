package dev.loyalty.core.claims;

/**
 * The claim does not fit: an invoice in another currency than the partner's, an invoice dated in
 * the future, a resubmission for another partner.
 */
public final class InvalidClaimException extends ClaimException {
  private static final long serialVersionUID = 1L;

  /** Refuses with {@code message}, which names the claim and the values involved. */
  public InvalidClaimException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "INVALID_CLAIM";
  }
}
