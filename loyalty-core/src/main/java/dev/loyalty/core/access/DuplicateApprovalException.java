package dev.loyalty.core.access;

/**
 * An approval request with the id given exists already; look it up instead of submitting it again.
 */
public final class DuplicateApprovalException extends AccessRefusedException {
  private static final long serialVersionUID = 1L;

  DuplicateApprovalException(Refusal refusal) {
    super(refusal);
  }
}
