package dev.loyalty.rules.internal;

import dev.loyalty.rules.RuleProblem;
import dev.loyalty.rules.standard.StandardParameters;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * The program parameters a rule set reads, found in its DRL: a reader called with the name written
 * out ({@code whole("mix.points")}, {@code has("cap.points-per-activity")}, {@code
 * parameters["bonus-percent"]}), a name built from a written prefix ({@code whole("training.points."
 * + $course)}: every name starting {@code training.points.}), the ready-made helpers a rule calls
 * ({@code EarnRate.of($parameters)} reads {@code earn.points} and {@code earn.per-amount}), and the
 * names a rule declares with {@code @parameters("a, b, prefix.*")} when it builds them in a way the
 * text does not show. A reader called with a name that is not written out makes the set {@link
 * #open()}: a program's unknown parameters can then not be told from the ones the rule reads, and
 * the rule gets a warning saying how to declare them.
 *
 * <p>Mutable while the checker collects; immutable in effect once compiled (never changed then).
 */
public final class ParameterReads {
  private static final String READERS = "has|text|number|whole|list|parameter";
  private static final Pattern NAMED = Pattern.compile(
      "(?<![\\w$])(?:" + READERS + ")\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(\\+)?");
  private static final Pattern INDEXED = Pattern.compile(
      "(?<![\\w$])(?:parameters|values)\\s*(?:\\[|\\(\\s*\\)\\s*\\.\\s*(?:get|containsKey|getOrDefault)\\s*\\()\\s*"
          + "\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(\\+)?");
  /** A ProgramParameters reader, in a pattern or on a bound variable, given a name that is not written out. */
  private static final Pattern UNNAMED = Pattern.compile(
      "(?<![\\w$.])(?:\\$[\\w$]+\\s*\\.\\s*)?(?:has|text|number|whole|list)\\s*\\(\\s*(?![\"\\s)])");
  private static final Pattern HELPER = Pattern.compile("(?<![\\w$.])([A-Z][\\w]*)\\s*\\.");

  private final Set<String> names = new LinkedHashSet<>();
  private final Set<String> prefixes = new LinkedHashSet<>();
  private boolean open;

  /** Nothing read yet. */
  ParameterReads() {
  }

  /** Adds what the code of {@code file} reads (comments left out, strings kept). */
  void scan(SourceFile file, FactTypes types) {
    String text = file.original.text();
    String code = DrlBlanks.blank(text);
    collect(NAMED, text, code);
    collect(INDEXED, text, code);
    Matcher helper = HELPER.matcher(code);
    Set<String> seen = new HashSet<>();
    while (helper.find()) {
      if (seen.add(helper.group(1))) { // each name resolved once: a miss costs the class loader a search
        types.resolve(helper.group(1)).ifPresent(type -> StandardParameters.readBy(type).forEach(this::addPattern));
      }
    }
    Matcher unnamed = UNNAMED.matcher(text);
    while (unnamed.find()) {
      if (inCommentOrString(text, code, unnamed.start())) {
        continue;
      }
      int line = file.original.lineOf(unnamed.start());
      Optional<String> rule = file.ruleAt(line);
      if (rule.isPresent() && declared(file, rule.get())) {
        continue;
      }
      open = true;
      file.warningAt(unnamed.start(), rule, RuleProblem.Kind.OTHER, "reads a program parameter whose name is "
          + "not written out here, so the engine cannot tell a program's misspelt parameter from one this rule "
          + "reads and does not check the names; declare them on the rule: @parameters(\"name, other, prefix.*\")");
    }
  }

  /** Adds the names {@code rule} declares with {@code @parameters("a, b, prefix.*")}. */
  void declare(RuleDescr rule) {
    AnnotationDescr annotation = rule.getAnnotation("parameters");
    if (annotation != null && annotation.getSingleValue() != null) {
      for (String name : RuleIndex.unquote(annotation.getSingleValue().toString()).split(",")) {
        if (!name.isBlank()) {
          addPattern(name.strip());
        }
      }
    }
  }

  private static boolean declared(SourceFile file, String rule) {
    return file.original.rule(rule).map(b -> {
      for (int line = b.firstLine(); line <= b.lastLine(); line++) {
        if (file.original.line(line).contains("@parameters")) {
          return true;
        }
      }
      return false;
    }).orElse(false);
  }

  private void collect(Pattern pattern, String text, String code) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (inCommentOrString(text, code, m.start())) {
        continue;
      }
      if (m.group(2) != null) {
        prefixes.add(m.group(1));
      } else {
        names.add(m.group(1));
      }
    }
  }

  /** Whether {@code at} is in a comment or a string: blanked in {@code code}, not in {@code text}. */
  private static boolean inCommentOrString(String text, String code, int at) {
    return code.charAt(at) == ' ' && !Character.isWhitespace(text.charAt(at));
  }

  /** {@code a.b} as a name, {@code a.*} (or a name ending in a dot) as every name starting {@code a.}. */
  private void addPattern(String name) {
    if (name.endsWith("*")) {
      prefixes.add(name.substring(0, name.length() - 1));
    } else if (name.endsWith(".")) {
      prefixes.add(name);
    } else {
      names.add(name);
    }
  }

  /** Adds everything {@code other} reads. */
  void addAll(ParameterReads other) {
    names.addAll(other.names);
    prefixes.addAll(other.prefixes);
    open |= other.open;
  }

  /** Whether some rule reads a parameter whose name it does not write out nor declare. */
  public boolean open() {
    return open;
  }

  /** Whether a rule reads parameter {@code name}. */
  public boolean reads(String name) {
    return names.contains(name) || prefixes.stream().anyMatch(name::startsWith);
  }

  /** The names read, and each prefix as {@code prefix<...>}, for suggestions. */
  public Collection<String> known() {
    Set<String> known = new LinkedHashSet<>(names);
    prefixes.forEach(p -> known.add(p + "<...>"));
    return List.copyOf(known);
  }
}
