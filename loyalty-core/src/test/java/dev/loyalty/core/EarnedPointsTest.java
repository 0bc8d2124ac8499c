package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.reviewer;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static dev.loyalty.core.testing.ChannelFixture.saleReturn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.EarnedPoints;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.ForwardingPerformanceStore;
import dev.loyalty.core.testing.MonthlyCapRules;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The points the engine keeps per participant and period, per rule and campaign, and what rules see
 * of them: posted and held points count, rejected and returned ones no longer do (in the period they
 * were earned in), blocked and refused activities count nothing, a late activity sees its own
 * periods, and a repeat or a recovery counts nothing twice. With a plain-Java rule engine.
 */
class EarnedPointsTest {
  private static final PartnerId DEALER = DEALERS.get(0);
  private static final MemberId REP = rep(DEALER, 1);
  private static final Instant NOW = at("2026-12-01T09:00");

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(ZONE).toInstant();
  }

  private static Sale invoice(String id, String when, long units, String price) {
    return sale(id, DEALER, Optional.of(REP), at(when), "CAB-25", "cables", units, price);
  }

  private static long month(ChannelFixture f, ParticipantId who, String day) {
    return f.engine.earned(who, at(day + "T12:00")).inMonth(MonthlyCapRules.RULE);
  }

  /** The facts each evaluation was given, in order. */
  private static final class Recording implements RuleEngine {
    final RuleEngine rules;
    final List<RuleFacts> facts = new ArrayList<>();

    Recording(RuleEngine rules) {
      this.rules = rules;
    }

    @Override
    public RuleOutcome evaluate(RuleFacts f) {
      facts.add(f);
      return rules.evaluate(f);
    }
  }

  @Test
  void rulesSeeWhatWasEarnedBeforeTheActivity_inItsOwnDayMonthQuarterAndYear() {
    Recording rules = new Recording(new MonthlyCapRules(10_000));
    ChannelFixture f = new ChannelFixture(NOW, ChannelFixture.program(300), rules);
    f.engine.record(invoice("jul-1", "2026-07-02T10:00", 10, "1000"));   // 100: 70 + 30
    f.engine.record(invoice("jul-2", "2026-07-20T10:00", 10, "500"));    // 50: 35 + 15
    f.engine.record(invoice("oct-1", "2026-10-02T10:00", 10, "800"));    // 80: 56 + 24

    f.engine.record(invoice("jul-late", "2026-07-02T18:00", 1, "100"));
    EarnedPoints partner = rules.facts.get(3).partnerEarned();
    assertThat(partner.participant()).isEqualTo(DEALER);
    assertThat(partner.inDay("base")).isEqualTo(100);
    assertThat(partner.inMonth("base")).isEqualTo(150);   // the organisation's: the rep's share included
    assertThat(partner.inQuarter("base")).isEqualTo(150);
    assertThat(partner.inYear("base")).isEqualTo(230);
    assertThat(partner.period(EarningPeriod.Kind.MONTH).label()).isEqualTo("2026-07");
    EarnedPoints member = rules.facts.get(3).memberEarned().orElseThrow();
    assertThat(member.participant()).isEqualTo(REP);
    assertThat(member.inMonth("base")).isEqualTo(45);
    assertThat(member.inYear("base")).isEqualTo(69);
    // the first activity saw nothing; facts are as they stood before the activity
    assertThat(rules.facts.get(0).partnerEarned().inYear("base")).isZero();
    assertThat(f.engine.earned(DEALER, at("2026-07-02T19:00")).inDay("base")).isEqualTo(101);
  }

  @Test
  void campaignPointsCountUnderTheirRuleAndTheirCampaign() {
    ChannelFixture f = new ChannelFixture(NOW, ChannelFixture.program(1_000_000), new SampleRules());
    Receipt r = f.engine.record(sale("jul-1", DEALER, Optional.empty(), at("2026-07-02T10:00"), "CAB-25", "cables", 10,
        "1000"));
    long campaign = r.awards().stream().filter(a -> a.campaign().isPresent()).mapToLong(PostedAward::points).sum();
    assertThat(campaign).isPositive();
    EarnedPoints earned = f.engine.earned(DEALER, at("2026-07-31T10:00"));
    assertThat(earned.inMonthByCampaign(CampaignId.of("monsoon"))).isEqualTo(campaign);
    r.awards().forEach(a -> assertThat(earned.inMonth(a.rule().ruleId())).as(a.rule().ruleId())
        .isEqualTo(r.awards().stream().filter(b -> b.rule().equals(a.rule())).mapToLong(PostedAward::points).sum()));
  }

  @Test
  void aMonthlyCapWrittenInJavaIsReachedExactly() {
    ChannelFixture f = new ChannelFixture(NOW, ChannelFixture.program(300), new MonthlyCapRules(1000));
    for (int i = 0; i < 6; i++) {
      f.engine.record(invoice("inv-" + i, "2026-07-0" + (i + 1) + "T10:00", 10, "1499"));   // 149 each: 894
    }
    Receipt last = f.engine.record(invoice("inv-6", "2026-07-09T10:00", 10, "1499"));
    assertThat(last.totalPoints()).isEqualTo(106);
    assertThat(last.awards().get(0).reason()).endsWith("capped at 1000 a month, 894 already earned in 2026-07.");
    assertThat(month(f, DEALER, "2026-07-15")).isEqualTo(1000);
    assertThat(f.engine.record(invoice("inv-7", "2026-07-10T10:00", 10, "1499")).totalPoints()).isZero();
    assertThat(f.engine.balance(DEALER).posted() + f.engine.balance(REP).posted()).isEqualTo(1000);
  }

  @Test
  void heldPointsCountUntilARejection_approvedOnesStay_blockedOnesNeverCount() {
    ChannelFixture f = new ChannelFixture(NOW, ChannelFixture.program(300), new MonthlyCapRules(1000));
    Receipt held = f.engine.record(invoice("big-1", "2026-07-02T10:00", 60, "1000"));   // 600 asked, held
    assertThat(held.status()).isEqualTo(Receipt.Status.IN_REVIEW);
    assertThat(month(f, DEALER, "2026-07-15")).isEqualTo(600);
    assertThat(month(f, REP, "2026-07-15")).isEqualTo(180);

    Receipt blocked = f.engine.record(invoice("bulk-1", "2026-07-03T10:00", 901, "10"));
    assertThat(blocked.status()).isEqualTo(Receipt.Status.BLOCKED);
    assertThat(month(f, DEALER, "2026-07-15")).isEqualTo(600);

    assertThat(f.engine.record(invoice("inv-1", "2026-07-04T10:00", 10, "5000")).totalPoints()).isEqualTo(400);
    f.engine.reject(ActivityId.of("big-1"), reviewer("auditor"), "checked");
    assertThat(month(f, DEALER, "2026-07-15")).isEqualTo(400);
    assertThat(month(f, REP, "2026-07-15")).isEqualTo(120);

    Receipt second = f.engine.record(invoice("big-2", "2026-07-05T10:00", 60, "1000"));
    assertThat(second.awards()).extracting(PostedAward::points).containsExactly(420L, 180L);   // 600 of the 600 left
    f.engine.approve(ActivityId.of("big-2"), reviewer("auditor"), "checked");
    assertThatThrownBy(() -> f.engine.approve(ActivityId.of("big-2"), reviewer("auditor-2"), "checked"))
        .isInstanceOf(UnknownActivityException.class);
    assertThat(month(f, DEALER, "2026-07-15")).isEqualTo(1000);
    assertThat(month(f, REP, "2026-07-15")).isEqualTo(300);
    assertThat(f.engine.balance(DEALER).posted() + f.engine.balance(REP).posted()).isEqualTo(1000);
  }

  @Test
  void aReturnTakesBackFromThePeriodsOfItsInvoice() {
    ChannelFixture f = new ChannelFixture(NOW, ChannelFixture.program(300), new MonthlyCapRules(1000));
    f.engine.record(invoice("jul-1", "2026-07-02T10:00", 10, "6000"));   // 600
    f.engine.record(invoice("aug-1", "2026-08-02T10:00", 10, "3000"));   // 300
    Receipt ret = f.engine.record(saleReturn("ret-1", DEALER, at("2026-08-10T10:00"), "jul-1", "CAB-25", 5));
    assertThat(ret.totalPoints()).isEqualTo(-300);
    assertThat(month(f, DEALER, "2026-07-15")).isEqualTo(300);
    assertThat(month(f, REP, "2026-07-15")).isEqualTo(90);
    assertThat(month(f, DEALER, "2026-08-15")).isEqualTo(300);
    // the rest of the invoice comes back: July is back to nothing
    f.engine.record(saleReturn("ret-2", DEALER, at("2026-09-10T10:00"), "jul-1", "CAB-25", 5));
    assertThat(f.engine.earned(DEALER, at("2026-07-15T10:00")).inYear("base")).isEqualTo(300);
    assertThat(month(f, DEALER, "2026-07-15")).isZero();
    assertThat(month(f, REP, "2026-07-15")).isZero();
  }

  @Test
  void anActivityTheLedgerRefusesCountsNothing() {
    RuleEngine huge = facts -> new RuleOutcome(List.of(Award.of(facts.partner().id(), 1_000_000_000_000_000_000L,
        RuleRef.of("huge", "1"), "A rule gone wrong.")), List.of(), List.of(), List.of(), List.of());
    Program noCeiling = ChannelFixture.program(300).withReviewAbovePoints(Long.MAX_VALUE);
    ChannelFixture f = new ChannelFixture(NOW, noCeiling, huge);
    for (int i = 1; i <= 9; i++) {
      f.engine.record(invoice("S-" + i, "2026-07-0" + i + "T10:00", 1, "100"));
    }
    assertThatThrownBy(() -> f.engine.record(invoice("S-X", "2026-07-10T10:00", 1, "100")))
        .isInstanceOf(ActivityRefusedException.class);
    assertThat(f.engine.earned(DEALER, at("2026-07-15T10:00")).inMonth("huge")).isEqualTo(9_000_000_000_000_000_000L);
    assertThat(f.engine.earned(DEALER, at("2026-07-10T10:00")).inDay("huge")).isZero();
  }

  /** A store that dies once in the first {@code applyPoints} of a partner, after it applied it. */
  private static final class DyingPointsStore extends ForwardingPerformanceStore {
    final AtomicInteger crashes = new AtomicInteger(1);

    @Override
    public boolean applyPoints(ParticipantId participant, Currency currency, PointsContribution contribution) {
      boolean applied = super.applyPoints(participant, currency, contribution);
      if (participant instanceof PartnerId && crashes.getAndDecrement() > 0) {
        throw new IllegalStateException("process killed");
      }
      return applied;
    }
  }

  @Test
  void aCrashWhileCountingIsFinishedByRecovery_andARepeatCountsNothingTwice() {
    DyingPointsStore store = new DyingPointsStore();
    TestClock clock = new TestClock(NOW);
    ChannelFixture channel = new ChannelFixture(NOW);
    LoyaltyEngine engine = LoyaltyEngine.builder(ChannelFixture.program(300), new MonthlyCapRules(1000))
        .ledger(Ledger.inMemory(clock)).clock(clock).directory(channel.directory).performance(store).build();
    Sale jul = invoice("jul-1", "2026-07-02T10:00", 10, "1000");

    assertThatThrownBy(() -> engine.record(jul)).hasMessageContaining("process killed");
    assertThat(engine.earned(REP, at("2026-07-15T10:00")).inMonth("base")).isZero();   // not counted yet

    assertThat(engine.recover().finished()).containsExactly(jul.id());
    assertThat(engine.record(jul).status()).isEqualTo(Receipt.Status.RECORDED);
    engine.recover();
    assertThat(engine.earned(DEALER, at("2026-07-15T10:00")).inMonth("base")).isEqualTo(100);
    assertThat(engine.earned(REP, at("2026-07-15T10:00")).inMonth("base")).isEqualTo(30);
  }
}
