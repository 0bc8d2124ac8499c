package dev.loyalty.core.claims;

/** A claim with the id was submitted before with other content (or by another claimant). */
public final class DuplicateClaimException extends ClaimException {
  private static final long serialVersionUID = 1L;

  /** Refuses with {@code message}, which names the id and what differs. */
  public DuplicateClaimException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "DUPLICATE_CLAIM";
  }
}
