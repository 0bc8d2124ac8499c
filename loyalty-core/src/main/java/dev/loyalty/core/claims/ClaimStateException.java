package dev.loyalty.core.claims;

/**
 * The claim is not where the action needs it: approving a claim already paid, resubmitting one no
 * one asked about, deciding one another checker decided a moment before.
 */
public final class ClaimStateException extends ClaimException {
  private static final long serialVersionUID = 1L;

  /** Refuses with {@code message}, which names the claim and its status. */
  public ClaimStateException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "CLAIM_STATE";
  }
}
