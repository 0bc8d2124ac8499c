package dev.loyalty.core.json;

import dev.loyalty.core.InputProblem;
import static java.util.Objects.requireNonNull;

import dev.loyalty.core.json.internal.JsonPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads activities in JSON Lines form: one activity object per line, in the format of
 * {@link ActivityJson}. Each line is read on its own, so a bad line is reported with its line
 * number while the lines around it still parse. Blank lines and lines whose first non-blank
 * character is {@code #} are skipped, but still counted, so line numbers match what an editor
 * shows. Lines end at {@code \n} or {@code \r\n}; a byte order mark at the start is ignored.
 * Thread-safe (no state); the reader is read to its end and not closed.
 *
 * <p>Read files and streams as bytes ({@link #forEach(InputStream, Consumer)}): each line is then
 * decoded on its own, so a line that is not UTF-8 is a bad line like any other. A {@link Reader}
 * decodes ahead of the lines it hands over, so a byte it cannot decode fails the whole read and the
 * lines it had buffered are lost.
 *
 * <pre>{@code
 * try (InputStream in = Files.newInputStream(path)) {
 *   ActivityLines.forEach(in, line -> line.activity().ifPresentOrElse(engine::submit,
 *       () -> log.warn("line {}: {}", line.lineNumber(), line.problems())));
 * }
 * }</pre>
 */
public final class ActivityLines {

  /**
   * The longest line read, in characters: far beyond any real activity, but it keeps one corrupt
   * line (a whole file without line breaks) from taking the heap. Longer lines are a problem.
   */
  public static final int MAX_LINE_LENGTH = 1 << 20;

  /** The most bytes a line read as bytes may have before it is decoded (four per character at most). */
  private static final int MAX_LINE_BYTES = 4 * MAX_LINE_LENGTH;
  private static final String TOO_LONG = "line is longer than " + MAX_LINE_LENGTH
      + " characters; JSON Lines holds one activity per line";

  private ActivityLines() {
  }

  /**
   * Hands {@code action} one {@link ParsedLine} per activity line, in order, holding only the
   * current line in memory, so files of any size can be read.
   *
   * @throws UncheckedIOException if {@code reader} fails; the lines before were already handed over
   */
  public static void forEach(Reader reader, Consumer<? super ParsedLine> action) {
    requireNonNull(reader, "reader");
    // one line splitter for both: the reader's text goes through it as UTF-8 bytes
    forEach(new ReaderBytes(reader), action);
  }

  /**
   * Hands {@code action} one {@link ParsedLine} per activity line of the UTF-8 bytes {@code in}, in
   * order, holding only the current line in memory. Each line is decoded on its own: a line that is
   * not valid UTF-8 is a {@link ParsedLine} with that problem, and the lines after it are read.
   * Reads {@code in} to its end and does not close it.
   *
   * @throws UncheckedIOException if {@code in} fails; the lines before were already handed over
   */
  public static void forEach(InputStream in, Consumer<? super ParsedLine> action) {
    requireNonNull(in, "in");
    requireNonNull(action, "action");
    ByteLineSource lines = new ByteLineSource(in, MAX_LINE_BYTES, TOO_LONG);
    int lastLine = 0;
    try {
      for (Optional<ByteLineSource.Line> next = lines.next(); next.isPresent(); next = lines.next()) {
        ByteLineSource.Line line = next.get();
        lastLine = line.number();
        Optional<ParsedLine> parsed = line.text().isPresent() ? parse(line.number(), line.text().get())
            : Optional.of(ParsedLine.invalid(line.number(), List.of(new InputProblem(JsonPaths.ROOT,
                line.problem().orElseThrow()))));
        parsed.ifPresent(action);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read activities after line " + lastLine, e);
    }
  }

  /**
   * Every activity line of {@code reader}, in order: a convenience over
   * {@link #forEach(Reader, Consumer)} for inputs that fit in memory. The list is unmodifiable.
   *
   * @throws UncheckedIOException if {@code reader} fails
   */
  public static List<ParsedLine> parse(Reader reader) {
    List<ParsedLine> parsed = new ArrayList<>();
    forEach(reader, parsed::add);
    return List.copyOf(parsed);
  }

  private static Optional<ParsedLine> parse(int number, String text) {
    if (text.length() > MAX_LINE_LENGTH) {
      return Optional.of(ParsedLine.invalid(number, List.of(new InputProblem(JsonPaths.ROOT, TOO_LONG))));
    }
    if (text.isBlank() || text.stripLeading().startsWith("#")) {
      return Optional.empty();
    }
    return Optional.of(ActivityTreeReader.parse(text, number).toParsedLine(number));
  }
}
