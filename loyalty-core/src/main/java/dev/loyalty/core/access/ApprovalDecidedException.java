package dev.loyalty.core.access;

/** The approval request was approved or rejected already; a request is decided once. */
public final class ApprovalDecidedException extends AccessRefusedException {
  private static final long serialVersionUID = 1L;

  ApprovalDecidedException(Refusal refusal) {
    super(refusal);
  }
}
