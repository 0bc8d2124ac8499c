package dev.loyalty.rules.internal;

import dev.loyalty.rules.RuleProblem;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BehaviorDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;

/**
 * Time in rules: everything a rule decides is judged by the activity's own date, never by when the
 * engine happens to run it (a late activity earns under the terms of its day).
 *
 * <ul>
 *   <li>{@code date-effective} and {@code date-expires} are days in the program's time zone,
 *       compared with the activity's day: the engine reads them here, takes them out of the text
 *       Drools compiles (Drools would compare them with its session clock, in the JVM's time zone
 *       and language) and applies them itself ({@link DateWindow}).
 *   <li>{@code timer}, {@code duration} and {@code calendars} are refused: a timer fires later, but
 *       an activity is evaluated once, at once; calendars are never registered with a session.
 *   <li>Temporal operators ({@code after}, {@code before}, ...), {@code window:time} and event
 *       declarations ({@code @role(event)}) are refused: an evaluation sees one activity at one
 *       moment, not a stream of timestamped events.
 * </ul>
 *
 * Every refusal says how to write a date window instead. Stateless.
 */
final class TimeChecks {
  static final String HOW = "to apply a rule from or until a day, write date-effective \"1-Dec-2026\" or "
      + "date-expires \"1-Jan-2027\" on it (days in the program's time zone, compared with the activity's own "
      + "day), or install a rule set version effective from that date";
  private static final Pattern TEMPORAL = Pattern.compile("(?<![.\\w$])(not\\s+)?(after|before|coincides|during"
      + "|finishes|finishedby|includes|meets|metby|overlaps|overlappedby|starts|startedby)(?![\\w$])"
      + "(?=\\s*(\\[|\\$|[A-Za-z_(]))");
  private static final DateTimeFormatter DROOLS_DAY = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendPattern("d-MMM-uuuu").toFormatter(Locale.ENGLISH);
  private static final Set<String> LATER = Set.of("timer", "duration");

  private TimeChecks() {
  }

  /** Refuses the time attributes of a whole package (a file), which would apply to every rule unseen. */
  static void checkPackage(SourceFile file, PackageDescr pkg) {
    for (AttributeDescr attribute : pkg.getAttributes()) {
      String name = attribute.getName();
      if (name.startsWith("date-") || LATER.contains(name) || name.equals("calendars")) {
        file.problem(Math.max(1, attribute.getLine()), Math.max(0, attribute.getColumn()) + 1, Optional.empty(),
            RuleProblem.Kind.TIME, name + " for a whole file is not supported; write it on each rule it is for");
      }
    }
    for (TypeDeclarationDescr type : pkg.getTypeDeclarations()) {
      for (String annotation : List.of("role", "timestamp", "expires", "duration")) {
        AnnotationDescr a = type.getAnnotation(annotation);
        if (a != null) {
          file.problemAt(locate(file, type, "@" + annotation), Optional.empty(), RuleProblem.Kind.TIME, "type " + type.getTypeName() + " is declared as an event (@" + annotation
                + "); an evaluation sees one activity at one moment, not a stream of events: " + HOW);
          break;
        }
      }
    }
  }

