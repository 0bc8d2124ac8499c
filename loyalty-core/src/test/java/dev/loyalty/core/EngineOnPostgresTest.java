package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static dev.loyalty.core.testing.ChannelFixture.saleReturn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.MonthlyCapRules;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.jdbc.PostgresFixture;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine on the PostgreSQL ledger store, and the engine with every store in PostgreSQL (each
 * activity one transaction), give the same receipts, balances, budgets, figures, tiers and events
 * as the in-memory one, for the same stream of invoices, returns and trainings.
 */
class EngineOnPostgresTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();

  private static List<Activity> stream() {
    Random random = new Random(42);
    List<Activity> activities = new ArrayList<>();
    List<Sale> sales = new ArrayList<>();
    Instant at = START;
    for (int i = 0; i < 80; i++) {
      at = at.plusSeconds(3_600L * (1 + random.nextInt(30)));
      PartnerId dealer = DEALERS.get(random.nextInt(DEALERS.size()));
      int kind = random.nextInt(10);
      if (kind < 7 || sales.isEmpty()) {
        Sale s = sale("S-" + i, dealer, random.nextBoolean() ? Optional.of(rep(dealer, 1 + random.nextInt(2)))
            : Optional.empty(), at, "SKU-" + random.nextInt(3), random.nextBoolean() ? "cables" : "smart-switches",
            1 + random.nextInt(60), (100 + random.nextInt(2_000)) + ".25");
        sales.add(s);
        activities.add(s);
      } else if (kind < 9) {
        Sale s = sales.remove(random.nextInt(sales.size()));
        activities.add(saleReturn("R-" + i, s.partner(), at, s.id().value(), s.lines().get(0).sku(),
            1 + random.nextInt((int) s.lines().get(0).quantity())));
      } else {
        activities.add(new TrainingCompleted(new ActivityHeader(ActivityId.of("T-" + i), dealer,
            Optional.of(rep(dealer, 1)), at), "LED-101"));
      }
    }
    return activities;
  }

  private static List<Receipt> run(ChannelFixture f, List<Activity> activities) {
    List<Receipt> receipts = new ArrayList<>();
    for (Activity a : activities) {
      f.clock.set(a.occurredAt());
      Receipt r = f.engine.record(a);
      // transaction ids come from each store's own sequence: compare everything else
      receipts.add(r.withTransaction(Optional.empty()));
    }
    return receipts;
  }

  @Test
  void theSameStreamGivesTheSameReceiptsAndBalancesOnBothStores() {
    theSameStreamGivesTheSameEverything(new ChannelFixture(START, new SampleRules(), 2_000,
        clock -> Ledger.using(PostgresFixture.freshStore(), clock)));
  }

  @Test
  void theSameStreamGivesTheSameEverythingWithEveryStoreInPostgres() {
    ChannelFixture postgres = ChannelFixture.onPostgres(START, ChannelFixture.program(2_000), new SampleRules(),
        EngineDatabase.fresh());
    theSameStreamGivesTheSameEverything(postgres);
    // nothing was left for recovery: every activity committed whole
    assertThat(postgres.journal.incomplete()).isEmpty();
    assertThat(postgres.engine.recover().finished()).isEmpty();
  }

  /** A cap of 600 points a month per organisation, no invoice held for review (the stream returns any invoice). */
  private static RuleEngine capped() {
    RuleEngine capped = new MonthlyCapRules(600);
    return facts -> {
      RuleOutcome o = capped.evaluate(facts);
      return new RuleOutcome(o.awards(), o.qualifications(), o.badges(), List.of(), o.decisions());
    };
  }

  @Test
  void exactMonthlyCapsAndTheEarnedPointsTheyReadAreTheSameWithEveryStoreInPostgres() {
    ChannelFixture postgres = ChannelFixture.onPostgres(START, ChannelFixture.program(2_000), capped(),
        EngineDatabase.fresh());
    theSameStreamGivesTheSameEverything(postgres, new ChannelFixture(START, ChannelFixture.program(2_000), capped()));
    // the caps bit: some dealer's month reached its cap exactly
    assertThat(DEALERS).anySatisfy(dealer -> assertThat(postgres.engine.earned(dealer, START.plusSeconds(86_400L * 20))
        .inMonth(MonthlyCapRules.RULE)).isEqualTo(600));
  }

  private static void theSameStreamGivesTheSameEverything(ChannelFixture postgres) {
    theSameStreamGivesTheSameEverything(postgres, new ChannelFixture(START, new SampleRules(), 2_000));
  }

  private static void theSameStreamGivesTheSameEverything(ChannelFixture postgres, ChannelFixture memory) {
    List<Activity> activities = stream();

    List<Receipt> inMemory = run(memory, activities);
    List<Receipt> onPostgres = run(postgres, activities);

    assertThat(onPostgres).containsExactlyElementsOf(inMemory);
    for (PartnerId dealer : DEALERS) {
      for (ParticipantId p : List.<ParticipantId>of(dealer, rep(dealer, 1), rep(dealer, 2))) {
        assertThat(postgres.engine.balance(p)).isEqualTo(memory.engine.balance(p));
        var wallet = memory.program.accounts().wallet(p);
        assertThat(postgres.ledger.account(wallet).isPresent()).isEqualTo(memory.ledger.account(wallet).isPresent());
        if (memory.ledger.account(wallet).isPresent()) {
          assertThat(postgres.ledger.lots(wallet, true)).hasSameSizeAs(memory.ledger.lots(wallet, true));
        }
      }
      assertThat(postgres.engine.figures(dealer)).isEqualTo(memory.engine.figures(dealer));
      for (ParticipantId p : List.<ParticipantId>of(dealer, rep(dealer, 1))) {
        for (Activity a : activities) {
          assertThat(postgres.engine.earned(p, a.occurredAt())).as("earned by %s at %s", p, a.occurredAt())
              .isEqualTo(memory.engine.earned(p, a.occurredAt()));
        }
      }
      assertThat(postgres.engine.progress(dealer)).isEqualTo(memory.engine.progress(dealer));
      assertThat(postgres.engine.progress(rep(dealer, 1))).isEqualTo(memory.engine.progress(rep(dealer, 1)));
    }
    assertThat(postgres.events.stream().map(e -> e.id()).toList())
        .isEqualTo(memory.events.stream().map(e -> e.id()).toList());
    var budget = memory.program.accounts().budget(CampaignId.of("monsoon"));
    assertThat(postgres.ledger.balance(budget)).isEqualTo(memory.ledger.balance(budget));
    assertThat(postgres.ledger.trialBalance()).isEqualTo(memory.ledger.trialBalance());
    postgres.ledger.seal();
    assertThat(postgres.ledger.verify().intact()).isTrue();
    // replaying the stream on PostgreSQL changes nothing
    var before = postgres.ledger.trialBalance();
    assertThat(run(postgres, activities)).containsExactlyElementsOf(onPostgres);
    assertThat(postgres.ledger.trialBalance()).isEqualTo(before);
  }
}
