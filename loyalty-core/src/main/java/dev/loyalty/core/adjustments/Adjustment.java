package dev.loyalty.core.adjustments;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ApprovalRequest;
import dev.loyalty.core.access.ApprovalStatus;
import dev.loyalty.ledger.TransactionId;
import java.util.Optional;

/**
 * A manual adjustment as it stands: what was asked, its approval request (maker, approvers,
 * status), and, once approved, what the ledger did.
 *
 * @param request     what the maker asked for; never null
 * @param approval    its approval request as it stands; never null
 * @param transaction the ledger transaction that posted it, once posted (by the approval that
 *                    completed it, on whichever instance, or by a recovery); never null
 * @param refusal     the ledger's reason, when it refused the approved adjustment (a debit of
 *                    points the wallet no longer has); never null. An approved adjustment with
 *                    neither is one a crash stopped before posting: {@code recover()} posts it
 */
public record Adjustment(AdjustmentRequest request, ApprovalRequest approval, Optional<TransactionId> transaction,
    Optional<String> refusal) {

  public Adjustment {
    requireNonNull(request, "request");
    requireNonNull(approval, "approval");
    requireNonNull(transaction, "transaction");
    requireNonNull(refusal, "refusal");
    if (transaction.isPresent() && refusal.isPresent()) {
      throw new IllegalArgumentException("adjustment " + request.id() + " was both posted and refused");
    }
    if ((transaction.isPresent() || refusal.isPresent()) && approval.status() != ApprovalStatus.APPROVED) {
      throw new IllegalArgumentException("adjustment " + request.id() + " is " + approval.status()
          + " and cannot have been posted or refused by the ledger");
    }
  }

  /** Where its approval stands: pending, approved or rejected. */
  public ApprovalStatus status() {
    return approval.status();
  }

  /** Whether the ledger posted it. */
  public boolean posted() {
    return transaction.isPresent();
  }
}
