package dev.loyalty.core.json;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a file of activities (JSON Lines as an ERP or DMS exports them, or a JSON array) to an
 * engine, line by line, in file order. A line that is not a valid activity, or that the engine
 * refuses, is reported with its line number and reason and changes nothing; the other lines are
 * recorded. Importing the same file again records nothing new: every line comes back
 * {@link ImportResult.Outcome#ALREADY_RECORDED} with its original receipt.
 */
public final class ActivityImport {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityImport.class);

  private final LoyaltyEngine engine;

  private ActivityImport(LoyaltyEngine engine) {
    this.engine = requireNonNull(engine, "engine");
  }

  /** An importer into {@code engine}. */
  public static ActivityImport into(LoyaltyEngine engine) {
    return new ActivityImport(engine);
  }

  /** Imports JSON Lines from {@code reader}, streaming (the file is never held whole). */
  public ImportReport jsonLines(Reader reader) {
    List<ImportResult> results = new ArrayList<>();
    ActivityLines.forEach(requireNonNull(reader, "reader"), line -> results.add(apply(line)));
    ImportReport report = new ImportReport(results);
    LOG.info("imported JSON Lines: {}", report.summary());
    return report;
  }

  /** Imports a JSON array of activities. A malformed document refuses the whole array. */
  public ImportReport jsonArray(String json) {
    List<ImportResult> results = new ArrayList<>();
    ActivityJson.parseArray(requireNonNull(json, "json")).forEach(line -> results.add(apply(line)));
    ImportReport report = new ImportReport(results);
    LOG.info("imported a JSON array: {}", report.summary());
    return report;
  }

  private ImportResult apply(ParsedLine line) {
    if (!line.isValid()) {
      return new ImportResult(line.lineNumber(), Optional.empty(), ImportResult.Outcome.MALFORMED, Optional.empty(),
          line.problems());
    }
    Activity activity = line.activity().orElseThrow();
    boolean seen = engine.receipt(activity.id()).isPresent();
    try {
      Receipt receipt = engine.record(activity);
      return new ImportResult(line.lineNumber(), Optional.of(activity.id()),
          seen ? ImportResult.Outcome.ALREADY_RECORDED : ImportResult.Outcome.RECORDED, Optional.of(receipt),
          List.of());
    } catch (LoyaltyException refused) {
      LOG.debug("line {}: activity {} refused: {}", line.lineNumber(), activity.id(), refused.getMessage());
      return new ImportResult(line.lineNumber(), Optional.of(activity.id()), ImportResult.Outcome.REFUSED,
          Optional.empty(), List.of(new InputProblem("$", refused.getMessage())));
    }
  }
}
