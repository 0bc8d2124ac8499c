package dev.loyalty.rules.internal;

import dev.loyalty.core.json.internal.Suggestions;
import dev.loyalty.rules.RuleProblem;
import dev.loyalty.rules.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;

/**
 * The checks made before Drools compiles anything: syntax (with Drools' own parser, so positions
 * are exact), stages, duplicate rule names and ids, fact types, fields and literal types. Each rule
 * found wrong is blanked out of the text given to Drools, so that the compiler reports the problems
 * of the other rules too.
 */
final class DrlChecker {
  private static final Pattern PARSER_PREFIX = Pattern.compile("^\\[ERR \\d+\\] Line \\d+:\\d+ ");
  private static final Pattern IN_RULE = Pattern.compile(" in (?:rule|query) \"?([^\"]*)\"?\\s*$");
  private static final Pattern BOUND = Pattern.compile("(\\$[A-Za-z0-9_$]*)\\s*:=?(?!:)");
  private static final Pattern VARIABLE = Pattern.compile("\\$[A-Za-z0-9_$]*");
  private static final String STAGE_LIST = Stage.inOrder().stream().map(Stage::group)
      .collect(Collectors.joining(", "));

  private final ClassLoader loader;
  private final boolean trusted;
  /** The program parameters the checked files read. */
  final ParameterReads reads = new ParameterReads();

  /** A checker resolving types through {@code loader}; a {@code trusted} rule set's code may reach anything. */
  DrlChecker(ClassLoader loader, boolean trusted) {
    this.loader = loader;
    this.trusted = trusted;
  }

  /** A rule as the checks saw it, for duplicate detection across files. */
  record RuleSeen(SourceFile file, String pkg, String name, String id, int line, int column,
      Optional<DateWindow> window, RuleSite site) {
  }

  /** Checks every file; returns the rules that parsed, for the cross-file checks and the build. */
  List<RuleSeen> check(List<SourceFile> files) {
    List<RuleSeen> seen = new ArrayList<>();
    Map<SourceFile, PackageDescr> parsed = new LinkedHashMap<>();
    for (SourceFile file : files) {
      parseBlankingSyntaxErrors(file).ifPresent(pkg -> parsed.put(file, pkg));
    }
    for (Map.Entry<SourceFile, PackageDescr> e : parsed.entrySet()) {
      seen.addAll(checkRules(e.getKey(), e.getValue()));
      refuseIfEmpty(e.getKey(), e.getValue());
    }
    if (seen.isEmpty() && !files.isEmpty() && files.stream().noneMatch(f -> f.reported > 0 || f.broken)) {
      // every file has functions or declarations only: installed, the rule set would pay nothing
      files.get(0).problemInFile(RuleProblem.Kind.EMPTY, "the rule set has no rules, only functions or "
          + "declarations; add the files with its rules");
    }
    checkDuplicates(seen);
    return seen;
  }

  /**
   * An empty file (or one of comments, a package and imports only) is refused: installed, it would
   * change nothing, which is almost always the wrong file or a file saved before it was written.
   */
  private static void refuseIfEmpty(SourceFile file, PackageDescr pkg) {
    // a file already refused for what is in it (a syntax error left no rule to parse) is not also empty
    if (file.reported == 0 && !file.broken && pkg.getRules().isEmpty() && pkg.getFunctions().isEmpty() && pkg.getTypeDeclarations().isEmpty()
        && pkg.getEnumDeclarations().isEmpty()) {
      file.problemInFile(RuleProblem.Kind.EMPTY, file.source.table().isPresent()
          ? "the table has no rules: no row under its row of labels has a value"
          : "the file has no rules (it is empty, or holds only comments, a package and imports); a rule set "
              + "installs what its files say, and this one says nothing: give the file its rules, or leave it out");
    }
  }

