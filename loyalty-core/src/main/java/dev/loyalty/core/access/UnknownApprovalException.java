package dev.loyalty.core.access;

/** No approval request has the id given. */
public final class UnknownApprovalException extends AccessRefusedException {
  private static final long serialVersionUID = 1L;

  UnknownApprovalException(Refusal refusal) {
    super(refusal);
  }
}
