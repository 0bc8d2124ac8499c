package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.testing.ChannelFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Time in rules: a rule's date window follows the activity's own day in the program's time zone,
 * never the wall clock (a late activity earns under the terms of its day), and what would depend on
 * when the engine runs a rule is refused at compile time with the way to write a date window.
 */
class TimeInRulesTest {
  /** Five lines, so that every example's first rule starts on line 6. */
  private static final String HEAD = """
      package rules;
      import dev.loyalty.core.model.*;
      import dev.loyalty.core.activity.*;
      import dev.loyalty.rules.facts.*;

      """;
  private static DroolsRuleEngine dated;

  @BeforeAll
  static void compile() {
    dated = DroolsRuleEngine.of(RuleSet.always("dated", RuleSource.of("dated.drl", HEAD + """
        rule "december terms"
          @ruleId("december")
          ruleflow-group "award"
          date-effective "1-Dec-2026"
        when
          $sale : Sale( )
        then
          insert(PointsAward.of($sale.partner(), 5, "base", "December terms."));
        end

        rule "last century"
          @ruleId("old")
          ruleflow-group "award"
          date-expires "1-Jan-2000"
        when
          $sale : Sale( )
        then
          insert(PointsAward.of($sale.partner(), 7, "base", "Old terms."));
        end

        rule "next century"
          @ruleId("future")
          ruleflow-group "award"
          date-effective "2100-01-01"
          date-expires "2100-02-01"
        when
          $sale : Sale( )
        then
          insert(PointsAward.of($sale.partner(), 9, "base", "Future terms."));
        end
        """)));
  }

