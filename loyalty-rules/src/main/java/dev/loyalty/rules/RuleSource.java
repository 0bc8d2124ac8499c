package dev.loyalty.rules;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One DRL file of a rule set: its text and the name problems are reported under ({@code
 * points.drl:12:5: ...}).
 *
 * @param name where it came from, as an author would recognise it ("rules/points.drl"); never null
 *             or blank
 * @param drl  the DRL text; never null
 */
public record RuleSource(String name, String drl) {
  public RuleSource {
    requireNonNull(name, "name");
    requireNonNull(drl, "drl");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a rule source needs a name to report its problems under");
    }
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

  @Override
  public String toString() {
    return name + " (" + drl.length() + " characters)";
  }
}