  private Optional<PackageDescr> parseBlankingSyntaxErrors(SourceFile file) {
    for (int round = 0; round <= file.original.blocks().size() + 1; round++) {
      DrlParser parser = new DrlParser();
      PackageDescr pkg;
      try {
        pkg = parser.parse(false, file.current.text());
      } catch (DroolsParserException e) {
        file.problem(1, 1, Optional.empty(), RuleProblem.Kind.SYNTAX, "cannot parse the file: " + e.getMessage());
        file.broken = true;
        return Optional.empty();
      }
      List<ParserError> errors = parser.getErrors().stream().filter(ParserError.class::isInstance)
          .map(ParserError.class::cast).toList();
      if (errors.isEmpty() && !parser.hasErrors() && pkg != null) {
        return Optional.of(pkg);
      }
      if (errors.isEmpty()) {
        for (DroolsError error : parser.getErrors()) {
          file.problem(1, 1, Optional.empty(), RuleProblem.Kind.SYNTAX, "syntax error: " + error.getMessage());
        }
        file.broken = true;
        return Optional.empty();
      }
      boolean blanked = false;
      for (ParserError error : errors) {
        String raw = error.getMessage();
        Matcher inRule = IN_RULE.matcher(raw);
        Optional<String> ruleName = inRule.find() ? Optional.of(inRule.group(1)) : Optional.empty();
        int line = Math.max(1, error.getRow());
        Optional<String> rule = ruleName.or(() -> file.ruleAt(line));
        file.problem(line, error.getCol() + 1, rule, RuleProblem.Kind.SYNTAX, syntaxMessage(raw, file, line, rule));
        boolean done = ruleName.map(file::blankRule).orElse(false) || file.blankBlockAt(line);
        blanked |= done;
      }
      if (!blanked) {
        file.broken = true; // an error outside any rule (package or imports): nothing else is checkable
        return Optional.empty();
      }
    }
    file.broken = true;
    return Optional.empty();
  }

  private static String syntaxMessage(String raw, SourceFile file, int line, Optional<String> rule) {
    String text = PARSER_PREFIX.matcher(raw).replaceFirst("");
    text = IN_RULE.matcher(text).replaceFirst("");
    text = text.replace("'<EOF>'", "the end of the file").replace("<EOF>", "the end of the file");
    Matcher m = Pattern.compile("^(?:mismatched|extraneous) input (.+?) expecting (.+)$").matcher(text);
    if (m.matches()) {
      text = "unexpected " + m.group(1) + "; expected " + m.group(2);
    } else if ((m = Pattern.compile("^(?:mismatched|extraneous) input (.+)$").matcher(text)).matches()) {
      text = "unexpected " + m.group(1);
    } else if ((m = Pattern.compile("^no viable alternative at input (.+)$").matcher(text)).matches()) {
      text = "unexpected " + m.group(1);
    }
    StringBuilder message = new StringBuilder("syntax error: ").append(text);
    Optional<DrlText.Block> named = rule.flatMap(file.original::rule);
    Optional<DrlText.Block> here = file.original.blockAt(line);
    if (named.isPresent() && here.isPresent() && !here.get().equals(named.get())) {
      // the parser read on past the rule's end: most often its 'end' is missing
      message.append("; rule \"").append(named.get().name()).append("\" (line ").append(named.get().firstLine())
          .append(") may be missing its 'end'");
      return message.toString();
    }
    named.ifPresent(block -> {
      int open = unclosedParentheses(file.original, block.firstLine(), line);
      if (open > 0) {
        message.append("; ").append(open == 1 ? "a '(' opened" : open + " '(' opened")
            .append(" above is not closed");
      }
    });
    return message.toString();
  }

  /** '(' minus ')' from {@code firstLine} up to (not including) {@code errorLine}, outside strings and comments. */
  private static int unclosedParentheses(DrlText text, int firstLine, int errorLine) {
    int depth = 0;
    for (int line = firstLine; line < errorLine; line++) {
      String code = DrlBlanks.blank(text.line(line));
      for (int i = 0; i < code.length(); i++) {
        char c = code.charAt(i);
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      }
    }
    return depth;
  }

