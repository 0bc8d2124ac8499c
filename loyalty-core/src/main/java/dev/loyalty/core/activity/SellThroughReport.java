package dev.loyalty.core.activity;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * The partner reported what it sold on in a month (secondary sales), due by {@code dueOn}.
 *
 * @param header never null
 * @param period the month reported; never null
 * @param dueOn  the last day the report counts as on time; never null
 * @param lines  never null; may be empty
 */
public record SellThroughReport(ActivityHeader header, YearMonth period, LocalDate dueOn, List<SellThroughLine> lines)
    implements Activity {
  public SellThroughReport {
    requireNonNull(header, "header");
    requireNonNull(period, "period");
    requireNonNull(dueOn, "dueOn");
    lines = List.copyOf(requireNonNull(lines, "lines"));
  }

  @Override
  public String kind() {
    return "sell-through";
  }

  /** Whether it was reported on or before its due day, counted in {@code zone}. */
  public boolean onTime(ZoneId zone) {
    return !header.occurredAt().atZone(zone).toLocalDate().isAfter(dueOn);
  }
}
