package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An opened account. Immutable.
 *
 * @param id       never null
 * @param type     never null
 * @param openedAt when it was opened, by the ledger's clock; never null
 */
public record Account(AccountId id, AccountType type, Instant openedAt) {
  public Account {
    requireNonNull(id, "id");
    requireNonNull(type, "type");
    requireNonNull(openedAt, "openedAt");
  }
}
