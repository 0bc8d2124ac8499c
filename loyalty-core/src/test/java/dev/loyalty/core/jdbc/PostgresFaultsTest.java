package dev.loyalty.core.jdbc;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.reviewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.ReviewHold;
import dev.loyalty.core.StoreFailureException;
import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.access.AuditOutcome;
import dev.loyalty.core.access.AuditRecord;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.claims.IdentityHash;
import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.claims.IdentityRecord;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.jdbc.internal.Migrations;
import dev.loyalty.core.spi.AuditStoreContract;
import dev.loyalty.core.spi.StoredEvent;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.core.testing.TriggerFaults;
import dev.loyalty.core.testing.TriggerFaults.Step;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.jdbc.JdbcLedgerStore;
import dev.loyalty.ledger.spi.LedgerStoreException;
import dev.loyalty.ledger.spi.TestClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What a failure in the middle of an activity leaves with every store in PostgreSQL: nothing. A
 * store that fails at each step in turn (a trigger that raises an error on the step's table: the
 * journal's filing, the ledger's write, the figures, the tier standing, the outbox, the journal's
 * completion of an entry filed before), for an invoice, an approval and a return: the call fails, none of its effects is
 * kept, and doing it again applies it once. The backend connection killed at each of those steps
 * ({@code pg_terminate_backend}): the engine runs the activity again on a new connection, once.
 * The server restarted between activities, and a listener that was down: everything committed
 * is there, and every event reaches the listener. A database nobody migrated: a clear message.
 */
class PostgresFaultsTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final PartnerId DEALER = DEALERS.get(0);

  /** The sample rules, with an invoice of 3 units held for review. */
  private static final RuleEngine RULES = facts -> {
    RuleOutcome outcome = new SampleRules().evaluate(facts);
    boolean held = facts.activity() instanceof Sale s && s.lines().get(0).quantity() == 3;
    return new RuleOutcome(outcome.awards(), outcome.qualifications(), outcome.badges(), held
        ? List.of(new RiskFlag(RiskFlag.Severity.REVIEW, "three", RuleRef.of("risk", "1"), "Three units.")) : List.of(),
        outcome.decisions());
  };

  /** One of the operations a fault hits: an invoice, an approval, a return. */
  private enum Op {
    SALE, APPROVAL, RETURN
  }

  private static final Step FILING = new Step("filing the plan", "BEFORE INSERT ON loyalty_journal");
  private static final Step LEDGER = new Step("the ledger's write", "BEFORE INSERT ON ledger_transaction");
  private static final Step FIGURES = new Step("the figures", "BEFORE INSERT ON loyalty_figures_applied");
  private static final Step TIER = new Step("the tier standing", "BEFORE UPDATE OF tier ON loyalty_participant");
  private static final Step OUTBOX = new Step("the outbox", "BEFORE INSERT ON loyalty_outbox");
  private static final Step COMPLETION = new Step("the journal's completion", "BEFORE UPDATE ON loyalty_journal");

  /** The steps each operation goes through. */
  private static List<Step> steps(Op op) {
    return switch (op) {
      // an invoice's and a return's entry is filed once, complete, with the commit: no completion step of its own
      case SALE -> List.of(FILING, LEDGER, FIGURES, TIER, OUTBOX);
      case APPROVAL -> List.of(LEDGER, FIGURES, OUTBOX, COMPLETION);
      case RETURN -> List.of(FILING, LEDGER, FIGURES, OUTBOX);
    };
  }

  private static Sale sale(String id, long quantity, int hours) {
    return ChannelFixture.sale(id, DEALER, Optional.of(rep(DEALER, 1)), START.plusSeconds(hours * 3_600L), "SKU-1",
        "cables", quantity, "10000");
  }

  /** What the same script does on the in-memory engine. */
  private static ChannelFixture model() {
    ChannelFixture f = new ChannelFixture(START.plusSeconds(5 * 3_600L), ChannelFixture.program(300), RULES);
    script(f, null, () -> { }, () -> { }, Runnable::run);
    return f;
  }

  private static ChannelFixture onPostgres(DataSource ds) {
    return ChannelFixture.onPostgres(START.plusSeconds(5 * 3_600L), ChannelFixture.program(300), RULES, ds);
  }

  private static void sql(DataSource ds, String statement) {
    TriggerFaults.sql(ds, statement);
  }

  private static long faultsFired(DataSource ds) {
    return TriggerFaults.calls(ds);
  }

  /** A trigger on {@code step}'s table that does {@code what} on its first call only. */
  private static Runnable arm(DataSource ds, Step step, TriggerFaults.Kind what) {
    return () -> TriggerFaults.arm(ds, step, what);
  }

  private static Runnable disarm(DataSource ds, Step step) {
    return () -> TriggerFaults.disarm(ds, step);
  }

  /** The PostgreSQL run ended where the in-memory one did: receipts, balances, figures, tiers, events. */
  private static void assertSameAs(ChannelFixture model, ChannelFixture postgres) {
    for (String id : List.of("INV-1", "INV-2", "RET-1")) {
      var activity = ActivityId.of(id);
      assertThat(normalized(postgres.engine.receipt(activity).orElseThrow())).as("receipt of %s", id)
          .isEqualTo(normalized(model.engine.receipt(activity).orElseThrow()));
    }
    for (ParticipantId p : List.<ParticipantId>of(DEALER, rep(DEALER, 1))) {
      assertThat(postgres.engine.balance(p)).as("balance of %s", p).isEqualTo(model.engine.balance(p));
      assertThat(postgres.engine.figures(p)).as("figures of %s", p).isEqualTo(model.engine.figures(p));
      assertThat(postgres.engine.progress(p)).as("tier of %s", p).isEqualTo(model.engine.progress(p));
    }
    List<String> outbox = JdbcEventOutbox.using(EngineDatabase.dataSource()).after(0, 1_000).stream()
        .map(StoredEvent::event).map(LoyaltyEvent::id).toList();
    assertThat(outbox).as("each event once, in order").isEqualTo(model.events.stream().map(LoyaltyEvent::id).toList());
    assertThat(postgres.events.stream().map(LoyaltyEvent::id).distinct().toList()).as("delivered at least once")
        .isEqualTo(outbox);
    assertThat(postgres.journal.incomplete()).isEmpty();
    assertThat(postgres.ledger.trialBalance().isBalanced()).isTrue();
    assertThat(postgres.ledger.verify().intact()).isTrue();
    // the approval audited once as allowed, with what it changed, also when its transaction ran again
    assertThat(audited(postgres, AuditOutcome.ALLOWED)).as("allowed actions, each once")
        .isEqualTo(audited(model, AuditOutcome.ALLOWED));
  }

  /** The audit log's entries of {@code outcome}, without their positions and times. */
  private static List<AuditRecord> audited(ChannelFixture f, AuditOutcome outcome) {
    return AuditStoreContract.everyEntry(f.engine.audit()).stream().map(AuditEntry::record)
        .filter(r -> r.outcome() == outcome).toList();
  }

  private static Receipt normalized(Receipt r) {
    return r.withTransaction(r.transaction().map(tx -> TransactionId.of(1))).withHolds(r.holds().stream()
        .map(h -> new ReviewHold(HoldId.of(1), h.from(), h.to(), h.points(), h.state(),
            h.resolvedBy().map(tx -> TransactionId.of(1)))).toList());
  }

  @Test
  void aStoreFailingAtEachStepKeepsNothing_andDoingItAgainAppliesItOnce() {
    ChannelFixture model = model();
    for (Op op : Op.values()) {
      for (Step step : steps(op)) {
        DataSource ds = EngineDatabase.fresh();
        ChannelFixture postgres = onPostgres(ds);
        List<String> failures = new ArrayList<>();
        Consumer<Runnable> failingOnce = call -> {
          Snapshot before = Snapshot.of(postgres);
          assertThatThrownBy(call::run).as("%s failing at %s", op, step.name()).satisfies(e -> {
            assertThat(e).isInstanceOfAny(StoreFailureException.class, LedgerStoreException.class);
            assertThat(e).hasStackTraceContaining("test fault");
          });
          assertThat(Snapshot.of(postgres)).as("%s failing at %s changed nothing", op, step.name()).isEqualTo(before);
          if (op == Op.APPROVAL) {
            // a decision whose transaction was rolled back changed nothing: audited as refused, by the failure's name
            assertThat(audited(postgres, AuditOutcome.REFUSED)).singleElement().satisfies(r -> {
              assertThat(r.action()).isEqualTo("review.approve");
              assertThat(r.code()).hasValueSatisfying(code -> assertThat(code).matches("STORE_FAILURE|LEDGER_STORE"));
            });
          }
          failures.add(op + " at " + step.name());
          call.run(); // the same call again: applied once
        };
        Runnable arm = arm(ds, step, TriggerFaults.Kind.RAISE);
        Runnable disarm = disarm(ds, step);
        script(postgres, op, arm, disarm, failingOnce);
        assertThat(failures).as("the fault at %s of %s fired", step.name(), op).hasSize(1);
        assertSameAs(model, postgres);
      }
    }
  }

  @Test
  void aBackendKilledAtEachStepIsRunAgainOnANewConnection_once() {
    ChannelFixture model = model();
    for (Op op : Op.values()) {
      // every step of an invoice; an approval's and a return's ledger write (their other steps are an invoice's)
      for (Step step : op == Op.SALE ? steps(op) : List.of(LEDGER)) {
        DataSource ds = EngineDatabase.fresh();
        ChannelFixture postgres = onPostgres(ds);
        script(postgres, op, arm(ds, step, TriggerFaults.Kind.KILL), disarm(ds, step), Runnable::run);
        assertThat(faultsFired(ds)).as("the backend was killed at %s of %s", step.name(), op).isGreaterThan(1);
        assertSameAs(model, postgres);
      }
    }
  }

  /** What a failed call must not have changed. */
  private record Snapshot(List<Object> receipts, List<Object> balances, List<Object> figures, long events) {
    static Snapshot of(ChannelFixture f) {
      List<Object> receipts = new ArrayList<>();
      for (String id : List.of("INV-1", "INV-2", "RET-1")) {
        receipts.add(f.engine.receipt(ActivityId.of(id)));
      }
      List<Object> balances = new ArrayList<>();
      List<Object> figures = new ArrayList<>();
      for (ParticipantId p : List.<ParticipantId>of(DEALER, rep(DEALER, 1))) {
        balances.add(f.engine.balance(p));
        figures.add(f.engine.figures(p));
        figures.add(f.engine.progress(p));
      }
      return new Snapshot(receipts, balances, figures, JdbcEventOutbox.using(EngineDatabase.dataSource())
          .after(0, 1_000).size());
    }
  }

  /**
   * The script every run follows: an invoice, an invoice held for review and approved, a return of
   * the first. The operation {@code faulty} runs through {@code call} with the fault armed.
   */
  private static void script(ChannelFixture f, Op faulty, Runnable arm, Runnable disarm, Consumer<Runnable> call) {
    Runnable sale = () -> f.engine.record(sale("INV-1", 20, 1));
    Runnable approval = () -> f.engine.approve(ActivityId.of("INV-2"), reviewer("auditor"), "checked");
    Runnable ret = () -> f.engine.record(ChannelFixture.saleReturn("RET-1", DEALER, START.plusSeconds(3 * 3_600L),
        "INV-1", "SKU-1", 5));
    step(faulty == Op.SALE, arm, disarm, call, sale);
    assertThat(f.engine.record(sale("INV-2", 3, 2)).status()).isEqualTo(Receipt.Status.IN_REVIEW);
    step(faulty == Op.APPROVAL, arm, disarm, call, approval);
    step(faulty == Op.RETURN, arm, disarm, call, ret);
  }

  private static void step(boolean faulty, Runnable arm, Runnable disarm, Consumer<Runnable> call, Runnable work) {
    if (!faulty) {
      work.run();
      return;
    }
    arm.run();
    try {
      call.accept(work); // the fault fires once; what runs after it (a retry, the call again) goes through
    } finally {
      disarm.run();
    }
  }

  @Test
  void whatCommittedSurvivesAServerRestart_andTheNextActivitiesGoOnWhereTheFirstStopped() throws Exception {
    ChannelFixture model = model();
    Path dataDirectory = Files.createTempDirectory("engine-restart-pg");
    EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
        .start();
    int port = server.getPort();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://localhost:" + port + "/postgres");
    config.setUsername("postgres");
    config.setMaximumPoolSize(3);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      PostgresStores.on(pool).migrate();
      ChannelFixture first = onPostgres(pool);
      first.engine.record(sale("INV-1", 20, 1));
      assertThat(first.engine.record(sale("INV-2", 3, 2)).status()).isEqualTo(Receipt.Status.IN_REVIEW);

      server.close();
      server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port)
          .start();

      // a new engine on the restarted database (the pool's connections died with the server)
      ChannelFixture second = onPostgres(pool);
      assertThat(second.engine.recover().finished()).isEmpty();
      second.engine.approve(ActivityId.of("INV-2"), reviewer("auditor"), "checked");
      second.engine.record(ChannelFixture.saleReturn("RET-1", DEALER, START.plusSeconds(3 * 3_600L), "INV-1", "SKU-1",
          5));
      for (String id : List.of("INV-1", "INV-2", "RET-1")) {
        var activity = ActivityId.of(id);
        assertThat(normalized(second.engine.receipt(activity).orElseThrow()))
            .isEqualTo(normalized(model.engine.receipt(activity).orElseThrow()));
      }
      for (ParticipantId p : List.<ParticipantId>of(DEALER, rep(DEALER, 1))) {
        assertThat(second.engine.balance(p)).isEqualTo(model.engine.balance(p));
        assertThat(second.engine.figures(p)).isEqualTo(model.engine.figures(p));
        assertThat(second.engine.progress(p)).isEqualTo(model.engine.progress(p));
      }
      // the listener (the same name on both engines) got every event, across the restart, and the
      // first engine's last delivery (INV-2's review) again: its position was to go with the next page
      List<String> delivered = new ArrayList<>();
      first.events.forEach(e -> delivered.add(e.id()));
      second.events.forEach(e -> delivered.add(e.id()));
      List<String> expected = new ArrayList<>(model.events.stream().map(LoyaltyEvent::id).toList());
      expected.add(expected.indexOf("review:INV-2"), "review:INV-2");
      assertThat(delivered).isEqualTo(expected);
    } finally {
      server.close();
    }
  }

  @Test
  void eventsOfCommittedActivitiesReachAListenerThatWasDown_whenAnEngineStartsAgain() {
    DataSource ds = EngineDatabase.fresh();
    ChannelFixture.enrol(JdbcPartnerDirectory.using(ds));
    LoyaltyEngine down = LoyaltyEngine.builder(ChannelFixture.program(300), RULES).postgres(ds)
        .clock(new TestClock(START.plusSeconds(5 * 3_600L)))
        .listener("crm", e -> {
          throw new IllegalStateException("the CRM is down");
        }).build();
    Receipt r = down.record(sale("INV-1", 20, 1));
    assertThat(r.status()).isEqualTo(Receipt.Status.RECORDED);
    List<LoyaltyEvent> received = new ArrayList<>();
    LoyaltyEngine up = LoyaltyEngine.builder(ChannelFixture.program(300), RULES).postgres(ds)
        .clock(new TestClock(START.plusSeconds(5 * 3_600L))).listener("crm", received::add)
        .build();
    up.recover();
    assertThat(received).extracting(LoyaltyEvent::id).containsExactlyElementsOf(JdbcEventOutbox.using(ds)
        .after(0, 100).stream().map(e -> e.event().id()).toList()).isNotEmpty();
  }

  @Test
  void aDatabaseAtAnOlderEngineSchemaIsRefusedUntilMigrated_thenKeepsItsRowsAndGainsTheNewTables()
      throws SQLException {
    DataSource older = newDatabase("engine_at_version_1");
    JdbcLedgerStore.using(older).migrate();
    assertThat(Migrations.migrate(older, 1)).isEqualTo(1);
    sql(older, "INSERT INTO loyalty_partner (id, name, type, parent_id, region, country, currency, segments, "
        + "enrolled_on, status) VALUES ('dealer-a', 'Dealer A', 'dealer', NULL, 'north', 'IN', 'INR', '{}', "
        + "'2026-01-01', 'ACTIVE')");

    assertThatThrownBy(() -> LoyaltyEngine.builder(ChannelFixture.program(300), RULES).postgres(older).build())
        .isInstanceOf(StoreFailureException.class).hasMessageContaining("at version 1 but this library uses version "
            + Migrations.CURRENT_VERSION + ": call PostgresStores.on(dataSource).migrate()");

    PostgresStores stores = PostgresStores.on(older).migrate();
    assertThat(stores.directory().partner(DEALER)).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("Dealer A"));
    try (Connection c = older.getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT version FROM loyalty_schema_version ORDER BY version")) {
      List<Integer> versions = new ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
      assertThat(versions).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1,
          Migrations.CURRENT_VERSION).boxed().toList());
    }
    // the tables of the later versions are there and empty, for the engine to use
    assertThat(stores.tierHistory().moves()).isEmpty();
    assertThat(stores.claims().dueBy(START, 10)).isEmpty();
    assertThat(stores.auditStore().last()).isEmpty();
    assertThat(stores.redemptions().unsettled()).isEmpty();
    assertThat(stores.stock().count(CatalogItemId.of("WATCH")).taken()).isZero();
    assertThat(stores.codePools().available("amazon-500")).isZero();
    assertThat(LoyaltyEngine.builder(ChannelFixture.program(300), RULES).postgres(older).build().program().id())
        .isEqualTo("acme-2026");
    assertThat(PostgresStores.on(older).migrate()).isNotNull(); // again: nothing to do
  }

  @Test
  void identitiesRegisteredBeforeTheirTimesWereKept_readAsRegisteredLongAgo_andLaterOnesKeepTheirTimes()
      throws SQLException {
    DataSource older = newDatabase("identities_without_times");
    JdbcLedgerStore.using(older).migrate();
    Migrations.migrate(older, 5); // the last version before identities had times
    IdentityHash email = IdentityHash.of("a".repeat(64));
    sql(older, "INSERT INTO loyalty_identity (kind, hash, p_kind, participant_id, partner_id) VALUES ('EMAIL', '"
        + email.hex() + "', 'P', 'dealer-a', 'dealer-a')");

    PostgresStores.on(older).migrate();
    JdbcIdentityStore identities = JdbcIdentityStore.using(older);
    IdentityRecord old = new IdentityRecord(IdentityKind.EMAIL, email, DEALERS.get(0), DEALERS.get(0), Instant.EPOCH);
    assertThat(identities.of(DEALERS.get(0))).containsExactly(old);
    IdentityRecord changed = new IdentityRecord(IdentityKind.EMAIL, IdentityHash.of("b".repeat(64)), DEALERS.get(0),
        DEALERS.get(0), START);
    assertThat(identities.add(changed)).isTrue();
    assertThat(identities.of(DEALERS.get(0))).containsExactly(old, changed);
  }

  /** A new, empty database on the test server. */
  private static DataSource newDatabase(String name) throws SQLException {
    String url;
    try (Connection c = EngineDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
      url = c.getMetaData().getURL();
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
    PGSimpleDataSource db = new PGSimpleDataSource();
    db.setUrl(url.substring(0, url.lastIndexOf('/') + 1) + name);
    db.setUser("postgres");
    return db;
  }

  @Test
  void aDatabaseNobodyMigratedGetsAClearMessage() throws SQLException {
    DataSource empty = newDatabase("never_migrated");

    String expected = "the database has no loyalty engine schema: call PostgresStores.on(dataSource).migrate()";
    assertThatThrownBy(() -> LoyaltyEngine.builder(ChannelFixture.program(300), RULES).postgres(empty).build())
        .isInstanceOf(StoreFailureException.class).hasMessageContaining(expected)
        .satisfies(e -> assertThat(((StoreFailureException) e).isTransient()).isFalse());
    assertThatThrownBy(() -> JdbcActivityJournal.using(empty).find(ActivityId.of("INV-1")))
        .isInstanceOf(StoreFailureException.class).hasMessageContaining(expected);
    assertThatThrownBy(() -> JdbcEventOutbox.using(empty).after(0, 10)).hasMessageContaining(expected);
    assertThatThrownBy(() -> JdbcPerformanceStore.using(empty).participants()).hasMessageContaining(expected);
    assertThatThrownBy(() -> JdbcPartnerDirectory.using(empty).partner(DEALER)).hasMessageContaining(expected);
    assertThatThrownBy(() -> JdbcRedemptionStore.using(empty).unsettled()).hasMessageContaining(expected);
    assertThatThrownBy(() -> JdbcStockStore.using(empty).count(CatalogItemId.of("WATCH")))
        .hasMessageContaining(expected);
    assertThatThrownBy(() -> JdbcCodePoolStore.using(empty).available("amazon-500")).hasMessageContaining(expected);
    assertThatThrownBy(() -> JdbcLedgerStore.using(empty).accountStates()).isInstanceOf(LedgerStoreException.class)
        .hasMessageContaining("no ledger schema");
    // nothing was created by the attempts
    try (Connection c = empty.getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
    // once migrated, the same engine builds
    PostgresStores.on(empty).migrate();
    ChannelFixture.enrol(JdbcPartnerDirectory.using(empty));
    assertThat(LoyaltyEngine.builder(ChannelFixture.program(300), RULES).postgres(empty).build().program().id())
        .isEqualTo("acme-2026");
    // a schema newer than the library (a later version migrated it) is refused, and not touched
    sql(empty, "INSERT INTO loyalty_schema_version (version, applied_at) VALUES (99, now())");
    assertThatThrownBy(() -> PostgresStores.on(empty).migrate()).isInstanceOf(StoreFailureException.class)
        .hasMessageContaining("version 99, newer than the version").hasMessageContaining("upgrade the library");
    assertThatThrownBy(() -> LoyaltyEngine.builder(ChannelFixture.program(300), RULES).postgres(empty).build())
        .isInstanceOf(StoreFailureException.class).hasMessageContaining("at version 99")
        .hasMessageContaining("upgrade the library");
  }
}
