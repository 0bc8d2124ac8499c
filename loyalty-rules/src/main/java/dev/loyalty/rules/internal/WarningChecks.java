package dev.loyalty.rules.internal;

import dev.loyalty.rules.RuleProblem;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * What Drools only logs about a rule that compiles (at WARN, once per JVM for some, and never to
 * the author), found here instead so that it comes back in the compile result at file:line:column:
 * an {@code eval} that reads variables of other patterns, a condition that makes its pattern class
 * reactive, and the keywords Drools 10 deprecates ({@code agenda-group}, a half constraint).
 * Stateless.
 */
final class WarningChecks {
  private static final Pattern VARIABLE = Pattern.compile("\\$[A-Za-z0-9_$]*");
  private static final Pattern BOUND = Pattern.compile("(\\$[A-Za-z0-9_$]*)\\s*:(?![:=])");
  private static final Pattern NAME = Pattern.compile("(?<![\\w$.])([A-Za-z_][\\w]*)(?!\\s*\\()(?![\\w$])");
  private static final Set<String> WORDS = Set.of("this", "null", "true", "false", "new", "not", "in", "contains",
      "memberOf", "matches", "soundslike", "str", "excludes", "instanceof");

  private WarningChecks() {
  }

  static void checkRule(SourceFile file, RuleDescr rule, FactTypes types) {
    AttributeDescr agenda = rule.getAttributes().get("agenda-group");
    if (agenda != null) {
      int line = agenda.getLine() > 0 ? agenda.getLine() : Math.max(1, rule.getLine());
      int at = file.original.line(line).indexOf("agenda-group");
      file.warning(line, at >= 0 ? at + 1 : 1, Optional.of(rule.getName()), RuleProblem.Kind.DEPRECATED,
          "agenda-group is deprecated in Drools 10, which logs a warning for it on every build; write "
              + "ruleflow-group \"" + RuleIndex.unquote(agenda.getValue()) + "\", which works the same");
    }
    check(file, rule, types, rule.getLhs());
  }

  private static void check(SourceFile file, RuleDescr rule, FactTypes types, BaseDescr lhs) {
    Conditions.forEach(lhs, descr -> {
      if (descr instanceof EvalDescr eval) {
        String code = String.valueOf(eval.getContent());
        Set<String> used = variables(DrlBlanks.blank(code));
        if (!used.isEmpty()) {
          int at = DrlChecker.locate(file, eval, "eval");
          file.warningAt(at, Optional.of(rule.getName()), RuleProblem.Kind.PERFORMANCE, "eval(" + code.strip()
              + ") reads " + String.join(", ", used) + " of other patterns: Drools tests it for every combination "
              + "of the facts before it and logs that eval is not performance-efficient; test it in the pattern "
              + "whose fields it reads, or bind what it computes with from ($n : Long( this > 0 ) from ...)");
        }
      } else if (descr instanceof PatternDescr pattern) {
        checkPattern(file, rule, types, pattern);
      }
    });
  }

  /**
   * A condition that reads variables bound in other patterns and no field of its own pattern: Drools
   * cannot tell which changes of the fact concern it, so it re-tests it on any change ("class
   * reactivity") and logs a warning.
   */
  private static void checkPattern(SourceFile file, RuleDescr rule, FactTypes types, PatternDescr pattern) {
    if (pattern.getObjectType() == null || types.isDeclared(pattern.getObjectType())) {
      return;
    }
    Optional<Class<?>> type = types.resolve(pattern.getObjectType());
    if (type.isEmpty()) {
      return;
    }
    Set<String> local = new HashSet<>();
    if (pattern.getIdentifier() != null) {
      local.add(pattern.getIdentifier());
    }
    for (BaseDescr constraint : pattern.getDescrs()) {
      if (constraint instanceof ExprConstraintDescr expr && expr.getExpression() != null) {
        Matcher bound = BOUND.matcher(DrlBlanks.blank(expr.getExpression()));
        while (bound.find()) {
          local.add(bound.group(1));
        }
      }
    }
    for (BaseDescr constraint : pattern.getDescrs()) {
      if (!(constraint instanceof ExprConstraintDescr expr) || expr.getExpression() == null) {
        continue;
      }
      String expression = expr.getExpression();
      String code = DrlBlanks.blank(expression);
      for (int[] part : ConstraintChecker.parts(expression)) {
        String text = code.substring(part[0], part[1]);
        Set<String> outside = variables(text);
        outside.removeAll(local);
        if (outside.isEmpty() || readsAField(text, type.get())) {
          continue;
        }
        int at = DrlChecker.locate(file, expr, expression) + part[0] + (text.length() - text.stripLeading().length());
        file.warningAt(at, Optional.of(rule.getName()), RuleProblem.Kind.PERFORMANCE, "'"
            + expression.substring(part[0], part[1]).strip() + "' reads " + String.join(", ", outside)
            + " of another pattern and no field of " + type.get().getSimpleName() + ", so Drools re-tests it on "
            + "any change of the fact and logs that it causes class reactivity; test it with from instead "
            + "(Boolean( booleanValue ) from $fact.method(" + outside.iterator().next() + "))");
      }
    }
  }

  /**
   * Half constraints ({@code total.amount > 100 && < 1000000}): deprecated in Drools 10, which logs a
   * warning for each on every build.
   */
  static String halfConstraint(String path) {
    return "a condition without its left side ('&& < ...') is deprecated in Drools 10, which logs a warning for it "
        + "on every build; write the field again: " + path + " > ... && " + path + " < ...";
  }

  private static boolean readsAField(String text, Class<?> type) {
    Matcher name = NAME.matcher(text);
    while (name.find()) {
      String word = name.group(1);
      if (word.equals("this")) {
        return true;
      }
      if (!WORDS.contains(word) && FactTypes.property(type, word).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> variables(String code) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(code);
    while (m.find()) {
      if (m.group().length() > 1) {
        found.add(m.group());
      }
    }
    return found;
  }
}