  private List<RuleSeen> checkRules(SourceFile file, PackageDescr pkg) {
    List<String> imports = pkg.getImports().stream().map(ImportDescr::getTarget).toList();
    Set<String> declared = new HashSet<>();
    for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
      declared.add(t.getTypeName());
    }
    pkg.getEnumDeclarations().forEach(e -> declared.add(e.getTypeName()));
    Set<String> functions = new HashSet<>();
    pkg.getFunctions().forEach(f -> functions.add(f.getName()));
    pkg.getFunctionImports().forEach(f -> functions.add(FactTypes.simpleName(f.getTarget())));
    FactTypes types = new FactTypes(loader, pkg.getName() == null ? "" : pkg.getName(), imports, declared,
        functions);
    String packageStage = groupOf(pkg.getAttributes().stream()
        .collect(Collectors.toMap(AttributeDescr::getName, a -> a, (a, b) -> a)));
    Set<String> globals = new HashSet<>();
    pkg.getGlobals().forEach(g -> globals.add(g.getIdentifier()));
    TimeChecks.checkPackage(file, pkg);
    if (!trusted) {
      ReachChecks.check(file, pkg, types);
    }
    pkg.getRules().forEach(reads::declare);
    reads.scan(file, types);
    List<RuleSeen> seen = new ArrayList<>();
    for (RuleDescr rule : pkg.getRules()) {
      if (rule.isQuery()) {
        continue;
      }
      int before = file.reported;
      int line = Math.max(1, rule.getLine());
      int column = Math.max(0, rule.getColumn()) + 1;
      Optional<String> name = Optional.of(rule.getName());
      checkStage(file, rule, packageStage, line, column);
      String id = ruleId(rule).orElse(rule.getName());
      if (id.isBlank()) {
        file.problem(line, column, name, RuleProblem.Kind.OTHER, "@ruleId is empty; give the rule an id or drop "
            + "@ruleId to use its name");
      }
      Conditions.forEach(rule.getLhs(), d -> {
        if (d instanceof PatternDescr pattern) {
          checkPattern(file, types, rule, pattern);
        }
      });
      checkVariables(file, rule, globals);
      Optional<DateWindow> window = TimeChecks.checkRule(file, rule);
      WarningChecks.checkRule(file, rule, types);
      if (file.reported > before) {
        file.blankBlockAt(line);
      }
      seen.add(new RuleSeen(file, pkg.getName() == null ? "" : pkg.getName(), rule.getName(), id, line, column,
          window, site(file, rule, line, column)));
    }
    return seen;
  }

  /** Where {@code rule} and each of its conditions are, for the messages of a failed evaluation. */
  private static RuleSite site(SourceFile file, RuleDescr rule, int line, int column) {
    Map<String, String> conditions = new LinkedHashMap<>();
    Conditions.forEach(rule.getLhs(), descr -> {
      if (descr instanceof PatternDescr pattern) {
        for (BaseDescr constraint : pattern.getDescrs()) {
          if (constraint instanceof ExprConstraintDescr expr && expr.getExpression() != null) {
            int at = locate(file, expr, expr.getExpression());
            conditions.putIfAbsent(expr.getExpression().strip(),
                file.where(file.original.lineOf(at), file.original.columnOf(at)));
          }
        }
      } else if (descr instanceof EvalDescr eval) {
        int at = locate(file, eval, "eval");
        conditions.putIfAbsent("eval(" + String.valueOf(eval.getContent()).strip() + ")",
            file.where(file.original.lineOf(at), file.original.columnOf(at)));
      }
    });
    return new RuleSite(file.where(line, column), conditions);
  }

  /** The rule's {@code @ruleId}, without the quotes the executable model keeps. */
  static Optional<String> ruleId(RuleDescr rule) {
    AnnotationDescr annotation = rule.getAnnotation("ruleId");
    if (annotation == null) {
      return Optional.empty();
    }
    Object value = annotation.getSingleValue();
    return Optional.of(RuleIndex.unquote(value == null ? "" : value.toString()));
  }

  private static String groupOf(Map<String, AttributeDescr> attributes) {
    AttributeDescr group = attributes.get("ruleflow-group");
    if (group == null) {
      group = attributes.get("agenda-group");
    }
    return group == null ? null : RuleIndex.unquote(group.getValue());
  }

  private static void checkStage(SourceFile file, RuleDescr rule, String packageStage, int line, int column) {
    Map<String, AttributeDescr> attributes = rule.getAttributes();
    Optional<String> name = Optional.of(rule.getName());
    AttributeDescr flow = attributes.get("ruleflow-group");
    AttributeDescr agenda = attributes.get("agenda-group");
    if (flow != null && agenda != null
        && !RuleIndex.unquote(flow.getValue()).equals(RuleIndex.unquote(agenda.getValue()))) {
      file.problem(at(agenda, line), col(agenda, column), name, RuleProblem.Kind.STAGE, "names two stages, "
          + "agenda-group \"" + RuleIndex.unquote(agenda.getValue()) + "\" and ruleflow-group \""
          + RuleIndex.unquote(flow.getValue()) + "\"; keep one");
      return;
    }
    AttributeDescr given = flow != null ? flow : agenda;
    String group = given != null ? RuleIndex.unquote(given.getValue()) : packageStage;
    if (group == null) {
      file.problem(line, column, name, RuleProblem.Kind.STAGE, "names no stage; add ruleflow-group \"award\" "
          + "(or another stage; they run in this order: " + STAGE_LIST + ")");
    } else if (Stage.ofGroup(group).isEmpty()) {
      StringBuilder message = new StringBuilder("unknown stage \"").append(group).append("\"");
      Suggestions.closest(group, Stage.inOrder().stream().map(Stage::group).toList())
          .ifPresent(s -> message.append("; did you mean \"").append(s).append("\"?"));
      message.append(" Stages run in this order: ").append(STAGE_LIST);
      file.problem(given != null ? at(given, line) : line, given != null ? col(given, column) : column, name,
          RuleProblem.Kind.STAGE, message.toString());
    }
    AttributeDescr autoFocus = attributes.get("auto-focus");
    if (autoFocus != null && !"false".equals(RuleIndex.unquote(autoFocus.getValue()))) {
      int autoLine = at(autoFocus, line);
      int keyword = file.original.line(autoLine).indexOf("auto-focus");
      file.problem(autoLine, keyword >= 0 ? keyword + 1 : col(autoFocus, column), name, RuleProblem.Kind.STAGE,
          "auto-focus would let the rule fire outside its stage's turn; remove it");
    }
  }

  /**
   * A {@code $variable} a condition uses that no pattern of the rule binds: Drools reports it as an
   * expression it cannot analyse, without a line.
   */
  private static void checkVariables(SourceFile file, RuleDescr rule, Set<String> globals) {
    Optional<DrlText.Block> block = file.original.rule(rule.getName());
    if (block.isEmpty() || rule.getParentName() != null) {
      return; // a rule that extends another also sees the variables its parent binds
    }
    int from = file.original.offsetOf(block.get().firstLine());
    int to = rule.getConsequenceLine() > 0 ? file.original.offsetOf(rule.getConsequenceLine())
        : block.get().lastLine() < file.original.lineCount() ? file.original.offsetOf(block.get().lastLine() + 1)
        : file.original.text().length();
    String lhs = DrlBlanks.blank(file.original.text().substring(from, Math.max(from, to)));
    Set<String> bound = new HashSet<>(globals);
    Matcher binding = BOUND.matcher(lhs);
    while (binding.find()) {
      bound.add(binding.group(1));
    }
    Matcher used = VARIABLE.matcher(lhs);
    Set<String> reported = new HashSet<>();
    while (used.find()) {
      String name = used.group();
      if (!bound.contains(name) && reported.add(name)) {
        StringBuilder message = new StringBuilder("unknown variable ").append(name);
        Suggestions.closest(name, bound).ifPresent(s -> message.append(" (did you mean ").append(s).append("?)"));
        message.append("; bind it in a pattern of the rule before using it (").append(name)
            .append(" : field, or ").append(name).append(" : Fact(...))");
        file.problemAt(from + used.start(), Optional.of(rule.getName()), RuleProblem.Kind.UNKNOWN_VARIABLE,
            message.toString());
      }
    }
  }

  private static int at(BaseDescr descr, int otherwise) {
    return descr.getLine() > 0 ? descr.getLine() : otherwise;
  }

  private static int col(BaseDescr descr, int otherwise) {
    return descr.getLine() > 0 && descr.getColumn() >= 0 ? descr.getColumn() + 1 : otherwise;
  }

  private void checkPattern(SourceFile file, FactTypes types, RuleDescr rule, PatternDescr pattern) {
    String typeName = pattern.getObjectType();
    if (typeName == null || typeName.isBlank() || types.isDeclared(typeName)) {
      return;
    }
    Optional<String> ruleName = Optional.of(rule.getName());
    Optional<Class<?>> type = types.resolve(typeName);
    if (type.isEmpty()) {
      int offset = locate(file, pattern, typeName);
      file.problemAt(offset, ruleName, RuleProblem.Kind.UNKNOWN_TYPE, unknownType(typeName, types));
      return;
    }
    ConstraintChecker checker = new ConstraintChecker(types);
    for (BaseDescr constraint : pattern.getDescrs()) {
      if (!(constraint instanceof ExprConstraintDescr expr) || expr.getExpression() == null) {
        continue;
      }
      String expression = expr.getExpression();
      int start = locate(file, expr, expression);
      checker.check(expression, type.get(), (offset, kind, message) -> {
        if (kind == RuleProblem.Kind.DEPRECATED) {
          file.warningAt(start + offset, ruleName, kind, message);
        } else {
          file.problemAt(start + offset, ruleName, kind, message);
        }
      });
    }
  }

  /** The offset of {@code text} at or just after {@code descr}'s recorded start. */
  static int locate(SourceFile file, BaseDescr descr, String text) {
    String all = file.original.text();
    int hint = descr.getStartCharacter();
    if (hint < 0 && descr.getLine() > 0) {
      hint = file.original.offsetOf(descr.getLine()) + Math.max(0, descr.getColumn());
    }
    hint = Math.max(0, Math.min(hint, all.length()));
    int found = all.indexOf(text, hint);
    if (found >= 0 && file.original.lineOf(found) - file.original.lineOf(hint) <= 3) {
      return found;
    }
    return hint;
  }

  private static String unknownType(String name, FactTypes types) {
    Map<String, Class<?>> known = new LinkedHashMap<>();
    for (Class<?> c : Vocabulary.all()) {
      known.put(c.getSimpleName(), c);
    }
    StringBuilder message = new StringBuilder("unknown fact type '").append(name).append("'");
    Optional<String> suggestion = Suggestions.closest(FactTypes.simpleName(name), known.keySet());
    if (known.containsKey(name)) {
      message.append("; add: import ").append(known.get(name).getName()).append(";");
    } else if (suggestion.isPresent()) {
      Class<?> c = known.get(suggestion.get());
      message.append("; did you mean '").append(suggestion.get()).append("'?");
      if (types.resolve(suggestion.get()).isEmpty()) {
        message.append(" (import ").append(c.getName()).append(")");
      }
    } else {
      message.append("; import it, or check the spelling");
    }
    return message.toString();
  }

  private static void checkDuplicates(List<RuleSeen> seen) {
    Map<String, RuleSeen> byName = new LinkedHashMap<>();
    Map<String, RuleSeen> byId = new LinkedHashMap<>();
    for (RuleSeen rule : seen) {
      RuleSeen first = byName.putIfAbsent(rule.pkg() + "\u0000" + rule.name(), rule);
      if (first != null) {
        rule.file().problem(rule.line(), rule.column(), Optional.of(rule.name()), RuleProblem.Kind.DUPLICATE_RULE,
            "a rule with this name is already defined in package " + rule.pkg() + " at " + where(first)
                + "; rule names must be unique within a package");
        rule.file().blankBlockAt(rule.line());
        continue;
      }
      RuleSeen sameId = byId.putIfAbsent(rule.id(), rule);
      if (sameId != null) {
        rule.file().problem(rule.line(), rule.column(), Optional.of(rule.name()),
            RuleProblem.Kind.DUPLICATE_RULE_ID, "rule id \"" + rule.id() + "\" is already the id of rule \""
                + sameId.name() + "\" at " + where(sameId) + "; give each rule its own @ruleId");
      }
    }
  }

  private static String where(RuleSeen rule) {
    return rule.file().where(rule.line(), rule.column());
  }
}
