package dev.loyalty.core.json;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of importing a file of activities: counts and one result per non-blank line.
 *
 * @param results in line order; never null
 */
public record ImportReport(List<ImportResult> results) {
  public ImportReport {
    results = List.copyOf(requireNonNull(results, "results"));
  }

  /** Lines read (blank and comment lines are not counted). */
  public int lines() {
    return results.size();
  }

  /** Lines with the given outcome. */
  public long count(ImportResult.Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  /** The lines that were refused (malformed or refused by the engine). */
  public List<ImportResult> failures() {
    return results.stream().filter(r -> !r.isApplied()).toList();
  }

  /** "120 lines: 117 recorded, 1 already recorded, 1 malformed, 1 refused". */
  public String summary() {
    return lines() + " lines: " + count(ImportResult.Outcome.RECORDED) + " recorded, "
        + count(ImportResult.Outcome.ALREADY_RECORDED) + " already recorded, "
        + count(ImportResult.Outcome.MALFORMED) + " malformed, " + count(ImportResult.Outcome.REFUSED) + " refused";
  }
}
