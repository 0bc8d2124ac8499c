package dev.loyalty.rules;

import static dev.loyalty.rules.StampedRules.assertWhollyFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.testing.ChannelFixture;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Effective-dated rule sets: each activity is judged by the rules of its own day. */
class RuleVersionsTest {
  private static final Instant JAN = day(2026, 1, 1);
  private static final Instant JUL = day(2026, 7, 1);
  private static DroolsRuleEngine engine;

  private static Instant day(int year, int month, int day) {
    return LocalDate.of(year, month, day).atStartOfDay(ChannelFixture.ZONE).toInstant();
  }

  @BeforeAll
  static void installTwoVersions() {
    engine = DroolsRuleEngine.builder()
        .ruleSet(StampedRules.version("2026-h1", 1, JAN))
        .ruleSet(StampedRules.version("2026-h2", 2, JUL))
        .build();
  }

  @Test
  void anActivityIsEvaluatedByTheRuleSetInForceAtItsOccurredAt() {
    assertWhollyFrom(engine.evaluate(TestFacts.sale("100").at(day(2026, 3, 10)).facts()), "2026-h1", 1);
    assertWhollyFrom(engine.evaluate(TestFacts.sale("100").at(day(2026, 8, 10)).facts()), "2026-h2", 2);
  }

  @Test
  void theBoundaryInstantBelongsToTheNewVersion() {
    assertWhollyFrom(engine.evaluate(TestFacts.sale("100").at(JUL.minusNanos(1)).facts()), "2026-h1", 1);
    assertWhollyFrom(engine.evaluate(TestFacts.sale("100").at(JUL).facts()), "2026-h2", 2);
    assertThat(engine.versionAt(JUL.minusSeconds(1))).contains("2026-h1");
    assertThat(engine.versionAt(JUL)).contains("2026-h2");
  }

  @Test
  void anActivityBeforeEveryRuleSet_isRefusedWithTheEarliestDate() {
    assertThatThrownBy(() -> engine.evaluate(TestFacts.sale("100").at(day(2025, 12, 31)).facts()))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessage("no rule set is in force at 2025-12-30T18:30:00Z for sale inv-1; the earliest, 2026-h1, applies "
            + "from 2025-12-31T18:30:00Z");
    assertThat(engine.versionAt(day(2025, 12, 31))).isEmpty();
  }

  @Test
  void theInstalledRuleSetsAreListedWithTheirRules() {
    assertThat(engine.ruleSets()).containsExactly(
        new RuleSetInfo("2026-h1", JAN, List.of("base", "bonus", "double", "stamp")),
        new RuleSetInfo("2026-h2", JUL, List.of("base", "bonus", "double", "stamp")));
  }

  @Test
  void aVersionNameIsNotReusedForAnotherDate() {
    assertThatThrownBy(() -> engine.install(StampedRules.version("2026-h1", 9, day(2026, 4, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rule set version 2026-h1 is already installed, effective from 2025-12-31T18:30:00Z; give the new "
            + "rule set a new version");
  }

  @Test
  void aRuleSetWithTheSameEffectiveDate_replacesTheInstalledOne() {
    DroolsRuleEngine own = DroolsRuleEngine.of(StampedRules.version("a", 1, JAN), StampedRules.version("b", 2, JUL));

    own.install(StampedRules.version("b-fixed", 3, JUL));

    assertThat(own.ruleSets()).extracting(RuleSetInfo::version).containsExactly("a", "b-fixed");
    assertWhollyFrom(own.evaluate(TestFacts.sale("100").at(day(2026, 8, 1)).facts()), "b-fixed", 3);
    assertWhollyFrom(own.evaluate(TestFacts.sale("100").at(day(2026, 2, 1)).facts()), "a", 1);
  }

  @Test
  void aLateActivityRecordedThroughTheEngine_earnsByTheRulesOfItsDay() {
    Instant july5 = LocalDateTime.parse("2026-07-05T10:00").atZone(ChannelFixture.ZONE).toInstant();
    ChannelFixture f = new ChannelFixture(july5, TestFacts.withoutParameters(300), engine);
    Instant june30 = LocalDateTime.parse("2026-06-30T18:00").atZone(ChannelFixture.ZONE).toInstant();
    Sale late = new Sale(new ActivityHeader(ActivityId.of("INV-LATE"), TestFacts.DEALER, Optional.empty(), june30),
        ChannelFixture.INR, List.of(InvoiceLine.of("CAB-1", "cables", 1, "100")));
    Sale onTime = new Sale(new ActivityHeader(ActivityId.of("INV-NOW"), TestFacts.DEALER, Optional.empty(), july5),
        ChannelFixture.INR, List.of(InvoiceLine.of("CAB-1", "cables", 1, "100")));

    Receipt lateReceipt = f.engine.record(late);
    Receipt nowReceipt = f.engine.record(onTime);

    assertThat(lateReceipt.awards()).extracting(PostedAward::points).containsExactly(2L, 10L);
    assertThat(lateReceipt.awards()).allSatisfy(a -> assertThat(a.rule().version()).isEqualTo("2026-h1"));
    assertThat(nowReceipt.awards()).extracting(PostedAward::points).containsExactly(4L, 20L);
    assertThat(nowReceipt.awards()).allSatisfy(a -> assertThat(a.rule().version()).isEqualTo("2026-h2"));
    assertThat(f.engine.balance(TestFacts.DEALER).posted()).isEqualTo(36);
  }
}
