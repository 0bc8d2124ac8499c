package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.TierId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * A time-boxed promotion with its own points budget. Awards a rule makes "for" a campaign draw on
 * the campaign's budget account, so the budget can never be overspent, even under concurrency.
 *
 * @param id         never null
 * @param name       never null or blank
 * @param startsOn   first day, in the program's zone; never null
 * @param endsOn     last day (inclusive), not before {@code startsOn}; never null
 * @param target     never null
 * @param budget     points the campaign may award, positive
 * @param parameters values its rules read ("bonus-percent": "10"); never null
 */
public record Campaign(CampaignId id, String name, LocalDate startsOn, LocalDate endsOn, CampaignTarget target,
    long budget, Map<String, String> parameters) {
  public Campaign {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("campaign " + id + " has a blank name");
    }
    requireNonNull(startsOn, "startsOn");
    requireNonNull(endsOn, "endsOn");
    requireNonNull(target, "target");
    parameters = Map.copyOf(requireNonNull(parameters, "parameters"));
    if (endsOn.isBefore(startsOn)) {
      throw new IllegalArgumentException("campaign " + id + " ends on " + endsOn + ", before it starts on "
          + startsOn);
    }
    if (budget <= 0) {
      throw new IllegalArgumentException("budget of campaign " + id + " must be positive, got " + budget);
    }
  }

  /** Whether {@code instant} falls on one of its days in {@code zone}. */
  public boolean runsAt(Instant instant, ZoneId zone) {
    LocalDate day = instant.atZone(zone).toLocalDate();
    return !day.isBefore(startsOn) && !day.isAfter(endsOn);
  }

  /** Whether it runs at {@code instant} and targets {@code partner} in {@code tier}. */
  public boolean appliesTo(Partner partner, Optional<TierId> tier, Instant instant, ZoneId zone) {
    return runsAt(instant, zone) && target.includes(partner, tier);
  }
}
