package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.loyalty.core.insights.internal.Json;
import dev.loyalty.core.model.CampaignId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * How fast a campaign's budget is being spent and whether it lasts to the campaign's end at that
 * rate. Immutable.
 *
 * @param campaign  never null
 * @param asOf      the day the burn is measured up to (its end); never null
 * @param endsOn    the campaign's last day; never null
 * @param given     points the budget was given in all, as of {@code asOf}
 * @param spent     points it paid out net of returns, as of {@code asOf}
 * @param reserved  points held for activities in review, as of now
 * @param left      points it can still pay: {@code given - spent - reserved}
 * @param daysElapsed days of the campaign up to {@code asOf} (0 before it starts)
 * @param perDay    {@code spent / daysElapsed}, to 16 significant digits (0 before it starts); never null
 * @param runsOutOn the day the budget runs out at that rate, if it does by the campaign's end:
 *                  {@code asOf + ceil(left / perDay)} days; never null
 * @param leftAtEnd the points expected to be left on the last day at that rate (0 when it runs out),
 *                  rounded down
 * @param summary   one sentence: "At the current rate the monsoon budget runs out on 2026-09-12."; never null
 */
public record BudgetBurn(@JsonSerialize(using = ToStringSerializer.class) CampaignId campaign,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate asOf,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate endsOn, long given, long spent, long reserved,
    long left, long daysElapsed, BigDecimal perDay,
    @JsonSerialize(using = Json.OptionalText.class) Optional<LocalDate> runsOutOn, long leftAtEnd, String summary) {
  public BudgetBurn {
    requireNonNull(campaign, "campaign");
    requireNonNull(asOf, "asOf");
    requireNonNull(endsOn, "endsOn");
    requireNonNull(perDay, "perDay");
    requireNonNull(runsOutOn, "runsOutOn");
    requireNonNull(summary, "summary");
  }
}
