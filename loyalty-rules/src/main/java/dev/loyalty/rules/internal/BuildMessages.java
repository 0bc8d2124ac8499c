package dev.loyalty.rules.internal;

import dev.loyalty.rules.RuleProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.builder.Message;

/**
 * Maps the executable model's error messages back to the author's DRL: a file, line, column and
 * rule, with a message in DRL terms. Drools reports some errors against the DRL file (sometimes at
 * line -1), others against Java classes it generated from the rules: a consequence's code, a
 * condition's lambda, a rule's builder method. Those carry clues (the consequence's statements, a
 * condition's text and rule name, a "Rule name:" comment) that lead back to the DRL.
 */
final class BuildMessages {
  private static final Pattern SOURCE_IN_ERROR = Pattern.compile("^Java source of (\\S+) in error:");
  private static final Pattern PARSER_PREFIX = Pattern.compile("^\\[ERR \\d+\\] Line \\d+:\\d+ ");
  private static final Pattern IN_RULE = Pattern.compile(" in rule \"?([^\"]*)\"?\\s*$");
  private static final Pattern EXPRESSION = Pattern.compile(
      "(?:Unable to Analyse Expression|Unable to parse left part of expression:|Unable to find class:|"
          + "Unknown property|Unable to resolve)\\s*(.+?):?\\s*$", Pattern.DOTALL);
  private static final Pattern PREDICATE_INFO =
      Pattern.compile("PredicateInformation\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)");
  private static final Pattern RULE_NAMES = Pattern.compile("addRuleNames\\(\"((?:[^\"\\\\]|\\\\.)*)\",\\s*\"([^\"]*)\"");
  private static final Pattern RULE_NAME_COMMENT = Pattern.compile("\\* Rule name: (.+)");
  private static final Pattern EXTENDS_UNKNOWN = Pattern.compile("Rule (.+) extends an unknown rule (.+)$");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Pattern MISSING_METHOD =
      Pattern.compile("Method (\\w+) on class ([\\w.$]+) with arguments \\[(.*)\\] is missing");
  private static final Set<String> STOP_WORDS = Set.of("Method", "method", "class", "with", "arguments", "missing",
      "Unable", "unable", "the", "for", "and", "not", "java", "lang", "String", "Object", "Error", "error", "type",
      "Type", "cannot", "resolved", "variable", "expression", "Expression", "field", "Field", "rule", "Rule");

  /** A rule the mapping found guilty, to blank before the next build. */
  record Culprit(SourceFile file, int line) {
  }

  /** What the mapping found: culprits to blank, and errors it could not place in any rule. */
  record Mapped(Set<Culprit> culprits, List<Message> unplaced) {
  }

  private BuildMessages() {
  }

  static Mapped map(List<Message> errors, List<SourceFile> files) {
    Map<String, String> generated = new HashMap<>();
    for (Message m : errors) {
      Matcher source = SOURCE_IN_ERROR.matcher(m.getText());
      if (source.find()) {
        generated.put(source.group(1), m.getText().substring(m.getText().indexOf('\n') + 1));
      }
    }
    Set<Culprit> culprits = new LinkedHashSet<>();
    List<Message> unplaced = new ArrayList<>();
    for (Message m : errors) {
      String text = m.getText();
      if (SOURCE_IN_ERROR.matcher(text).find() || text.startsWith("Parser returned a null Package")) {
        continue;
      }
      String path = m.getPath() == null ? "" : m.getPath();
      Optional<SourceFile> drl = files.stream().filter(f -> path.endsWith(f.resourcePath())).findFirst();
      Optional<Culprit> placed;
      if (drl.isPresent()) {
        placed = drlError(m, drl.get());
      } else if (path.contains("src/main/java/")) {
        placed = generatedError(m, generated.get(path), files);
      } else {
        placed = Optional.empty();
      }
      placed.ifPresentOrElse(culprits::add, () -> unplaced.add(m));
    }
    return new Mapped(culprits, unplaced);
  }

