package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransactionType;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.internal.CanonicalEncoder;
import dev.loyalty.ledger.spi.LedgerStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The schema's life: missing, migrated (twice), too new. Each test has a database of its own. */
class JdbcSchemaTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static final int NEWER = SchemaMigrator.CURRENT_VERSION + 1;

  private static DataSource emptyDatabase() throws SQLException {
    String name = "schema_test_" + DATABASES.incrementAndGet();
    try (Connection c = PostgresFixture.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
    return PostgresFixture.server().getDatabase("postgres", name);
  }

  @Test
  void aStoreOnADatabaseWithoutTheSchemaSaysToMigrate() throws SQLException {
    Ledger ledger = Ledger.using(JdbcLedgerStore.using(emptyDatabase()), Clock.systemUTC());
    assertThatThrownBy(() -> ledger.openAccount(AccountId.of("a"), AccountType.WALLET))
        .isInstanceOf(LedgerStoreException.class)
        .hasMessageContaining("no ledger schema")
        .hasMessageContaining("migrate()")
        .satisfies(e -> assertThat(((LedgerStoreException) e).isTransient()).isFalse());
  }

  @Test
  void migrateCreatesTheSchemaOnceAndIsIdempotent() throws SQLException {
    DataSource db = emptyDatabase();
    JdbcLedgerStore store = JdbcLedgerStore.using(db);
    assertThat(store.migrate()).isEqualTo(SchemaMigrator.CURRENT_VERSION);
    assertThat(JdbcLedgerStore.using(db).migrate()).isEqualTo(SchemaMigrator.CURRENT_VERSION);
    Ledger ledger = Ledger.using(store, Clock.systemUTC());
    ledger.openAccount(AccountId.of("a"), AccountType.WALLET);
    assertThat(ledger.accounts()).hasSize(1);
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM ledger_schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(SchemaMigrator.CURRENT_VERSION);
    }
  }

  @Test
  void aNewerSchemaIsRefusedByMigrateAndByTheStore() throws SQLException {
    DataSource db = emptyDatabase();
    JdbcLedgerStore.using(db).migrate();
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO ledger_schema_version (version, applied_at) VALUES (" + NEWER + ", now())");
    }
    assertThatThrownBy(() -> JdbcLedgerStore.using(db).migrate()).isInstanceOf(LedgerStoreException.class)
        .hasMessageContaining("version " + NEWER).hasMessageContaining("newer");
    Ledger ledger = Ledger.using(JdbcLedgerStore.using(db), Clock.systemUTC());
    assertThatThrownBy(() -> ledger.accounts()).isInstanceOf(LedgerStoreException.class)
        .hasMessageContaining("version " + NEWER).hasMessageContaining("upgrade the library");
  }

  @Test
  void migrateUpgradesAVersionOneLedgerWithoutRewritingItsJournal() throws SQLException {
    DataSource db = emptyDatabase();
    assertThat(SchemaMigrator.migrate(db, 1)).isEqualTo(1);
    // what version 1 of this library wrote for one earn of 100 points with metadata, hand-written
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO ledger_account VALUES ('system:issuance', 'SYSTEM', 0, -100, 0, 0, 0), "
          + "('wallet:w', 'WALLET', 0, 100, 0, 0, 0)");
      s.execute("SELECT setval('ledger_transaction_id_seq', 1)");
      s.execute("INSERT INTO ledger_transaction (id, type, idempotency_key, reason, effective_at_ns, recorded_at_ns) "
          + "VALUES (1, 'TRANSFER', 'v1-earn', 'earn', 1000, 1000)");
      s.execute("INSERT INTO ledger_posting VALUES (1, false, 0, 'system:issuance', -100), (1, false, 1, 'wallet:w', 100)");
      s.execute("INSERT INTO ledger_lot_movement VALUES (1, 0, 'wallet:w', 1, 0, 100, NULL)");
      s.execute("INSERT INTO ledger_transaction_metadata VALUES (1, 'invoice', 'INV-1')");
      s.execute("INSERT INTO ledger_lot VALUES ('wallet:w', 1, 0, 100, 100, 0, NULL, 1000)");
    }
    Transaction versionOne = new Transaction(TransactionId.of(1), TransactionType.TRANSFER, IdempotencyKey.of("v1-earn"),
        "earn", Map.of("invoice", "INV-1"), Instant.ofEpochSecond(0, 1000), Instant.ofEpochSecond(0, 1000),
        List.of(new Posting(AccountId.of("system:issuance"), -100), new Posting(AccountId.of("wallet:w"), 100)),
        List.of(), List.of(new LotMovement(AccountId.of("wallet:w"), new LotId(TransactionId.of(1), 0), 100,
            Optional.empty())), Optional.empty(), Optional.empty());
    JdbcLedgerStore store = JdbcLedgerStore.using(db);

    assertThat(store.migrate()).isEqualTo(SchemaMigrator.CURRENT_VERSION);

    assertThat(store.transaction(TransactionId.of(1))).contains(versionOne);
    assertThat(store.history(AccountId.of("wallet:w"), Optional.empty(), 10)).containsExactly(versionOne);
    Ledger ledger = Ledger.using(store, Clock.systemUTC());
    Transaction spent = ledger.transfer(TransferRequest.of(IdempotencyKey.of("v2-spend"), "spend",
        Entry.debit(AccountId.of("wallet:w"), 40), Entry.credit(AccountId.of("system:issuance"), 40)));
    assertThat(store.history(AccountId.of("wallet:w"), Optional.empty(), 10)).containsExactly(versionOne, spent);
    assertThat(ledger.balance(AccountId.of("wallet:w")).posted()).isEqualTo(60);
    assertThat(ledger.verify().intact()).isTrue();
    assertThat(ledger.verify().checked()).isEqualTo(2);
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM ledger_posting")) {
      rs.next();
      assertThat(rs.getInt(1)).as("version 1 rows kept, none added").isEqualTo(2);
    }
  }

  @Test
  void migrateUpgradesAVersionTwoLedger_itsUnsealedTransactionsAreQueuedAndItsLotsKnowWhetherTheyAreOpen()
      throws SQLException {
    DataSource db = emptyDatabase();
    assertThat(SchemaMigrator.migrate(db, 2)).isEqualTo(2);
    // what version 2 wrote for one earn of 100 points, not sealed yet, hand-written
    Transaction earn = new Transaction(TransactionId.of(1), TransactionType.TRANSFER, IdempotencyKey.of("v2-earn"),
        "earn", Map.of(), Instant.ofEpochSecond(0, 1000), Instant.ofEpochSecond(0, 1000),
        List.of(new Posting(AccountId.of("system:issuance"), -100), new Posting(AccountId.of("wallet:w"), 100)),
        List.of(), List.of(new LotMovement(AccountId.of("wallet:w"), new LotId(TransactionId.of(1), 0), 100,
            Optional.empty())), Optional.empty(), Optional.empty());
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO ledger_account VALUES ('system:issuance', 'SYSTEM', 0, -100, 0, 0, 0), "
          + "('wallet:w', 'WALLET', 0, 100, 0, 0, 0)");
      s.execute("SELECT setval('ledger_transaction_id_seq', 1)");
      s.execute("INSERT INTO ledger_transaction (id, type, idempotency_key, reason, effective_at_ns, recorded_at_ns, "
          + "detail) VALUES (1, 'TRANSFER', 'v2-earn', 'earn', 1000, 1000, '\\x"
          + HexFormat.of().formatHex(CanonicalEncoder.forThisThread().encode(earn)) + "')");
      s.execute("INSERT INTO ledger_account_entry VALUES ('system:issuance', 1, -100), ('wallet:w', 1, 100)");
      s.execute("INSERT INTO ledger_lot VALUES ('wallet:w', 1, 0, 100, 100, 0, NULL, 1000)");
    }
    JdbcLedgerStore store = JdbcLedgerStore.using(db);

    assertThat(store.migrate()).isEqualTo(SchemaMigrator.CURRENT_VERSION);

    assertThat(longs(db, "SELECT transaction_id FROM ledger_unsealed")).containsExactly(1L);
    assertThat(store.transaction(TransactionId.of(1))).contains(earn);
    Ledger ledger = Ledger.using(store, Clock.systemUTC());
    assertThat(ledger.lots(AccountId.of("wallet:w"), false)).hasSize(1);
    ledger.transfer(TransferRequest.of(IdempotencyKey.of("v3-spend"), "spend",
        Entry.debit(AccountId.of("wallet:w"), 100), Entry.credit(AccountId.of("system:issuance"), 100)));
    assertThat(longs(db, "SELECT count(*) FROM ledger_lot WHERE open")).as("the spent lot is closed").containsExactly(0L);
    assertThat(ledger.lots(AccountId.of("wallet:w"), false)).isEmpty();
    assertThat(ledger.verify().intact()).isTrue();
    assertThat(ledger.verify().checked()).isEqualTo(2);
    assertThat(longs(db, "SELECT transaction_id FROM ledger_seal ORDER BY position")).containsExactly(1L, 2L);
    assertThat(longs(db, "SELECT count(*) FROM ledger_unsealed")).as("every transaction sealed").containsExactly(0L);
  }

  @Test
  void migrateUpgradesAVersionThreeLedger_aTransactionReversedInFullStaysReversedAndPartsMayFollowOneAnother()
      throws SQLException {
    DataSource db = emptyDatabase();
    assertThat(SchemaMigrator.migrate(db, 3)).isEqualTo(3);
    // what version 3 wrote for an earn of 100 and its (full) reversal, hand-written from an in-memory run
    AccountId issuance = AccountId.of("system:issuance");
    AccountId wallet = AccountId.of("wallet:w");
    Ledger memory = Ledger.inMemory(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));
    memory.openAccount(issuance, AccountType.SYSTEM);
    memory.openAccount(wallet, AccountType.WALLET);
    Transaction earn = memory.transfer(TransferRequest.of(IdempotencyKey.of("v3-earn"), "earn",
        Entry.debit(issuance, 100), Entry.credit(wallet, 100)));
    Transaction written = memory.reverse(ReversalRequest.of(IdempotencyKey.of("v3-return"), earn.id(), "return"));
    // version 3 recorded no reversed postings: a reversal then took back its whole original
    Transaction reversal = new Transaction(written.id(), written.type(), written.key(), written.reason(),
        written.metadata(), written.effectiveAt(), written.recordedAt(), written.postings(), written.pending(),
        written.lotMovements(), written.hold(), written.reverses());
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO ledger_account VALUES ('system:issuance', 'SYSTEM', 0, 0, 0, 0, 0), "
          + "('wallet:w', 'WALLET', 0, 0, 0, 0, 0)");
      s.execute("SELECT setval('ledger_transaction_id_seq', 2)");
      for (Transaction tx : List.of(earn, reversal)) {
        s.execute("INSERT INTO ledger_transaction (id, type, idempotency_key, reason, effective_at_ns, recorded_at_ns, "
            + "reverses, detail) VALUES (" + tx.id().value() + ", '" + tx.type() + "', '" + tx.key() + "', '"
            + tx.reason() + "', 0, 0, " + tx.reverses().map(t -> String.valueOf(t.value())).orElse("NULL") + ", '\\x"
            + HexFormat.of().formatHex(CanonicalEncoder.forThisThread().encode(tx)) + "')");
        s.execute("INSERT INTO ledger_unsealed VALUES (" + tx.id().value() + ")");
        s.execute("INSERT INTO ledger_account_entry VALUES ('system:issuance', " + tx.id().value() + ", "
            + tx.amountFor(issuance) + "), ('wallet:w', " + tx.id().value() + ", " + tx.amountFor(wallet) + ")");
      }
      s.execute("INSERT INTO ledger_lot (account_id, lot_tx, lot_index, original, remaining, held, expires_at_ns, "
          + "created_at_ns) VALUES ('wallet:w', 1, 0, 100, 0, 0, NULL, 0)");
    }
    JdbcLedgerStore store = JdbcLedgerStore.using(db);

    assertThat(store.migrate()).isEqualTo(SchemaMigrator.CURRENT_VERSION);

    assertThat(longs(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'ledger_transaction_reverses'"))
        .as("the unique index is gone").containsExactly(0L);
    Ledger ledger = Ledger.using(store, Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), java.time.ZoneOffset.UTC));
    assertThat(ledger.reversalsOf(earn.id())).containsExactly(reversal);
    assertThat(ledger.reversible(earn.id())).isEmpty();
    assertThatThrownBy(() -> ledger.reverse(ReversalRequest.partial(IdempotencyKey.of("v4-part"), earn.id(),
        Map.of(wallet, -1L, issuance, 1L), "again"))).isInstanceOf(dev.loyalty.ledger.AlreadyReversedException.class)
        .hasMessageContaining(reversal.id().toString());
    Transaction second = ledger.transfer(TransferRequest.of(IdempotencyKey.of("v4-earn"), "earn",
        Entry.debit(issuance, 100), Entry.credit(wallet, 100)));
    for (int i = 0; i < 3; i++) {
      ledger.reverse(ReversalRequest.partial(IdempotencyKey.of("v4-part-" + i), second.id(),
          Map.of(wallet, -30L, issuance, 30L), "part"));
    }
    assertThat(ledger.reversalsOf(second.id())).hasSize(3);
    assertThat(ledger.balance(wallet).posted()).isEqualTo(10);
    assertThat(ledger.verify().intact()).isTrue();
  }

  private static List<Long> longs(DataSource db, String sql) throws SQLException {
    List<Long> out = new java.util.ArrayList<>();
    try (Connection c = db.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  @Test
  void theSchemaScriptSplitsIntoStatementsADbaCanRead() {
    assertThat(SchemaMigrator.statements("V1__ledger.sql"))
        .anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE ledger_account"))
        .allSatisfy(s -> assertThat(s).doesNotContain("--"));
    assertThat(SchemaMigrator.statements("V2__compact_journal.sql"))
        .anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE ledger_account_entry"))
        .allSatisfy(s -> assertThat(s).doesNotContain("--"));
    assertThat(SchemaMigrator.statements("V3__cheaper_lots_and_seals.sql"))
        .anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE ledger_unsealed"))
        .allSatisfy(s -> assertThat(s).doesNotContain("--"));
    assertThat(SchemaMigrator.statements("V4__partial_reversals.sql"))
        .containsExactly("DROP INDEX ledger_transaction_reverses",
            "CREATE INDEX ledger_transaction_reversals ON ledger_transaction (reverses) WHERE reverses IS NOT NULL");
  }
}
