package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One page of an account's transactions ({@link Ledger#history}) or of the whole journal's
 * ({@link Ledger#journal}), oldest first.
 *
 * @param transactions never null
 * @param next         the cursor for the next page (pass it as {@code after}); empty on the last page
 */
public record HistoryPage(List<Transaction> transactions, Optional<TransactionId> next) {
  public HistoryPage {
    transactions = List.copyOf(requireNonNull(transactions, "transactions"));
    requireNonNull(next, "next");
  }
}
