package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Points of one wallet that will expire by a date, for "expiring soon" notices.
 *
 * @param account  never null
 * @param points   unheld points in lots expiring by the date; positive
 * @param earliest the soonest of those lots' expiry; never null
 */
public record ExpiringPoints(AccountId account, long points, Instant earliest) {
  public ExpiringPoints {
    requireNonNull(account, "account");
    requireNonNull(earliest, "earliest");
  }
}
