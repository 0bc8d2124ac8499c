package dev.loyalty.rules.internal;

import dev.loyalty.core.json.internal.Suggestions;
import dev.loyalty.rules.RuleProblem;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks one condition of a pattern ({@code total.amount > "abc"}) against the fact's Java type:
 * every field and method on the left-hand path must exist, and a comparison with a literal must
 * compare like with like. The executable model reports these badly (line -1, generated code, or an
 * exception), so they are found here first, with the author's names and positions.
 *
 * <p>The check is deliberately conservative: anything it does not understand (arithmetic, casts,
 * variables, functions) it leaves to Drools.
 */
final class ConstraintChecker {
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Pattern BINDING = Pattern.compile("\\$?[A-Za-z_][A-Za-z0-9_]*\\s*:(?![:=])");
  private static final Pattern OPERATOR = Pattern.compile("==|!=|<=|>=|<|>");
  private static final Pattern LITERAL = Pattern.compile(
      "(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')|(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[BbIiLlDdFf]?)"
          + "|(true|false)|(null)");
  private static final Set<String> KEYWORDS = Set.of("this", "null", "true", "false", "new", "not", "in", "eval");
  private static final int MAX_LISTED = 25;

  /** Reports a problem (or, of kind DEPRECATED, a warning) at an offset of the constraint text. */
  interface Sink {
    void report(int offsetInExpression, RuleProblem.Kind kind, String message);
  }

  private final FactTypes types;

  ConstraintChecker(FactTypes types) {
    this.types = types;
  }

  /** Checks {@code expression}, a condition on facts of {@code type}. */
  void check(String expression, Class<?> type, Sink sink) {
    Type previousLeft = null;
    String previousPath = null;
    for (int[] part : parts(expression)) {
      String text = expression.substring(part[0], part[1]);
      Left left = checkPart(text, part[0], type, previousLeft, previousPath, sink);
      previousLeft = left == null ? null : left.type;
      previousPath = left == null ? null : left.path;
    }
  }

  private record Left(Type type, String path) {
  }

  /** Checks one comparison; returns its left side's type for an implicit left in the next part. */
  private Left checkPart(String text, int base, Class<?> type, Type previousLeft, String previousPath, Sink sink) {
    int p = skipSpace(text, 0);
    if (p < text.length() && text.charAt(p) == '!' && !text.startsWith("!=", p)) {
      p = skipSpace(text, p + 1);
    }
    Matcher binding = BINDING.matcher(text).region(p, text.length());
    if (binding.lookingAt()) {
      p = skipSpace(text, binding.end());
    }
    Matcher op = OPERATOR.matcher(text).region(p, text.length());
    if (op.lookingAt()) {
      // "amount > 100 && < 500": the second part compares the first part's field
      sink.report(base + p, RuleProblem.Kind.DEPRECATED,
          WarningChecks.halfConstraint(previousPath != null ? previousPath : "field"));
      if (previousLeft != null) {
        checkLiteral(text, base, p, previousLeft, previousPath, op, sink);
      }
      return previousLeft == null ? null : new Left(previousLeft, previousPath);
    }
    Matcher ident = IDENT.matcher(text).region(p, text.length());
    if (!ident.lookingAt()) {
      return null;
    }
    String first = ident.group();
    if (first.startsWith("$") || KEYWORDS.contains(first) || types.isFunction(first)
        || (Character.isUpperCase(first.charAt(0)) && types.resolve(first).isPresent())) {
      return null;
    }
    int pathStart = p;
    Class<?> current = type;
    Type currentType = type;
    while (true) {
      ident = IDENT.matcher(text).region(p, text.length());
      if (!ident.lookingAt()) {
        return null;
      }
      String name = ident.group();
      int nameAt = p;
      p = ident.end();
      if (p < text.length() && text.charAt(p) == '(') {
        List<Method> methods = FactTypes.methods(current, name);
        if (methods.isEmpty()) {
          sink.report(base + nameAt, RuleProblem.Kind.UNKNOWN_FIELD, unknown("method", name + "()", current));
          return null;
        }
        p = skipBalanced(text, p, '(', ')');
        if (p < 0) {
          return null;
        }
        Set<Class<?>> returns = methods.stream().map(Method::getReturnType).collect(Collectors.toSet());
        if (returns.size() != 1) {
          return null;
        }
        currentType = methods.get(0).getGenericReturnType();
      } else {
        Optional<FactTypes.Property> property = FactTypes.property(current, name);
        if (property.isEmpty()) {
          sink.report(base + nameAt, RuleProblem.Kind.UNKNOWN_FIELD, unknown("field", name, current));
          return null;
        }
        currentType = property.get().type();
      }
      while (p < text.length() && text.charAt(p) == '[') {
        p = skipBalanced(text, p, '[', ']');
        Optional<Type> element = FactTypes.elementType(currentType);
        if (p < 0 || element.isEmpty()) {
          return null;
        }
        currentType = element.get();
      }
      current = FactTypes.rawClass(currentType);
      if (text.startsWith(".", p)) {
        p++;
      } else if (text.startsWith("!.", p) || text.startsWith("?.", p)) {
        p += 2;
      } else {
        break;
      }
    }
    String path = text.substring(pathStart, p).strip();
    p = skipSpace(text, p);
    op = OPERATOR.matcher(text).region(p, text.length());
    if (op.lookingAt()) {
      checkLiteral(text, base, pathStart, currentType, path, op, sink);
    }
    return new Left(currentType, path);
  }

