package dev.loyalty.examples.cli;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.json.ActivityLines;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Reads a JSON Lines file of activities (docs/FORMATS.md) as bytes, line by line, hands each good
 * line to the run with its number, and keeps the bad ones: malformed lines here, refused ones as
 * the run reports them. Prints the first {@value #PRINTED} bad lines to standard error as
 * {@code file:line: what: why}.
 */
final class EventFeed {
  static final int PRINTED = 100;
  private final String file;
  private final Path path;
  private final List<BadLine> bad = new ArrayList<>();
  private long badCount;
  private long lines;

  /** A bad line: its number, "malformed" or "refused", and why. */
  record BadLine(int line, String what, String problem) {
  }

  EventFeed(String file) {
    this.file = file;
    this.path = Inputs.existing(file, "events");
  }

  Path path() {
    return path;
  }

  /** Feeds every good line to {@code run}; lines that cannot be parsed are kept as malformed. */
  void forEach(Progress progress, BiConsumer<Integer, Activity> run) {
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      throw new InputException("cannot read the events " + file + ": " + e.getMessage());
    }
    try (Counting in = new Counting(Files.newInputStream(path))) {
      ActivityLines.forEach(in, line -> {
        lines = line.lineNumber();
        if (line.activity().isPresent()) {
          run.accept(line.lineNumber(), line.activity().get());
        } else {
          bad(line.lineNumber(), "malformed", String.join("; ", line.problems().stream().map(Object::toString)
              .toList()));
        }
        progress.update(in.count, line.lineNumber());
      });
    } catch (IOException | UncheckedIOException e) {
      throw new InputException("cannot read the events " + file + " after line " + lines + ": " + e.getMessage());
    } finally {
      progress.done();
    }
  }

  /** Keeps a bad line (the first thousand in full; all of them counted). */
  synchronized void bad(int line, String what, String problem) {
    badCount++;
    if (bad.size() < 1_000) {
      bad.add(new BadLine(line, what, problem));
    }
  }

  /** How many lines were bad. */
  synchronized long badCount() {
    return badCount;
  }

  /** The bad lines kept, in line order. */
  synchronized List<BadLine> badLines() {
    List<BadLine> sorted = new ArrayList<>(bad);
    sorted.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return sorted;
  }

  /** The last line number read. */
  long lines() {
    return lines;
  }

  /** Prints the bad lines (the first {@value #PRINTED}) and their count to {@code err}. */
  void printBadLines(PrintWriter err) {
    List<BadLine> sorted = badLines();
    for (BadLine b : sorted.subList(0, Math.min(PRINTED, sorted.size()))) {
      err.println(file + ":" + b.line() + ": " + b.what() + ": " + b.problem());
    }
    long count = badCount();
    if (count > PRINTED) {
      err.println("... and " + (count - PRINTED) + " more bad lines");
    }
    if (count > 0) {
      err.println(count + " of " + lines + " lines were bad and skipped");
    }
  }

  /** Counts the bytes read, for the progress bar. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
