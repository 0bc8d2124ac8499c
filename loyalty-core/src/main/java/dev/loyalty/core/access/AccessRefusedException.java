package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;

/**
 * An action refused by access control or maker-checker; it changed nothing but the audit log,
 * which records the refusal. {@link #refusal()} says why, with the values involved. Subclasses
 * name the families: {@link NotAuthorizedException} (this actor may not), {@link
 * ApprovalDecidedException}, {@link UnknownApprovalException}, {@link DuplicateApprovalException}.
 */
public abstract class AccessRefusedException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  private final transient Refusal refusal;

  AccessRefusedException(Refusal refusal) {
    super(requireNonNull(refusal, "refusal").message());
    this.refusal = refusal;
  }

  /**
   * The exception that reports {@code refusal}, of the family its code belongs to: for a capability
   * that finds a refusal itself (a claim's checker who is its claimant, say) and must throw what
   * {@code Approvals} would.
   */
  public static AccessRefusedException of(Refusal refusal) {
    return switch (refusal.code()) {
      case NO_PERMISSION, ABOVE_LIMIT, OUT_OF_SCOPE, MAKER_CANNOT_CHECK, ALREADY_CHECKED, NOT_THE_MAKER ->
          new NotAuthorizedException(refusal);
      case ALREADY_DECIDED -> new ApprovalDecidedException(refusal);
      case UNKNOWN_REQUEST -> new UnknownApprovalException(refusal);
      case DUPLICATE_REQUEST -> new DuplicateApprovalException(refusal);
    };
  }

  /** Why; never null (unless this exception was deserialized). */
  public Refusal refusal() {
    return refusal;
  }

  /** The kind of refusal; never null (unless this exception was deserialized). */
  public RefusalCode code() {
    return refusal.code();
  }
}
