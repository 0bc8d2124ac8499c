package dev.loyalty.core.activity;

import dev.loyalty.core.model.Names;
import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The partner submitted a required report (stock statement, claim paperwork) due by {@code dueOn}.
 *
 * @param header never null
 * @param report the report's code; never null or blank
 * @param dueOn  the last day it counts as on time; never null
 */
public record ReportSubmission(ActivityHeader header, String report, LocalDate dueOn) implements Activity {
  public ReportSubmission {
    requireNonNull(header, "header");
    Names.requireText(report, "report", Names.MAX_TEXT);
    requireNonNull(dueOn, "dueOn");
  }

  @Override
  public String kind() {
    return "report";
  }

  /** Whether it was submitted on or before its due day, counted in {@code zone}. */
  public boolean onTime(ZoneId zone) {
    return !header.occurredAt().atZone(zone).toLocalDate().isAfter(dueOn);
  }
}