  /** The program's zone is Asia/Kolkata (UTC+5:30). */
  private static Instant kolkata(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ChannelFixture.ZONE).toInstant();
  }

  private static List<String> paidBy(Instant at) {
    return dated.evaluate(TestFacts.sale("100").at(at).facts()).awards().stream().map(a -> a.rule().ruleId()).toList();
  }

  @Test
  void aDateWindow_followsTheActivitysDayInTheProgramsZone_notTheWallClock() {
    assertThat(paidBy(kolkata("2026-07-15T10:00"))).isEmpty();
    assertThat(paidBy(kolkata("2026-11-30T23:59"))).isEmpty();
    assertThat(paidBy(kolkata("2026-12-01T00:01"))).containsExactly("december"); // 30 Nov in UTC
    assertThat(paidBy(kolkata("1999-12-31T23:59"))).containsExactly("old");
    assertThat(paidBy(kolkata("2000-01-01T00:00"))).isEmpty();
    assertThat(paidBy(kolkata("2100-01-31T12:00"))).containsExactly("december", "future");
    assertThat(paidBy(kolkata("2100-02-01T00:00"))).containsExactly("december");
  }

  @Test
  void aLateActivity_recordedInDecember_earnsUnderTheTermsOfItsJulyDay() {
    Instant july = kolkata("2026-07-15T10:00");
    ChannelFixture channel = new ChannelFixture(kolkata("2026-07-01T09:00"), TestFacts.withoutParameters(1000), dated);
    channel.clock.set(kolkata("2026-12-10T09:00"));

    Receipt late = channel.engine.record(ChannelFixture.sale("INV-JUL", ChannelFixture.DEALERS.get(0),
        Optional.empty(), july, "CAB-1", "cables", 1, "100"));
    Receipt onTime = channel.engine.record(ChannelFixture.sale("INV-DEC", ChannelFixture.DEALERS.get(0),
        Optional.empty(), kolkata("2026-12-09T10:00"), "CAB-1", "cables", 1, "100"));

    assertThat(late.awards()).isEmpty();
    assertThat(onTime.awards()).extracting(a -> a.rule().ruleId(), PostedAward::points)
        .containsExactly(tuple("december", 5L));
  }

  @Test
  void aDecisionTablesDateColumns_followTheActivitysDayToo() {
    RuleSource table = RuleSource.fromDecisionTable("launch.csv", """
        RuleSet,loyalty.launch
        Import,"dev.loyalty.core.activity.*, dev.loyalty.rules.facts.*"

        RuleTable Launch
        RULEFLOW-GROUP,METADATA,DATE-EFFECTIVE,DATE-EXPIRES,ACTION
        ,,,,
        ,"ruleId(""$param"")",,,"insert(PointsAward.of(new dev.loyalty.core.model.PartnerId(""dealer-a""), $param, ""launch"", ""Launch.""));"
        Stage,Rule id,From,Until,Points
        award,launch-week,1-Jul-2026,8-Jul-2026,10
        """.getBytes(StandardCharsets.UTF_8), DecisionTable.Format.CSV);
    DroolsRuleEngine engine = DroolsRuleEngine.of(RuleSet.always("t1", table));

    assertThat(engine.evaluate(TestFacts.sale("100").at(kolkata("2026-07-07T23:00")).facts()).awards())
        .extracting(a -> a.rule().ruleId(), Award::points).containsExactly(tuple("launch-week", 10L));
    assertThat(engine.evaluate(TestFacts.sale("100").at(kolkata("2026-07-08T00:10")).facts()).awards()).isEmpty();
  }

  private static List<String> problems(String drl) {
    return DroolsRuleEngine.validate(RuleSet.always("v1", RuleSource.of("points.drl", HEAD + drl))).stream()
        .map(RuleProblem::toString).toList();
  }

  private static final String HOW = "to apply a rule from or until a day, write date-effective \"1-Dec-2026\" or "
      + "date-expires \"1-Jan-2027\" on it (days in the program's time zone, compared with the activity's own day), "
      + "or install a rule set version effective from that date";

  @Test
  void timersDurationsAndCalendars_areRefused_withTheWayToWriteADateWindow() {
    assertThat(problems("""
        rule "later"
          ruleflow-group "award"
          timer (int: 1s)
        when
          Sale( )
        then
        end

        rule "longer"
          ruleflow-group "award"
          duration 1000
        when
          Sale( )
        then
        end

        rule "weekdays"
          ruleflow-group "award"
          calendars "weekdays"
        when
          Sale( )
        then
        end
        """)).containsExactly(
        "points.drl:8:3: rule \"later\": timer would fire the rule later, but an activity is evaluated once, at once, "
            + "and its evaluation never comes back for it; " + HOW,
        "points.drl:16:3: rule \"longer\": duration would fire the rule later, but an activity is evaluated once, at "
            + "once, and its evaluation never comes back for it; " + HOW,
        "points.drl:24:3: rule \"weekdays\": calendars are never registered with the engine's sessions, so the rule "
            + "would never fire; to pay on some days only, test the activity's occurredAt in a condition, or " + HOW);
  }

  @Test
  void temporalOperatorsWindowsAndEvents_areRefused() {
    assertThat(problems("""
        rule "after the partner"
          ruleflow-group "award"
        when
          $p : Partner( )
          Sale( this after[0s, 1d] $p )
        then
        end

        rule "recent sales"
          ruleflow-group "award"
        when
          Sale( ) over window:time( 30d )
        then
        end

        declare Visit
          @role(event)
          at : java.util.Date
        end
        """)).containsExactly(
        "points.drl:10:14: rule \"after the partner\": 'after' compares event times, but the engine's facts are not "
            + "events: an activity is evaluated alone, at its own time; compare its occurredAt (an Instant) with another "
            + "Instant, or " + HOW,
        "points.drl:17:16: rule \"recent sales\": window:time keeps the facts of a stretch of time, but an evaluation "
            + "sees one activity and the facts about it; use the figures (PartnerFigures, MemberFigures) for what "
            + "happened before, or " + HOW,
        "points.drl:22:3: type Visit is declared as an event (@role); an evaluation sees one "
            + "activity at one moment, not a stream of events: " + HOW);
  }

  @Test
  void aDateThatIsNoDay_orAWindowThatNeverOpens_isRefusedAtTheAttribute() {
    assertThat(problems("""
        rule "slash"
          ruleflow-group "award"
          date-effective "2026/12/01"
        when
          Sale( )
        then
        end

        rule "never"
          ruleflow-group "award"
          date-effective "1-Dec-2026"
          date-expires "1-Nov-2026"
        when
          Sale( )
        then
        end
        """)).containsExactly(
        "points.drl:8:3: rule \"slash\": date-effective \"2026/12/01\" is not a day; write it as 1-Dec-2026 or "
            + "2026-12-01 (a day in the program's time zone, compared with the activity's own day)",
        "points.drl:17:3: rule \"never\": date-expires 2026-11-01 is not after date-effective 2026-12-01, so the rule "
            + "would never apply; the rule applies to activities on or after date-effective and before date-expires");
  }

  @Test
  void aRefusedTimer_installsNothing() {
    DroolsRuleEngine engine = DroolsRuleEngine.of(RuleSet.always("v1", RuleSource.of("points.drl", HEAD + """
        rule "one"
          ruleflow-group "award"
        when
          $sale : Sale( )
        then
          insert(PointsAward.of($sale.partner(), 1, "base", "One."));
        end
        """)));

    assertThatThrownBy(() -> engine.install(RuleSet.always("v2", RuleSource.of("points.drl", HEAD + """
        rule "later"
          ruleflow-group "award"
          timer (int: 1s)
        when
          $sale : Sale( )
        then
          insert(PointsAward.of($sale.partner(), 2, "base", "Two."));
        end
        """)))).isInstanceOf(RuleCompilationException.class).hasMessageContaining("points.drl:8:3: rule \"later\": "
        + "timer would fire the rule later");
    assertThat(engine.ruleSets()).extracting(RuleSetInfo::version).containsExactly("v1");
    assertThat(engine.evaluate(TestFacts.sale("100").facts()).awards()).extracting(Award::points).containsExactly(1L);
  }
}
