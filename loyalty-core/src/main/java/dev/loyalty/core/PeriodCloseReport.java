package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.event.LoyaltyEvent.PointsExpiringSoon;
import java.time.Instant;
import java.util.List;

/**
 * What a period close did.
 *
 * @param at            the review time; never null
 * @param tierChanges   downgrades after grace; never null
 * @param nowShort      participants found short of their tier for the first time (their grace
 *                      starts); never null
 * @param expiredPoints points the expiry run moved to breakage
 * @param expiringSoon  notices sent for points expiring within the notice period; never null
 */
public record PeriodCloseReport(Instant at, List<TierChange> tierChanges, List<dev.loyalty.core.model.ParticipantId> nowShort,
    long expiredPoints, List<PointsExpiringSoon> expiringSoon) {
  public PeriodCloseReport {
    requireNonNull(at, "at");
    tierChanges = List.copyOf(requireNonNull(tierChanges, "tierChanges"));
    nowShort = List.copyOf(requireNonNull(nowShort, "nowShort"));
    expiringSoon = List.copyOf(requireNonNull(expiringSoon, "expiringSoon"));
  }
}
