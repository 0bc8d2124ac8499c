package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;

/**
 * One activity in the {@link ActivityJournal}, with its receipt.
 *
 * @param activity never null
 * @param receipt  never null; while {@code complete} is false, the planned receipt
 * @param complete whether every step (ledger, figures, tiers, events) is done; an incomplete entry is
 *                 finished by recording the activity again or by {@link LoyaltyEngine#recover()}
 * @param attempt  how many times the ledger refused the planned transfer because a budget or wallet
 *                 changed meanwhile (the plan was then redone); part of the transfer's idempotency
 *                 key, so a redone plan is a new ledger command; not negative
 */
public record JournalEntry(Activity activity, Receipt receipt, boolean complete, int attempt) {
  public JournalEntry {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must not be negative, got " + attempt);
    }
    requireNonNull(activity, "activity");
    requireNonNull(receipt, "receipt");
    if (!activity.id().equals(receipt.activity())) {
      throw new IllegalArgumentException("receipt of " + receipt.activity() + " filed under activity "
          + activity.id());
    }
  }

  /** A copy with {@code newReceipt}, not complete. */
  public JournalEntry planned(Receipt newReceipt) {
    return new JournalEntry(activity, newReceipt, false, attempt);
  }

  /** A copy with {@code newReceipt}, not complete, at the next attempt. */
  public JournalEntry replanned(Receipt newReceipt) {
    return new JournalEntry(activity, newReceipt, false, attempt + 1);
  }

  /** A complete copy with {@code finalReceipt}. */
  public JournalEntry completed(Receipt finalReceipt) {
    return new JournalEntry(activity, finalReceipt, true, attempt);
  }
}