  private void checkLiteral(String text, int base, int reportAt, Type left, String path, Matcher op, Sink sink) {
    int p = skipSpace(text, op.end());
    Matcher literal = LITERAL.matcher(text).region(p, text.length());
    if (!literal.lookingAt() || skipSpace(text, literal.end()) != text.length()) {
      return;
    }
    if (literal.group(4) != null) {
      return; // comparing with null is fine for any object
    }
    String kind = literal.group(1) != null ? "text" : literal.group(2) != null ? "number" : "boolean";
    String shown = literal.group();
    Class<?> raw = FactTypes.rawClass(left);
    String problem = mismatch(raw, kind, shown, path);
    if (problem != null) {
      sink.report(base + reportAt, RuleProblem.Kind.TYPE_MISMATCH, problem);
    }
  }

  private static String mismatch(Class<?> raw, String kind, String literal, String path) {
    String compared = "the " + kind + " " + literal;
    if (isNumber(raw)) {
      if (kind.equals("number")) {
        return null;
      }
      return "'" + path + "' is a number (" + raw.getSimpleName() + ") but is compared with " + compared
          + (kind.equals("text") ? "; write the number without quotes" : "");
    }
    if (raw == String.class || raw == char.class || raw == Character.class) {
      if (kind.equals("text")) {
        return null;
      }
      return "'" + path + "' is text (" + raw.getSimpleName() + ") but is compared with " + compared
          + (kind.equals("number") ? "; put it in quotes (\"" + literal + "\") to compare text" : "");
    }
    if (raw == boolean.class || raw == Boolean.class) {
      if (kind.equals("boolean")) {
        return null;
      }
      return "'" + path + "' is true or false but is compared with " + compared + "; compare with true or false";
    }
    if (raw.isEnum()) {
      String constants = Arrays.stream(raw.getEnumConstants()).map(c -> raw.getSimpleName() + "." + c)
          .collect(Collectors.joining(", "));
      return "'" + path + "' is " + article(raw.getSimpleName()) + " but is compared with " + compared
          + "; compare with one of its constants: " + constants;
    }
    if (raw == java.time.LocalDate.class || raw == java.time.LocalDateTime.class
        || java.util.Date.class.isAssignableFrom(raw)) {
      // Drools reads a day in quotes in its own form only; any other form fails in its generated code
      if (!kind.equals("text")) {
        return "'" + path + "' is " + article(raw.getSimpleName()) + " but is compared with " + compared
            + "; write the day in quotes, as \"1-Dec-2026\"";
      }
      return TimeChecks.isDroolsDay(literal.substring(1, literal.length() - 1)) ? null : "'" + path + "' is "
          + article(raw.getSimpleName()) + "; Drools reads a day in quotes only as \"1-Dec-2026\", not " + literal;
    }
    if (java.time.temporal.Temporal.class.isAssignableFrom(raw)) {
      return "'" + path + "' is " + article(raw.getSimpleName()) + ", which cannot be compared with " + compared
          + (raw == java.time.Instant.class ? "; compare it with another Instant, or " + TimeChecks.HOW
          : "; compare it with another " + raw.getSimpleName());
    }
    if (raw == Object.class || raw.isInterface() && !raw.getName().startsWith("dev.loyalty.")) {
      return null; // unknown types are left to Drools
    }
    return "'" + path + "' is " + article(raw.getSimpleName()) + ", which cannot be compared with " + compared
        + "; compare one of its fields: " + String.join(", ", FactTypes.propertyNames(raw));
  }

  private static String article(String noun) {
    return ("AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private static boolean isNumber(Class<?> raw) {
    return raw == int.class || raw == long.class || raw == short.class || raw == byte.class || raw == double.class
        || raw == float.class || Number.class.isAssignableFrom(raw) || raw == BigDecimal.class
        || raw == BigInteger.class;
  }

  private static String unknown(String what, String name, Class<?> type) {
    String owner = type.getSimpleName();
    List<String> names = new ArrayList<>(FactTypes.propertyNames(type));
    String plain = name.endsWith("()") ? name.substring(0, name.length() - 2) : name;
    List<String> candidates = new ArrayList<>(names);
    if (what.equals("method")) {
      Arrays.stream(type.getMethods()).map(Method::getName).forEach(candidates::add);
    }
    StringBuilder message = new StringBuilder(owner).append(" has no ").append(what).append(" '").append(name)
        .append("'");
    Suggestions.closest(plain, candidates).ifPresent(s -> message.append("; did you mean '").append(s)
        .append(what.equals("method") ? "()" : "").append("'?"));
    boolean suggested = message.toString().endsWith("?");
    if (!type.getName().startsWith("java.") && !names.isEmpty()) {
      message.append(suggested ? " " : ". ").append("Fields of ").append(owner).append(": ")
          .append(names.stream().limit(MAX_LISTED).collect(Collectors.joining(", ")))
          .append(names.size() > MAX_LISTED ? ", ..." : "");
    }
    return message.toString();
  }

  /** Top-level parts split at {@code &&} and {@code ||}: [start, end) offsets. */
  static List<int[]> parts(String expression) {
    String code = DrlBlanks.blank(expression);
    List<int[]> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && (code.startsWith("&&", i) || code.startsWith("||", i))) {
        parts.add(new int[] {start, i});
        start = i + 2;
        i++;
      }
    }
    parts.add(new int[] {start, code.length()});
    return parts;
  }

  private static int skipSpace(String text, int p) {
    while (p < text.length() && Character.isWhitespace(text.charAt(p))) {
      p++;
    }
    return p;
  }

  /** The offset after the bracket closing the one at {@code p}, or -1. */
  private static int skipBalanced(String text, int p, char open, char close) {
    String code = DrlBlanks.blank(text);
    int depth = 0;
    for (int i = p; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }
}