  /**
   * Checks {@code rule}'s time attributes and conditions; returns its date window (and takes the
   * date attributes out of the text Drools compiles), if it has one and it is well formed.
   */
  static Optional<DateWindow> checkRule(SourceFile file, RuleDescr rule) {
    Optional<String> name = Optional.of(rule.getName());
    Map<String, AttributeDescr> attributes = rule.getAttributes();
    for (String later : LATER) {
      AttributeDescr a = attributes.get(later);
      if (a != null) {
        report(file, rule, a, later + " would fire the rule later, but an activity is evaluated once, at once, "
            + "and its evaluation never comes back for it; " + HOW);
      }
    }
    AttributeDescr calendars = attributes.get("calendars");
    if (calendars != null) {
      report(file, rule, calendars, "calendars are never registered with the engine's sessions, so the rule would "
          + "never fire; to pay on some days only, test the activity's occurredAt in a condition, or " + HOW);
    }
    checkConditions(file, rule, rule.getLhs());
    Optional<LocalDate> from = day(file, rule, attributes.get("date-effective"));
    Optional<LocalDate> until = day(file, rule, attributes.get("date-expires"));
    if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
      report(file, rule, attributes.get("date-expires"), "date-expires " + until.get() + " is not after "
          + "date-effective " + from.get() + ", so the rule would never apply; the rule applies to activities "
          + "on or after date-effective and before date-expires");
      return Optional.empty();
    }
    if (from.isEmpty() && until.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DateWindow(from, until));
  }

  private static Optional<LocalDate> day(SourceFile file, RuleDescr rule, AttributeDescr attribute) {
    if (attribute == null) {
      return Optional.empty();
    }
    String value = RuleIndex.unquote(attribute.getValue());
    Optional<LocalDate> day = parse(value);
    if (day.isEmpty()) {
      report(file, rule, attribute, attribute.getName() + " \"" + value + "\" is not a day; write it as 1-Dec-2026 "
          + "or 2026-12-01 (a day in the program's time zone, compared with the activity's own day)");
      return Optional.empty();
    }
    // The engine applies it by the activity's day: Drools must not compare it with its own clock.
    int line = Math.max(1, attribute.getLine());
    String text = file.current.line(line);
    int keyword = text.indexOf(attribute.getName());
    int end = keyword < 0 ? -1 : text.indexOf(value, keyword);
    if (keyword >= 0 && end >= 0) {
      int close = end + value.length();
      close = close < text.length() && (text.charAt(close) == '"' || text.charAt(close) == '\'') ? close + 1 : close;
      file.blank(file.current.offsetOf(line) + keyword, close - keyword);
    } else {
      report(file, rule, attribute, attribute.getName() + " must be written on one line with its day, as "
          + attribute.getName() + " \"1-Dec-2026\"");
      return Optional.empty();
    }
    return day;
  }

  /** Whether {@code value} is a day in Drools' own form, {@code 1-Dec-2026} (in English). */
  static boolean isDroolsDay(String value) {
    try {
      LocalDate.parse(value.strip(), DROOLS_DAY);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** {@code 1-Dec-2026} (Drools' own form, in English) or {@code 2026-12-01}. */
  static Optional<LocalDate> parse(String value) {
    for (DateTimeFormatter format : new DateTimeFormatter[] {DROOLS_DAY, DateTimeFormatter.ISO_LOCAL_DATE}) {
      try {
        return Optional.of(LocalDate.parse(value.strip(), format));
      } catch (DateTimeParseException e) {
        // the other form
      }
    }
    return Optional.empty();
  }

  private static void checkConditions(SourceFile file, RuleDescr rule, BaseDescr lhs) {
    Conditions.forEach(lhs, descr -> {
      if (!(descr instanceof PatternDescr pattern)) {
        return;
      }
      for (BehaviorDescr behavior : pattern.getBehaviors()) {
        if ("time".equalsIgnoreCase(behavior.getSubType())) {
          file.problemAt(locate(file, pattern, "window:time"), Optional.of(rule.getName()), RuleProblem.Kind.TIME,
              "window:time keeps the facts of a stretch of time, but an evaluation sees one activity and the facts "
                  + "about it; use the figures (PartnerFigures, MemberFigures) for what happened before, or " + HOW);
        }
      }
      for (BaseDescr constraint : pattern.getDescrs()) {
        if (constraint instanceof ExprConstraintDescr expr && expr.getExpression() != null) {
          Matcher m = TEMPORAL.matcher(DrlBlanks.blank(expr.getExpression()));
          if (m.find()) {
            int at = locate(file, expr, expr.getExpression()) + m.start(2);
            file.problemAt(at, Optional.of(rule.getName()), RuleProblem.Kind.TIME, "'" + m.group(2)
                + "' compares event times, but the engine's facts are not events: an activity is evaluated alone, "
                + "at its own time; compare its occurredAt (an Instant) with another Instant, or " + HOW);
          }
        }
      }
    });
  }

  private static void report(SourceFile file, RuleDescr rule, AttributeDescr attribute, String message) {
    int line = attribute.getLine() > 0 ? attribute.getLine() : Math.max(1, rule.getLine());
    int keyword = file.original.line(line).indexOf(attribute.getName());
    file.problem(line, keyword >= 0 ? keyword + 1 : Math.max(0, attribute.getColumn()) + 1,
        Optional.of(rule.getName()), RuleProblem.Kind.TIME, message);
  }

  /** The offset of {@code text} at or after {@code descr}'s start (its start if not found nearby). */
  private static int locate(SourceFile file, BaseDescr descr, String text) {
    return DrlChecker.locate(file, descr, text);
  }
}
