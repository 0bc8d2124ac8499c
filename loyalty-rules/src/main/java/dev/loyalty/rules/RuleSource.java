package dev.loyalty.rules;

import static java.util.Objects.requireNonNull;

import dev.loyalty.rules.internal.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One file of a rule set: a DRL file, or a Drools decision table (CSV or spreadsheet) turned into
 * DRL, with the name problems are reported under ({@code points.drl:12:5: ...}, {@code
 * incentives.csv row 12, cell E12 ...}).
 *
 * <p>A decision table goes through the same checks and compilation as DRL: its rules must name a
 * stage (a {@code RULEFLOW-GROUP} column), may set {@code @ruleId} (a {@code METADATA} column), and
 * every problem is reported at the table's row and cell. A table that cannot be read as rules (no
 * {@code RuleTable}, a column without a {@code CONDITION} or {@code ACTION} header, ...) is refused
 * when its rule set is compiled, with the other problems. See docs/RULES.md, "Decision tables".
 *
 * @param name  where it came from, as an author would recognise it ("rules/points.drl",
 *              "incentives.csv"); never null or blank
 * @param drl   the DRL text; for a decision table, the DRL Drools generated from it (empty if it
 *              could not); never null
 * @param table the decision table the DRL was generated from, if it was; never null
 */
public record RuleSource(String name, String drl, Optional<DecisionTable> table) {
  public RuleSource {
    requireNonNull(name, "name");
    requireNonNull(drl, "drl");
    requireNonNull(table, "table");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a rule source needs a name to report its problems under");
    }
  }

  /** DRL text {@code drl}, reported as {@code name}. */
  public RuleSource(String name, String drl) {
    this(name, drl, Optional.empty());
  }

  /** DRL given as text, reported as {@code name}. */
  public static RuleSource of(String name, String drl) {
    return new RuleSource(name, drl);
  }

  /**
   * The DRL file at {@code file} (UTF-8), reported under the path as given.
   *
   * @throws UncheckedIOException if it cannot be read
   */
  public static RuleSource fromPath(Path file) {
    requireNonNull(file, "file");
    try {
      return new RuleSource(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read DRL file " + file, e);
    }
  }

  /**
   * Every {@code *.drl} file directly in {@code directory}, sorted by name.
   *
   * @throws UncheckedIOException if the directory cannot be listed or a file read
   */
  public static List<RuleSource> fromDirectory(Path directory) {
    requireNonNull(directory, "directory");
    List<RuleSource> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      files.filter(p -> p.getFileName().toString().endsWith(".drl") && Files.isRegularFile(p)).sorted()
          .forEach(p -> sources.add(fromPath(p)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list DRL files in " + directory, e);
    }
    return List.copyOf(sources);
  }

  /**
   * The classpath resource {@code resource} ("rules/points.drl"), read through the thread's context
   * class loader (or this library's, if there is none), reported under the resource name.
   *
   * @throws IllegalArgumentException if there is no such resource
   */
  public static RuleSource fromClasspath(String resource) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return fromClasspath(resource, context != null ? context : RuleSource.class.getClassLoader());
  }

  /**
   * The resource {@code resource} of {@code loader}, reported under the resource name.
   *
   * @throws IllegalArgumentException if there is no such resource
   */
  public static RuleSource fromClasspath(String resource, ClassLoader loader) {
    requireNonNull(resource, "resource");
    requireNonNull(loader, "loader");
    String path = resource.startsWith("/") ? resource.substring(1) : resource;
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no DRL resource '" + path + "' on the classpath");
      }
      return new RuleSource(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read DRL resource " + path, e);
    }
  }

  /**
   * The decision table at {@code file}, its format chosen by the extension ({@code .csv}, {@code
   * .xls}, {@code .xlsx}), reported under the path as given.
   *
   * @throws IllegalArgumentException for another extension
   * @throws UncheckedIOException     if it cannot be read
   */
  public static RuleSource fromDecisionTable(Path file) {
    requireNonNull(file, "file");
    DecisionTable.Format format = DecisionTable.Format.ofFileName(file.getFileName().toString());
    try {
      return fromDecisionTable(file.toString(), Files.readAllBytes(file), format);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read decision table " + file, e);
    }
  }

  /**
   * The decision table {@code resource} ("rules/incentives.xlsx") of the thread's context class
   * loader (or this library's, if there is none), its format chosen by the extension, reported
   * under the resource name.
   *
   * @throws IllegalArgumentException if there is no such resource, or for another extension
   */
  public static RuleSource fromDecisionTableOnClasspath(String resource) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return fromDecisionTableOnClasspath(resource,
        context != null ? context : RuleSource.class.getClassLoader());
  }

  /**
   * The decision table {@code resource} of {@code loader}, its format chosen by the extension,
   * reported under the resource name.
   *
   * @throws IllegalArgumentException if there is no such resource, or for another extension
   */
  public static RuleSource fromDecisionTableOnClasspath(String resource, ClassLoader loader) {
    requireNonNull(resource, "resource");
    requireNonNull(loader, "loader");
    String path = resource.startsWith("/") ? resource.substring(1) : resource;
    DecisionTable.Format format = DecisionTable.Format.ofFileName(path);
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no decision table resource '" + path + "' on the classpath");
      }
      return fromDecisionTable(path, in.readAllBytes(), format);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read decision table resource " + path, e);
    }
  }

  /**
   * The decision table read from {@code in} (which is not closed) as {@code format}, reported as
   * {@code name}.
   *
   * @throws UncheckedIOException if {@code in} cannot be read
   */
  public static RuleSource fromDecisionTable(String name, InputStream in, DecisionTable.Format format) {
    requireNonNull(in, "in");
    try {
      return fromDecisionTable(name, in.readAllBytes(), format);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read decision table " + name, e);
    }
  }

  /** The decision table {@code content} in {@code format}, reported as {@code name}. */
  public static RuleSource fromDecisionTable(String name, byte[] content, DecisionTable.Format format) {
    requireNonNull(name, "name");
    requireNonNull(content, "content");
    requireNonNull(format, "format");
    TableReader.Read read = TableReader.read(name, content, format);
    return new RuleSource(name, read.drl(), Optional.of(read.table()));
  }

  @Override
  public String toString() {
    return name + table.map(t -> " (" + t.format() + " decision table, " + drl.length() + " characters of DRL)")
        .orElse(" (" + drl.length() + " characters)");
  }
}