  /** Drools' own warnings about files that compiled, each at its file and line where it names them. */
  static void warnings(List<Message> warnings, List<SourceFile> files) {
    for (Message m : warnings) {
      String path = m.getPath() == null ? "" : m.getPath();
      files.stream().filter(f -> !path.isEmpty() && path.endsWith(f.resourcePath())).findFirst().ifPresent(file -> {
        int line = Math.max(1, m.getLine());
        file.warning(line, Math.max(0, m.getColumn()) + 1, file.ruleAt(line), RuleProblem.Kind.OTHER,
            "Drools: " + m.getText().strip());
      });
    }
  }

  private static Optional<Culprit> drlError(Message m, SourceFile file) {
    String text = m.getText().strip();
    Matcher inRule = IN_RULE.matcher(text);
    Optional<String> named = inRule.find() ? Optional.of(inRule.group(1)) : Optional.empty();
    String clean = IN_RULE.matcher(PARSER_PREFIX.matcher(text).replaceFirst("")).replaceFirst("");
    Matcher extendsUnknown = EXTENDS_UNKNOWN.matcher(clean);
    if (extendsUnknown.find() && file.original.rule(extendsUnknown.group(2)).isPresent()) {
      // the parent was set aside for a problem of its own: not a second problem, but skip the child too
      return file.current.rule(extendsUnknown.group(1)).map(b -> new Culprit(file, b.firstLine()));
    }
    if (m.getLine() > 0) {
      int line = m.getLine();
      Optional<String> rule = named.or(() -> file.ruleAt(line));
      RuleProblem.Kind kind = text.startsWith("[ERR") ? RuleProblem.Kind.SYNTAX
          : text.startsWith("Duplicate rule name") ? RuleProblem.Kind.DUPLICATE_RULE : RuleProblem.Kind.OTHER;
      file.problem(line, Math.max(0, m.getColumn()) + 1, rule, kind, clean);
      return Optional.of(new Culprit(file, line));
    }
    Matcher expression = EXPRESSION.matcher(text);
    if (expression.find()) {
      String expr = expression.group(1).strip();
      Optional<Integer> offset = find(file, expr, named);
      if (offset.isPresent()) {
        int line = file.original.lineOf(offset.get());
        file.problemAt(offset.get(), named.or(() -> file.ruleAt(line)), RuleProblem.Kind.OTHER,
            "Drools cannot compile the condition '" + expr + "'" + (clean.contains(expr) ? "" : ": " + clean));
        return Optional.of(new Culprit(file, line));
      }
    }
    // No position and no expression: find a name the message mentions (a method, a field, a
    // variable) in the rules, as an author would search for it.
    Matcher method = MISSING_METHOD.matcher(text);
    Optional<Integer> offset = Optional.empty();
    String message = clean;
    RuleProblem.Kind kind = RuleProblem.Kind.OTHER;
    if (method.find()) {
      offset = findWord(file, method.group(1) + "(");
      message = missingMethod(method.group(1), method.group(2), method.group(3));
      kind = RuleProblem.Kind.TYPE_MISMATCH;
    }
    if (offset.isEmpty()) {
      Matcher word = IDENTIFIER.matcher(text);
      while (offset.isEmpty() && word.find()) {
        if (word.group().length() >= 3 && !STOP_WORDS.contains(word.group())
            && (word.start() == 0 || text.charAt(word.start() - 1) != '.')) {
          offset = findWord(file, word.group());
        }
      }
    }
    if (offset.isPresent()) {
      int line = file.original.lineOf(offset.get());
      file.problemAt(offset.get(), named.or(() -> file.ruleAt(line)), kind, message);
      return Optional.of(new Culprit(file, line));
    }
    return Optional.empty();
  }

  /** "PartnerFigures has no method grewAtLeast taking (String); it has grewAtLeast(long), ...". */
  private static String missingMethod(String name, String owner, String arguments) {
    String simpleOwner = FactTypes.simpleName(owner);
    String given = java.util.Arrays.stream(arguments.split(",")).map(a -> FactTypes.simpleName(a.strip()
        .replaceFirst("^class ", "").replaceFirst("^interface ", ""))).filter(a -> !a.isEmpty())
        .collect(java.util.stream.Collectors.joining(", "));
    StringBuilder message = new StringBuilder(simpleOwner).append(" has no method ").append(name)
        .append(" that takes (").append(given).append(")");
    try {
      Class<?> type = Class.forName(owner, false, BuildMessages.class.getClassLoader());
      List<String> overloads = FactTypes.methods(type, name).stream().map(m -> name + "("
          + java.util.Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
              .collect(java.util.stream.Collectors.joining(", ")) + ")").sorted().distinct().toList();
      if (!overloads.isEmpty()) {
        message.append("; it has ").append(String.join(", ", overloads));
      }
    } catch (ClassNotFoundException | LinkageError e) {
      // a host class this loader cannot see: the message without the list
    }
    return message.toString();
  }

