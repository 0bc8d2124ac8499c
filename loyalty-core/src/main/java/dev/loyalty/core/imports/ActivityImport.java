package dev.loyalty.core.imports;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.json.ActivityJson;
import dev.loyalty.core.json.ActivityLines;
import dev.loyalty.core.json.ParsedLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a file of activities (JSON Lines as an ERP or DMS exports them, or a JSON array) to an
 * engine, line by line, in file order. A line that is not a valid activity (not even UTF-8), or that
 * the engine refuses, is reported with its line number and reason and changes nothing; the other
 * lines are recorded. Importing the same file again records nothing new: every line comes back
 * {@link ImportResult.Outcome#ALREADY_RECORDED}. The import never stops silently: if the input
 * itself fails, the report says after which line and why.
 *
 * <pre>{@code
 * ImportReport report = ActivityImport.into(engine)
 *     .onProgress(p -> log.info("import: {}", p.summary()))   // every 1,000 lines and at the end
 *     .jsonLines(Path.of("dms-export.jsonl"));               // read as bytes, each line decoded alone
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@code on*} and {@code keep*} method returns a new import. An
 * import holds one line at a time and keeps only counts and (up to a limit) the failed lines, so
 * files of any size can be imported.
 */
public final class ActivityImport {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityImport.class);
  /** Failed lines a report keeps unless told otherwise. */
  public static final int DEFAULT_FAILURES_KEPT = 1_000;
  /** Lines between two progress calls unless told otherwise. */
  public static final int DEFAULT_PROGRESS_EVERY = 1_000;

  private final LoyaltyEngine engine;
  private final Consumer<? super ImportProgress> progress;
  private final int progressEvery;
  private final Consumer<? super ImportResult> results;
  private final int failuresKept;
  private final LongSupplier nanoTicker;

  private ActivityImport(LoyaltyEngine engine, Consumer<? super ImportProgress> progress, int progressEvery,
      Consumer<? super ImportResult> results, int failuresKept, LongSupplier nanoTicker) {
    this.engine = requireNonNull(engine, "engine");
    this.progress = requireNonNull(progress, "progress");
    this.progressEvery = progressEvery;
    this.results = requireNonNull(results, "results");
    this.failuresKept = failuresKept;
    this.nanoTicker = requireNonNull(nanoTicker, "nanoTicker");
  }

  /** An import into {@code engine}: no listeners, 1,000 failed lines kept. */
  public static ActivityImport into(LoyaltyEngine engine) {
    return new ActivityImport(engine, p -> { }, DEFAULT_PROGRESS_EVERY, r -> { }, DEFAULT_FAILURES_KEPT,
        System::nanoTime);
  }

  /** A copy that tells {@code listener} its progress every 1,000 lines and at the end. */
  public ActivityImport onProgress(Consumer<? super ImportProgress> listener) {
    return onProgress(DEFAULT_PROGRESS_EVERY, listener);
  }

  /** A copy that tells {@code listener} its progress every {@code lines} lines (positive) and at the end. */
  public ActivityImport onProgress(int lines, Consumer<? super ImportProgress> listener) {
    if (lines < 1) {
      throw new IllegalArgumentException("progress must be reported every 1 line or more, got " + lines);
    }
    return new ActivityImport(engine, listener, lines, results, failuresKept, nanoTicker);
  }

  /** A copy that hands {@code listener} every line's result (with its receipt) as it is handled. */
  public ActivityImport onResult(Consumer<? super ImportResult> listener) {
    return new ActivityImport(engine, progress, progressEvery, listener, failuresKept, nanoTicker);
  }

  /** A copy whose report keeps at most {@code failures} failed lines (not negative); the rest are counted. */
  public ActivityImport keepFailures(int failures) {
    if (failures < 0) {
      throw new IllegalArgumentException("failures kept must not be negative, got " + failures);
    }
    return new ActivityImport(engine, progress, progressEvery, results, failures, nanoTicker);
  }

  /**
   * A copy that measures elapsed time with {@code nanoTicker} (nanoseconds, as {@link System#nanoTime}
   * gives them, which is the default): only durations are measured, never dates.
   */
  public ActivityImport withTicker(LongSupplier nanoTicker) {
    return new ActivityImport(engine, progress, progressEvery, results, failuresKept, nanoTicker);
  }

  /**
   * Imports the JSON Lines file at {@code path}, read as UTF-8 bytes: each line is decoded on its
   * own, so a line that is not UTF-8 is reported as malformed and the rest of the file is imported.
   *
   * @throws LoyaltyException if the file cannot be opened (a failure while reading it is in the report)
   */
  public ImportReport jsonLines(Path path) {
    requireNonNull(path, "path");
    try (InputStream in = Files.newInputStream(path)) {
      return jsonLines(in);
    } catch (IOException e) {
      throw new LoyaltyException("cannot open activities file " + path + ": " + e, e);
    }
  }

  /**
   * Imports JSON Lines from the UTF-8 bytes {@code in}, streaming, each line decoded on its own.
   * Reads to the end and does not close {@code in}.
   */
  public ImportReport jsonLines(InputStream in) {
    requireNonNull(in, "in");
    return run("JSON Lines", run -> ActivityLines.forEach(in, run::apply));
  }

  /**
   * Imports JSON Lines from {@code reader}, streaming. The reader decodes the bytes; if it fails
   * (a byte that is not in its character set, an I/O error), the report says after which line, and
   * the lines it had read ahead are not imported. Prefer {@link #jsonLines(InputStream)}.
   */
  public ImportReport jsonLines(Reader reader) {
    requireNonNull(reader, "reader");
    return run("JSON Lines", run -> ActivityLines.forEach(reader, run::apply));
  }

  /** Imports a JSON array of activities. A malformed document refuses the whole array. */
  public ImportReport jsonArray(String json) {
    requireNonNull(json, "json");
    List<ParsedLine> lines = ActivityJson.parseArray(json);
    return run("a JSON array", run -> lines.forEach(run::apply));
  }

  private ImportReport run(String what, Consumer<Run> feed) {
    Run run = new Run();
    Optional<String> interruption = Optional.empty();
    try {
      feed.accept(run);
    } catch (UncheckedIOException e) {
      IOException cause = e.getCause();
      interruption = Optional.of(cause.getMessage() != null ? cause.getClass().getSimpleName() + ": "
          + cause.getMessage() : cause.toString());
      LOG.warn("import of {} stopped after line {}: {}", what, run.lastLine, interruption.get());
    }
    ImportProgress last = run.progress();
    progress.accept(last);
    ImportReport report = new ImportReport(last, run.failures, run.failuresNotKept, interruption);
    LOG.info("imported {}: {}", what, report.summary());
    return report;
  }

  /** One import's counts. */
  private final class Run {
    final long started = nanoTicker.getAsLong();
    final List<ImportResult> failures = new ArrayList<>();
    long failuresNotKept;
    long lines;
    long lastLine;
    long recorded;
    long alreadyRecorded;
    long malformed;
    long refused;

    void apply(ParsedLine line) {
      ImportResult result = handle(line);
      lines++;
      lastLine = line.lineNumber();
      switch (result.outcome()) {
        case RECORDED -> recorded++;
        case ALREADY_RECORDED -> alreadyRecorded++;
        case MALFORMED -> malformed++;
        case REFUSED -> refused++;
      }
      if (!result.isApplied()) {
        if (failures.size() < failuresKept) {
          failures.add(result);
        } else {
          failuresNotKept++;
        }
      }
      results.accept(result);
      if (lines % progressEvery == 0) {
        progress.accept(progress());
      }
    }

    ImportProgress progress() {
      return new ImportProgress(lines, lastLine, recorded, alreadyRecorded, malformed, refused,
          Duration.ofNanos(Math.max(0, nanoTicker.getAsLong() - started)));
    }
  }

  private ImportResult handle(ParsedLine line) {
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
