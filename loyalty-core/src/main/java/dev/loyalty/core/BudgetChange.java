package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.ledger.TransactionId;
import java.util.Optional;

/**
 * A campaign budget that {@code build()} brought to what the program says: funded for the first
 * time, topped up, or reduced. Each change is its own ledger transaction between the campaign's
 * funding account and its budget account, with the campaign, both totals and the program in its
 * metadata.
 *
 * @param campaign    never null
 * @param before      points the campaign had been given in all before (0 for a new campaign)
 * @param requested   the budget the program sets
 * @param after       points the campaign has been given in all now: {@code requested}, or more when
 *                    a reduction would have taken back points already paid out or reserved
 * @param transaction the ledger transaction of the change; empty when nothing could be moved
 * @param note        one sentence saying what happened; never null
 */
public record BudgetChange(CampaignId campaign, long before, long requested, long after,
    Optional<TransactionId> transaction, String note) {
  public BudgetChange {
    requireNonNull(campaign, "campaign");
    requireNonNull(transaction, "transaction");
    requireNonNull(note, "note");
  }
}
