package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.event.LoyaltyEvent.PointsExpiringSoon;
import dev.loyalty.core.model.ParticipantId;
import java.time.Instant;
import java.util.List;

/**
 * What one {@link LoyaltyEngine#closePeriod(Instant)} call changed. Reports of every call add up:
 * closing the same period again reports only what that call changed (usually nothing) and says it
 * is a replay, so a host that sums reports counts nothing twice.
 *
 * @param at            the review time; never null
 * @param replay        whether a close at {@code at} had been completed before this call
 * @param tierChanges   downgrades this call made; never null
 * @param nowShort      participants this call found short of their tier for the first time (their
 *                      grace starts); never null
 * @param expiredPoints points this call's expiry run moved to breakage (0 for a replay, whose run
 *                      the ledger replays without moving anything)
 * @param expiringSoon  notices this call sent for points expiring within the notice period (a
 *                      notice sent before under the same id is not sent again); never null
 */
public record PeriodCloseReport(Instant at, boolean replay, List<TierChange> tierChanges,
    List<ParticipantId> nowShort, long expiredPoints, List<PointsExpiringSoon> expiringSoon) {
  public PeriodCloseReport {
    requireNonNull(at, "at");
    tierChanges = List.copyOf(requireNonNull(tierChanges, "tierChanges"));
    nowShort = List.copyOf(requireNonNull(nowShort, "nowShort"));
    expiringSoon = List.copyOf(requireNonNull(expiringSoon, "expiringSoon"));
    if (expiredPoints < 0) {
      throw new IllegalArgumentException("expired points must not be negative, got " + expiredPoints);
    }
  }
}
