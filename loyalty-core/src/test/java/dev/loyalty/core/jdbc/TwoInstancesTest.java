package dev.loyalty.core.jdbc;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.reviewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.core.ActivityRefusedException;
import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.PeriodCloseReport;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.ReviewHold;
import dev.loyalty.core.UnknownActivityException;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.jdbc.internal.ReceiptJson;
import dev.loyalty.core.json.ActivityJson;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.ExpiryPolicy;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.TierPolicy;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.spi.StoredEvent;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.TestClock;
import dev.loyalty.ledger.spi.Together;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two application instances (two engines, each with a pool of its own) on one database, 8 threads,
 * every thread on every dealer: invoices (some held for review), returns of anyone's invoices
 * (racing for the same units), reviews (racing for the same decision) and period closes (racing
 * for the same instant). Afterwards the state equals a sequential replay of the journal on an
 * in-memory engine: every receipt, balance, figure and tier; no return took back more than was
 * sold; every decision was taken once; every close instant was closed once; and the outbox holds
 * each event once, with positions 1, 2, 3, ... Rules that award from the activity alone and a
 * budget that never runs out make the outcome independent of how partners interleave, so the
 * journal's filing order is a valid replay order.
 */
class TwoInstancesTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final Instant NOW = START.plus(Period.ofDays(40));
  private static final int THREADS = 8;
  private static final int OPS_PER_THREAD = 35;

  /** Points from the invoice alone; a fifth of the invoices (a quantity divisible by 5) go to review. */
  private static final RuleEngine RULES = facts -> {
    List<Award> awards = new ArrayList<>();
    List<RiskFlag> flags = new ArrayList<>();
    if (facts.activity() instanceof Sale sale) {
      long points = sale.total().amount().divide(BigDecimal.valueOf(100)).longValue();
      if (points > 0) {
        awards.add(Award.of(sale.partner(), points, RuleRef.of("base", "1"), "1 point per 100 INR."));
        sale.member().ifPresent(m -> awards.add(Award.fromCampaign(m, Math.max(1, points / 10),
            RuleRef.of("rep-bonus", "1"), "Rep bonus.", CampaignId.of("monsoon"))));
      }
      if (sale.lines().get(0).quantity() % 5 == 0) {
        flags.add(new RiskFlag(RiskFlag.Severity.REVIEW, "round", RuleRef.of("risk", "1"), "Round quantity."));
      }
    }
    return new RuleOutcome(awards, List.of(), List.of(), flags, List.of());
  };

  private static Program program() {
    // Silver (met by any activity) only, and no expiry: a participant's tier and points do not hang on
    // how its activities interleave with other partners' or with closes
    Program base = ChannelFixture.program(1_000_000_000_000L);
    return new Program(base.id(), base.name(), base.zone(), base.pointValue(), List.of(base.tiers().get(0)),
        new TierPolicy(3, Period.ofYears(10)), base.campaigns(), base.earnSplit(), ExpiryPolicy.Never.INSTANCE, base.accounts(),
        base.parameters());
  }

  /** What the threads did, for the checks. */
  private static final class Shared {
    final List<Sale> sales = new CopyOnWriteArrayList<>();
    final List<ActivityId> held = new CopyOnWriteArrayList<>();
    final Map<ActivityId, AtomicInteger> decisions = new ConcurrentHashMap<>();
    final Map<Instant, List<PeriodCloseReport>> closes = new ConcurrentHashMap<>();
    final AtomicInteger refusedReturns = new AtomicInteger();
    final AtomicInteger lostReviews = new AtomicInteger();
  }

  @Test
  void twoEnginesOnOneDatabaseEqualASequentialReplayOfTheJournal() throws Exception {
    DataSource first = EngineDatabase.fresh();
    Program program = program();
    ChannelFixture.enrol(JdbcPartnerDirectory.using(first));
    TestClock clock = new TestClock(NOW);
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    try (HikariDataSource second = EngineDatabase.secondInstance(THREADS / 2 + 2)) {
      List<LoyaltyEngine> engines = new ArrayList<>();
      for (DataSource ds : List.of(first, second)) {
        engines.add(LoyaltyEngine.builder(program, RULES).postgres(ds).clock(clock)
            .listener("crm-" + engines.size(), e -> {
              if (!delivered.add(e.id() + "@" + engines.size())) {
                duplicates.incrementAndGet();
              }
            }).build());
      }
      Shared shared = new Shared();
      Together.run(THREADS, 5, thread -> () -> {
        work(engines.get(thread % 2), thread, shared);
        return null;
      });
      engines.forEach(LoyaltyEngine::deliverEvents);

      checkAgainstReplay(first, engines.get(0), program, clock);
      checkDecisionsAndCloses(first, shared);
      assertThat(shared.refusedReturns.get() + shared.lostReviews.get()).as("races happened").isPositive();
    }
  }

  /** One thread's random operations, on every dealer. */
  private static void work(LoyaltyEngine engine, int thread, Shared shared) {
    Random random = new Random(1_000 + thread);
    for (int i = 0; i < OPS_PER_THREAD; i++) {
      op(engine, thread, shared, random, i, random.nextInt(10));
    }
  }

  /** Operation {@code i} of {@code thread}: an invoice, a return, a review or a close, by {@code kind}. */
  private static void op(LoyaltyEngine engine, int thread, Shared shared, Random random, int i, int kind) {
    String id = "t" + thread + "-" + i;
    if (kind < 5 || shared.sales.isEmpty()) {
      PartnerId dealer = DEALERS.get(random.nextInt(DEALERS.size()));
      Optional<MemberId> rep = random.nextBoolean() ? Optional.of(rep(dealer, 1 + random.nextInt(2)))
          : Optional.empty();
      Sale sale = new Sale(new ActivityHeader(ActivityId.of("S-" + id), dealer, rep,
          START.plusSeconds(random.nextInt(30 * 86_400))), INR, List.of(InvoiceLine.of("SKU-" + random.nextInt(3),
          random.nextBoolean() ? "cables" : "lighting", 1 + random.nextInt(30), (100 + random.nextInt(5_000)) + ".50")));
      Receipt r = engine.record(sale);
      shared.sales.add(sale);
      if (r.status() == Receipt.Status.IN_REVIEW) {
        shared.held.add(sale.id());
      }
    } else if (kind < 7) {
      // anyone's invoice: two threads may return its last units at once; one of them is refused
      Sale sale = shared.sales.get(random.nextInt(shared.sales.size()));
      long quantity = 1 + random.nextInt((int) sale.lines().get(0).quantity());
      SaleReturn ret = new SaleReturn(new ActivityHeader(ActivityId.of("R-" + id), sale.partner(), Optional.empty(),
          sale.occurredAt().plusSeconds(60 + random.nextInt(86_400))), sale.id(),
          List.of(new ReturnLine(sale.lines().get(0).sku(), quantity)));
      try {
        engine.record(ret);
      } catch (InvalidActivityException refused) {
        // more than is left, or an invoice still in review or rejected
        shared.refusedReturns.incrementAndGet();
      }
    } else if (kind < 9) {
      if (shared.held.isEmpty()) {
        return;
      }
      ActivityId held = shared.held.get(random.nextInt(shared.held.size()));
      try {
        if (random.nextBoolean()) {
          engine.approve(held, reviewer("reviewer-" + thread), "checked");
        } else {
          engine.reject(held, reviewer("reviewer-" + thread), "checked");
        }
        shared.decisions.computeIfAbsent(held, k -> new AtomicInteger()).incrementAndGet();
      } catch (UnknownActivityException decidedMeanwhile) {
        shared.lostReviews.incrementAndGet();
      }
    } else {
      // two instants only: closes race for the same instant across both engines
      Instant at = START.plus(Period.ofDays(random.nextBoolean() ? 10 : 20));
      shared.closes.computeIfAbsent(at, k -> new CopyOnWriteArrayList<>()).add(engine.closePeriod(at));
    }
  }

  /** The journal in filing order: activity, final receipt. */
  private static List<Map.Entry<Activity, Receipt>> journal(DataSource ds) throws SQLException {
    List<Map.Entry<Activity, Receipt>> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT activity::text, receipt::text, complete FROM loyalty_journal ORDER BY filed")) {
      while (rs.next()) {
        assertThat(rs.getBoolean(3)).as("every entry complete").isTrue();
        out.add(Map.entry(ActivityJson.parse(rs.getString(1)), ReceiptJson.read(rs.getString(2))));
      }
    }
    return out;
  }

  private static void checkAgainstReplay(DataSource ds, LoyaltyEngine actual, Program program, TestClock clock)
      throws SQLException {
    PerformanceStore replayFigures = PerformanceStore.inMemory();
    EventOutbox replayOutbox = EventOutbox.inMemory();
    LoyaltyEngine replay = LoyaltyEngine.builder(program, RULES).ledger(Ledger.inMemory(clock))
        .directory(ChannelFixture.enrol(PartnerDirectory.inMemory())).performance(replayFigures).outbox(replayOutbox)
        .build();
    List<Map.Entry<Activity, Receipt>> journal = journal(ds);
    assertThat(journal).hasSizeGreaterThan(THREADS * OPS_PER_THREAD / 3);
    for (Map.Entry<Activity, Receipt> e : journal) {
      Receipt replayed;
      try {
        replayed = replay.record(e.getKey());
      } catch (ActivityRefusedException refused) {
        // the ledger refused it for good (a return dated before its invoice's approval, say): kept as REFUSED
        replayed = replay.receipt(e.getKey().id()).orElseThrow();
      }
      Receipt stored = e.getValue();
      if (stored.status() == Receipt.Status.REJECTED) {
        replayed = replay.reject(e.getKey().id(), reviewer("replay"), "replayed");
      } else if (replayed.status() == Receipt.Status.IN_REVIEW && stored.status() == Receipt.Status.RECORDED) {
        replayed = replay.approve(e.getKey().id(), reviewer("replay"), "replayed");
      }
      assertThat(normalized(stored)).as("receipt of %s", e.getKey().id()).isEqualTo(normalized(replayed));
    }
    List<ParticipantId> participants = new ArrayList<>();
    for (PartnerId dealer : DEALERS) {
      participants.addAll(List.of(dealer, rep(dealer, 1), rep(dealer, 2)));
    }
    JdbcPerformanceStore figures = JdbcPerformanceStore.using(ds);
    for (ParticipantId p : participants) {
      assertThat(actual.balance(p)).as("balance of %s", p).isEqualTo(replay.balance(p));
      assertThat(figures.history(p, INR)).as("figures of %s", p).isEqualTo(replayFigures.history(p, INR));
      assertThat(actual.progress(p)).as("tier of %s", p).isEqualTo(replay.progress(p));
    }
    var budget = program.accounts().budget(CampaignId.of("monsoon"));
    assertThat(actual.ledger().balance(budget)).isEqualTo(replay.ledger().balance(budget));
    assertThat(actual.ledger().trialBalance().isBalanced()).isTrue();
    assertThat(actual.ledger().verify().intact()).isTrue();

    // the outbox: each event once, positions without gaps, and the same facts as the replay's
    List<StoredEvent> events = JdbcEventOutbox.using(ds).after(0, 100_000);
    List<String> ids = events.stream().map(e -> e.event().id()).toList();
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(events).extracting(StoredEvent::position)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
    Set<String> facts = new HashSet<>(ids);
    facts.removeIf(id -> id.startsWith("closed:") || id.startsWith("tier:"));
    Set<String> replayFacts = new HashSet<>();
    replayOutbox.after(0, 100_000).forEach(e -> replayFacts.add(e.event().id()));
    replayFacts.removeIf(id -> id.startsWith("tier:"));
    assertThat(ids.stream().filter(id -> id.startsWith("tier:")).count()).as("one move to Silver per participant")
        .isEqualTo(replayOutbox.after(0, 100_000).stream().filter(e -> e.event().id().startsWith("tier:")).count());
    assertThat(facts).isEqualTo(replayFacts);
  }

  private static void checkDecisionsAndCloses(DataSource ds, Shared shared) {
    JdbcActivityJournal journal = JdbcActivityJournal.using(ds);
    for (ActivityId held : shared.held) {
      Receipt r = journal.find(held).orElseThrow().receipt();
      int decided = shared.decisions.getOrDefault(held, new AtomicInteger()).get();
      assertThat(decided).as("decisions of %s", held).isLessThanOrEqualTo(1);
      assertThat(r.status()).isEqualTo(decided == 0 ? Receipt.Status.IN_REVIEW : r.status());
      if (decided == 1) {
        assertThat(r.holds()).allSatisfy(h -> assertThat(h.state()).isNotEqualTo(ReviewHold.State.HELD));
      }
    }
    for (Map.Entry<Instant, List<PeriodCloseReport>> e : shared.closes.entrySet()) {
      assertThat(e.getValue().stream().filter(r -> !r.replay()).count()).as("first closes at %s", e.getKey())
          .isEqualTo(1);
    }
  }

  /** {@code r} without the ledger's ids (each ledger draws its own) and the time it was recorded. */
  private static Receipt normalized(Receipt r) {
    // a participant's move to Silver comes with whichever of its activities was posted first, which
    // depends on when reviews were decided: the tier itself is compared, not the activity that moved it
    Receipt same = new Receipt(r.activity(), r.status(), NOW, r.awards(), r.returns(), r.shortfalls(), r.decisions(),
        r.badges(), r.riskFlags(), r.qualifications(), List.of(), r.transaction().map(tx -> TransactionId.of(1)),
        r.holds(), r.refusal().map(reason -> reason.replaceAll("\\bT\\d+\\b", "T?")));
    return same.withHolds(r.holds().stream().map(h -> new ReviewHold(HoldId.of(1), h.from(), h.to(), h.points(),
        h.state(), h.resolvedBy().map(tx -> TransactionId.of(1)))).toList());
  }
}