  /** The first whole-word occurrence of {@code word} in a rule's conditions or consequence. */
  private static Optional<Integer> findWord(SourceFile file, String word) {
    String all = file.current.text();
    Pattern p = Pattern.compile((Character.isJavaIdentifierStart(word.charAt(0)) ? "\\b" : "")
        + Pattern.quote(word));
    for (DrlText.Block block : file.current.blocks()) {
      if (!block.isRule()) {
        continue;
      }
      int from = file.current.offsetOf(block.firstLine());
      int to = block.lastLine() < file.current.lineCount() ? file.current.offsetOf(block.lastLine() + 1)
          : all.length();
      Matcher m = p.matcher(all).region(from, to);
      if (m.find()) {
        return Optional.of(m.start());
      }
    }
    return Optional.empty();
  }

  private static Optional<Culprit> generatedError(Message m, String source, List<SourceFile> files) {
    if (source == null) {
      return Optional.empty();
    }
    String message = m.getText().strip();
    Matcher names = RULE_NAMES.matcher(source);
    Matcher info = PREDICATE_INFO.matcher(source);
    if (names.find()) {
      String rule = unescape(names.group(1));
      String drlPath = names.group(2);
      String expression = info.find() ? unescape(info.group(1)) : "";
      Optional<SourceFile> file = files.stream().filter(f -> drlPath.endsWith(f.resourcePath())).findFirst();
      if (file.isPresent()) {
        Optional<Integer> offset = expression.isEmpty() ? Optional.empty()
            : find(file.get(), expression, Optional.of(rule));
        int at = offset.orElseGet(() -> file.get().original.rule(rule)
            .map(b -> file.get().original.offsetOf(b.firstLine())).orElse(0));
        file.get().problemAt(at, Optional.of(rule), RuleProblem.Kind.OTHER, expression.isEmpty()
            ? "Drools cannot compile this rule: " + message
            : "Drools cannot compile the condition '" + expression + "': " + message);
        return Optional.of(new Culprit(file.get(), file.get().original.lineOf(at)));
      }
    }
    if (source.contains("LambdaConsequence") || source.contains("Block")) {
      Optional<Culprit> consequence = consequenceError(m, source, files);
      if (consequence.isPresent()) {
        return consequence;
      }
    }
    Matcher comment = RULE_NAME_COMMENT.matcher(before(source, m.getLine()));
    String rule = null;
    while (comment.find()) {
      rule = comment.group(1).strip();
    }
    if (rule != null) {
      for (SourceFile file : files) {
        Optional<DrlText.Block> block = file.current.rule(rule);
        if (block.isPresent()) {
          // the same failure is usually also reported in the condition's own class; one problem per rule
          boolean known = file.problems.stream().anyMatch(p -> p.rule().equals(Optional.of(block.get().name())));
          if (!known) {
            file.problem(block.get().firstLine(), 1, Optional.of(rule), RuleProblem.Kind.OTHER,
                "Drools cannot compile this rule: " + message);
          }
          return Optional.of(new Culprit(file, block.get().firstLine()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A compile error in a consequence: found by the statement it is in, which the executable model
   * copies from the DRL's {@code then} part.
   */
  private static Optional<Culprit> consequenceError(Message m, String source, List<SourceFile> files) {
    String[] generatedLines = source.split("\n", -1);
    if (m.getLine() < 1 || m.getLine() > generatedLines.length) {
      return Optional.empty();
    }
    String errorLine = generatedLines[m.getLine() - 1];
    String wanted = normalize(errorLine);
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    Set<String> body = new LinkedHashSet<>();
    for (String line : generatedLines) {
      body.add(normalize(line));
    }
    SourceFile bestFile = null;
    int bestLine = -1;
    int bestScore = -1;
    for (SourceFile file : files) {
      for (DrlText.Block block : file.current.blocks()) {
        if (!block.isRule()) {
          continue;
        }
        int then = -1;
        for (int line = block.firstLine(); line <= block.lastLine(); line++) {
          String s = file.current.line(line).strip();
          if (then < 0 && (s.equals("then") || s.startsWith("then ") || s.startsWith("then\t"))) {
            then = line;
            continue;
          }
          if (then >= 0 && normalize(s).equals(wanted)) {
            int score = 0;
            for (int l = then + 1; l <= block.lastLine(); l++) {
              if (body.contains(normalize(file.current.line(l)))) {
                score++;
              }
            }
            if (score > bestScore) {
              bestScore = score;
              bestFile = file;
              bestLine = line;
            }
          }
        }
      }
    }
    if (bestFile == null) {
      return Optional.empty();
    }
    int column = columnOfToken(source, m, errorLine, bestFile.current.line(bestLine));
    bestFile.problem(bestLine, column, bestFile.ruleAt(bestLine), RuleProblem.Kind.CONSEQUENCE,
        "in the consequence (then part): " + m.getText().strip());
    return Optional.of(new Culprit(bestFile, bestLine));
  }

  /** The column of the token the compiler pointed at, found again in the DRL line. */
  private static int columnOfToken(String source, Message m, String errorLine, String drlLine) {
    int firstNonSpace = 1;
    while (firstNonSpace <= drlLine.length() && Character.isWhitespace(drlLine.charAt(firstNonSpace - 1))) {
      firstNonSpace++;
    }
    // ECJ reports the error's start as an offset into the generated file
    int offset = m.getColumn();
    int lineStart = 0;
    for (int i = 1; i < m.getLine(); i++) {
      lineStart = source.indexOf('\n', lineStart) + 1;
    }
    int inLine = offset - lineStart;
    if (inLine < 0 || inLine >= errorLine.length()) {
      return firstNonSpace;
    }
    Matcher token = IDENTIFIER.matcher(errorLine).region(inLine, errorLine.length());
    String code = errorLine.strip();
    String drlCode = drlLine.strip();
    int inCode = inLine - errorLine.indexOf(code);
    if (code.equals(drlCode) && inCode >= 0) {
      return firstNonSpace + inCode;
    }
    if (token.lookingAt()) {
      int at = drlLine.indexOf(token.group());
      if (at >= 0) {
        return at + 1;
      }
    }
    return firstNonSpace;
  }

  /** The first offset of {@code expression} in {@code rule} (or anywhere in the file). */
  private static Optional<Integer> find(SourceFile file, String expression, Optional<String> rule) {
    String all = file.current.text();
    int from = 0;
    int to = all.length();
    Optional<DrlText.Block> block = rule.flatMap(file.current::rule);
    if (block.isPresent()) {
      from = file.current.offsetOf(block.get().firstLine());
      to = block.get().lastLine() < file.current.lineCount() ? file.current.offsetOf(block.get().lastLine() + 1)
          : all.length();
    }
    int at = all.indexOf(expression, from);
    if (at >= 0 && at < to) {
      return Optional.of(at);
    }
    // the compiler may quote a condition with its spacing normalised: find its first word instead
    Matcher first = IDENTIFIER.matcher(expression);
    if (first.find()) {
      Matcher word = Pattern.compile("\\b" + Pattern.quote(first.group()) + "\\b").matcher(all).region(from, to);
      if (word.find()) {
        return Optional.of(word.start());
      }
    }
    return Optional.empty();
  }

  private static String before(String source, int line) {
    int offset = 0;
    for (int i = 1; i < line && offset >= 0; i++) {
      offset = source.indexOf('\n', offset) + 1;
    }
    return offset <= 0 ? source : source.substring(0, offset);
  }

  private static String normalize(String line) {
    return line.replaceAll("\\s+", "").replace("drools.", "");
  }

  private static String unescape(String java) {
    return java.replace("\\\"", "\"").replace("\\\\", "\\");
  }
}
