package dev.loyalty.core.claims;

/** No claim has the id. */
public final class UnknownClaimException extends ClaimException {
  private static final long serialVersionUID = 1L;

  /** Refuses with {@code message}, which names the id. */
  public UnknownClaimException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "UNKNOWN_CLAIM";
  }
}
