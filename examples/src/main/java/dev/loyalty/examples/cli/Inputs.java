package dev.loyalty.examples.cli;

import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramDefinitionException;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.rules.DecisionTable;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.RuleCompilationException;
import dev.loyalty.rules.RuleSet;
import dev.loyalty.rules.RuleSource;
import dev.loyalty.rules.standard.StandardRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Reads what the commands are given: programs, rule sets. Every failure is an {@link InputException}. */
final class Inputs {
  /** The word that names the program shipped with the ready-made rules, in place of a file. */
  static final String STANDARD = "standard";
  static final String STANDARD_PROGRAM = "dev/loyalty/rules/samples/standard-program.json";

  private Inputs() {
  }

  /** The program in {@code file}, or the shipped ready-made program for "standard". */
  static Program program(String file) {
    try {
      if (STANDARD.equals(file)) {
        try (InputStream in = Objects.requireNonNull(StandardRules.class.getClassLoader()
            .getResourceAsStream(STANDARD_PROGRAM), STANDARD_PROGRAM)) {
          return ProgramLoader.fromJson(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
      }
      Path path = existing(file, "program");
      return ProgramLoader.fromPath(path);
    } catch (ProgramDefinitionException e) {
      throw new InputException("the program " + file + " is not valid", e.problems().stream()
          .map(p -> file + ": " + p).toList());
    } catch (IOException | UncheckedIOException e) {
      throw new InputException("cannot read the program " + file + ": " + e.getMessage());
    }
  }

  /** A path that exists, or an {@link InputException} naming what it was for. */
  static Path existing(String file, String what) {
    Path path = Path.of(file);
    if (!Files.exists(path)) {
      throw new InputException("the " + what + " file " + file + " does not exist");
    }
    if (!Files.isReadable(path)) {
      throw new InputException("the " + what + " file " + file + " cannot be read");
    }
    return path;
  }

  /**
   * The rule sources {@code items} name: "standard" (every ready-made rule), "standard:NAME" (one of
   * them), a DRL file, a directory of DRL files, or a decision table (.xls, .xlsx, .csv).
   */
  static List<RuleSource> ruleSources(List<String> items) {
    List<RuleSource> sources = new ArrayList<>();
    for (String item : items) {
      if (item.equals(STANDARD)) {
        sources.addAll(StandardRules.all());
      } else if (item.startsWith(STANDARD + ":")) {
        try {
          sources.add(StandardRules.named(item.substring(STANDARD.length() + 1)));
        } catch (IllegalArgumentException e) {
          throw new InputException(e.getMessage());
        }
      } else {
        Path path = existing(item, "rules");
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
          if (Files.isDirectory(path)) {
            sources.addAll(RuleSource.fromDirectory(path));
          } else if (name.endsWith(".xls") || name.endsWith(".xlsx") || name.endsWith(".csv")) {
            DecisionTable.Format.ofFileName(name);
            sources.add(RuleSource.fromDecisionTable(path));
          } else {
            sources.add(RuleSource.fromPath(path));
          }
        } catch (UncheckedIOException e) {
          throw new InputException("cannot read the rules " + item + ": " + e.getMessage());
        }
      }
    }
    if (sources.isEmpty()) {
      throw new InputException("no rules: name DRL files, a directory, a decision table or 'standard'");
    }
    return sources;
  }

  /** The rule set of {@code items}, version {@code version}, in force for every date. */
  static RuleSet ruleSet(String version, List<String> items) {
    return RuleSet.of(version, Instant.MIN, ruleSources(items));
  }

  /** A compiled rule engine, or an {@link InputException} listing every problem at file:line:column. */
  static DroolsRuleEngine rules(String version, List<String> items) {
    try {
      return DroolsRuleEngine.of(ruleSet(version, items));
    } catch (RuleCompilationException e) {
      throw new InputException("the rules do not compile", e.problems().stream().map(Object::toString).toList());
    }
  }
}
