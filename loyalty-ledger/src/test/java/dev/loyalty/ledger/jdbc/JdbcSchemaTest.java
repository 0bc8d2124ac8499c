package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.spi.Seal;
import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.ChainVerification;
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
import dev.loyalty.ledger.spi.TestClock;
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
  void migrateWritesTheDetailOfVersionOneTransactionsByteForByte_soTheirChainLinksStayValid() throws SQLException {
    DataSource db = emptyDatabase();
    assertThat(SchemaMigrator.migrate(db, 1)).isEqualTo(1);
    AccountId issuance = AccountId.of("system:issuance");
    AccountId wallet = AccountId.of("wallet:\u00FC-\uD83C\uDF89");
    // two transactions as version 1 wrote them: non-ASCII text, metadata in two keys, a lot with an expiry,
    // instants before the epoch and with nanoseconds; the first one sealed (a link over its encoding)
    Transaction sealed = new Transaction(TransactionId.of(1), TransactionType.TRANSFER, IdempotencyKey.of("v1-\u00E9arn"),
        "pr\u00E4mie", Map.of("zeta", "\u20AC", "alpha", "two\nlines"), Instant.parse("1969-12-31T23:59:59.123456789Z"),
        Instant.ofEpochSecond(5, 7), List.of(new Posting(issuance, -100), new Posting(wallet, 100)), List.of(),
        List.of(new LotMovement(wallet, new LotId(TransactionId.of(1), 0), 100,
            Optional.of(Instant.parse("2027-01-01T00:00:00.000000001Z")))), Optional.empty(), Optional.empty());
    Transaction unsealed = new Transaction(TransactionId.of(2), TransactionType.TRANSFER, IdempotencyKey.of("v1-spend"),
        "spend", Map.of(), Instant.ofEpochSecond(9), Instant.ofEpochSecond(9),
        List.of(new Posting(wallet, -40), new Posting(issuance, 40)), List.of(),
        List.of(new LotMovement(wallet, new LotId(TransactionId.of(1), 0), -40,
            Optional.of(Instant.parse("2027-01-01T00:00:00.000000001Z")))), Optional.empty(), Optional.empty());
    CanonicalEncoder encoder = CanonicalEncoder.forThisThread();
    Digest link = encoder.legacyChainLink(Digest.ZERO, sealed);
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO ledger_account VALUES ('system:issuance', 'SYSTEM', 0, -60, 0, 0, 0), "
          + "('" + wallet + "', 'WALLET', 0, 60, 0, 0, 0)");
      s.execute("SELECT setval('ledger_transaction_id_seq', 2)");
      s.execute("INSERT INTO ledger_transaction (id, type, idempotency_key, reason, effective_at_ns, recorded_at_ns, "
          + "seal_position) VALUES (1, 'TRANSFER', 'v1-\u00E9arn', 'pr\u00E4mie', -876543211, 5000000007, 1), "
          + "(2, 'TRANSFER', 'v1-spend', 'spend', 9000000000, 9000000000, NULL)");
      s.execute("INSERT INTO ledger_posting VALUES (1, false, 0, 'system:issuance', -100), "
          + "(1, false, 1, '" + wallet + "', 100), (2, false, 0, '" + wallet + "', -40), (2, false, 1, 'system:issuance', 40)");
      s.execute("INSERT INTO ledger_lot_movement VALUES (1, 0, '" + wallet + "', 1, 0, 100, 1798761600000000001), "
          + "(2, 0, '" + wallet + "', 1, 0, -40, 1798761600000000001)");
      s.execute("INSERT INTO ledger_transaction_metadata VALUES (1, 'zeta', '\u20AC'), (1, 'alpha', 'two\nlines')");
      s.execute("INSERT INTO ledger_lot VALUES ('" + wallet + "', 1, 0, 100, 60, 0, 1798761600000000001, -876543211)");
      s.execute("INSERT INTO ledger_seal VALUES (1, 1, '\\x" + link.toHex() + "')");
      s.execute("INSERT INTO ledger_idempotency VALUES ('v1-\u00E9arn', '\\x" + "00".repeat(32) + "', 1, NULL, NULL), "
          + "('v1-spend', '\\x" + "11".repeat(32) + "', 2, NULL, NULL)");
    }
    JdbcLedgerStore store = JdbcLedgerStore.using(db);

    assertThat(store.migrate()).isEqualTo(SchemaMigrator.CURRENT_VERSION);

    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT detail FROM ledger_transaction ORDER BY id")) {
      rs.next();
      assertThat(HexFormat.of().formatHex(rs.getBytes(1))).isEqualTo(HexFormat.of().formatHex(encoder.encode(sealed)));
      rs.next();
      assertThat(HexFormat.of().formatHex(rs.getBytes(1))).isEqualTo(HexFormat.of().formatHex(encoder.encode(unsealed)));
    }
    assertThat(store.transaction(TransactionId.of(1))).contains(sealed);
    assertThat(store.transaction(TransactionId.of(2))).contains(unsealed);
    Ledger ledger = Ledger.using(store, Clock.systemUTC());
    ChainVerification v = ledger.verify();
    assertThat(v.intact()).as(v.detail()).isTrue();
    assertThat(v.checked()).isEqualTo(2);
    assertThat(ledger.audit().findings()).isEmpty();
    assertThat(store.seals(0, 10)).extracting(Seal::contentHash)
        .containsExactly(Optional.empty(), Optional.of(encoder.contentHash(unsealed)));
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
            + tx.reason() + "', " + Nanos.of(tx.effectiveAt()) + ", " + Nanos.of(tx.recordedAt()) + ", "
            + tx.reverses().map(t -> String.valueOf(t.value())).orElse("NULL") + ", '\\x"
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

  @Test
  void migrateUpgradesAVersionFourLedger_itsFiguresFollowFromTheJournalAndItsChainStillVerifies() throws Exception {
    DataSource db = emptyDatabase();
    assertThat(SchemaMigrator.migrate(db, 4)).isEqualTo(4);
    // a ledger's whole state, made by the in-memory store and written as version 4 kept it
    TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00.000000123Z"));
    dev.loyalty.ledger.memory.InMemoryLedgerStore memory = new dev.loyalty.ledger.memory.InMemoryLedgerStore();
    Ledger before = Ledger.using(memory, clock);
    AccountId issuance = AccountId.of("system:issuance");
    AccountId clearing = AccountId.of("system:clearing");
    AccountId budget = AccountId.of("budget:b");
    AccountId dealer = AccountId.of("wallet:dealer");
    AccountId rep = AccountId.of("wallet:rep");
    before.openAccount(issuance, AccountType.SYSTEM);
    before.openAccount(clearing, AccountType.SYSTEM);
    before.openAccount(budget, AccountType.BUDGET);
    before.openAccount(dealer, AccountType.WALLET);
    before.openAccount(rep, AccountType.WALLET);
    Transaction invoice = before.transfer(TransferRequest.of(IdempotencyKey.of("inv"), "earn", Entry.debit(issuance, 500),
        Entry.credit(dealer, 500, dev.loyalty.ledger.Expiry.at(Instant.parse("2026-06-30T00:00:00Z")))));
    clock.advance(java.time.Duration.ofDays(1));
    before.transfer(TransferRequest.of(IdempotencyKey.of("fund"), "fund", Entry.debit(issuance, 300), Entry.credit(budget, 300))
        .effectiveAt(clock.instant().minusSeconds(7200)));
    before.transfer(TransferRequest.of(IdempotencyKey.of("award"), "award", Entry.debit(budget, 100),
        Entry.credit(rep, 100)).effectiveAt(clock.instant().minusSeconds(3600)));
    dev.loyalty.ledger.HoldId posted = before.hold(dev.loyalty.ledger.HoldRequest.of(IdempotencyKey.of("h1"), dealer,
        clearing, 80, "redeem"));
    before.postHold(dev.loyalty.ledger.PostHoldRequest.partial(IdempotencyKey.of("p1"), posted, 50, "shipped"));
    dev.loyalty.ledger.HoldId open = before.hold(dev.loyalty.ledger.HoldRequest.of(IdempotencyKey.of("h2"), dealer,
        clearing, 40, "redeem").timeoutAt(clock.instant().plusSeconds(86_400)));
    before.hold(dev.loyalty.ledger.HoldRequest.of(IdempotencyKey.of("h3"), budget, rep, 20, "claim"));
    before.reverse(ReversalRequest.partial(IdempotencyKey.of("ret"), invoice.id(), Map.of(dealer, -100L, issuance, 100L),
        "return"));
    assertThatThrownBy(() -> before.transfer(TransferRequest.of(IdempotencyKey.of("too-much"), "spend",
        Entry.debit(rep, 1_000), Entry.credit(clearing, 1_000)))).isInstanceOf(dev.loyalty.ledger.LedgerException.class);
    List<Transaction> journal = memory.journal(Optional.empty(), 100);
    int sealedAtUpgrade = 4; // the first four were linked by version 4's sealer, the rest wait in the queue
    writeAsVersionFour(db, memory, journal, sealedAtUpgrade);
    JdbcLedgerStore store = JdbcLedgerStore.using(db);

    assertThat(store.migrate()).isEqualTo(SchemaMigrator.CURRENT_VERSION);

    Ledger after = Ledger.using(store, clock);
    assertThat(after.audit().findings()).as("inflow, outflow and the last credit follow from the journal").isEmpty();
    ChainVerification v = after.verify();
    assertThat(v.intact()).as(v.detail()).isTrue();
    assertThat(v.checked()).isEqualTo(journal.size());
    assertThat(store.seals(0, 100)).extracting(seal -> seal.contentHash().isPresent())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, journal.size()).mapToObj(i -> i >= sealedAtUpgrade)
            .toList());
    for (AccountId id : List.of(issuance, clearing, budget, dealer, rep)) {
      assertThat(store.accountState(id)).as("state of %s", id).isEqualTo(memory.accountState(id));
      assertThat(after.lots(id, true)).as("lots of %s", id).isEqualTo(before.lots(id, true));
    }
    assertThat(after.findHold(open)).isEqualTo(before.findHold(open));
    assertThat(store.journal(Optional.empty(), 100)).isEqualTo(journal);
    assertThatThrownBy(() -> after.transfer(TransferRequest.of(IdempotencyKey.of("too-much"), "spend",
        Entry.debit(rep, 1_000), Entry.credit(clearing, 1_000)))).isInstanceOf(dev.loyalty.ledger.LedgerException.class);
    after.transfer(TransferRequest.of(IdempotencyKey.of("after"), "spend", Entry.debit(dealer, 10), Entry.credit(clearing, 10)));
    assertThat(after.verify().intact()).isTrue();
    assertThat(after.audit().isClean()).isTrue();
  }

  /**
   * Version 6 gives every entry its transaction's effective time (and the index by it): a ledger
   * written by version 4 and upgraded to 5, whose budget was credited and drawn on out of date
   * order, answers {@code mostPostedAfter} exactly as the in-memory store that made it, and a
   * backdated debit of exactly what it held from its date on lands while one point more is refused.
   */
  @Test
  void migrateGivesAVersionFiveLedgersEntriesTheirEffectiveTimes_andBackdatedDebitsAreCheckedAgainstThem()
      throws Exception {
    DataSource db = emptyDatabase();
    assertThat(SchemaMigrator.migrate(db, 4)).isEqualTo(4);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    TestClock clock = new TestClock(t0.plus(java.time.Duration.ofDays(50)));
    dev.loyalty.ledger.memory.InMemoryLedgerStore memory = new dev.loyalty.ledger.memory.InMemoryLedgerStore();
    Ledger before = Ledger.using(memory, clock);
    AccountId issuance = AccountId.of("system:issuance");
    AccountId budget = AccountId.of("budget:b");
    AccountId dealer = AccountId.of("wallet:dealer");
    before.openAccount(issuance, AccountType.SYSTEM);
    before.openAccount(budget, AccountType.BUDGET);
    before.openAccount(dealer, AccountType.WALLET);
    Map<Integer, Transaction> credits = new java.util.HashMap<>();
    for (int[] credit : new int[][] {{30, 50}, {10, 100}, {40, 30}, {20, 40}}) {
      credits.put(credit[0], before.transfer(TransferRequest.of(IdempotencyKey.of("fund-" + credit[0]), "fund",
          Entry.debit(issuance, credit[1]), Entry.credit(budget, credit[1])).effectiveAt(t0.plus(java.time.Duration.ofDays(credit[0])))));
    }
    before.transfer(TransferRequest.of(IdempotencyKey.of("award-25"), "award", Entry.debit(budget, 60),
        Entry.credit(dealer, 60)).effectiveAt(t0.plus(java.time.Duration.ofDays(25))));
    before.transfer(TransferRequest.of(IdempotencyKey.of("award-15"), "award", Entry.debit(budget, 50),
        Entry.credit(dealer, 50)).effectiveAt(t0.plus(java.time.Duration.ofDays(15))));
    before.reverse(ReversalRequest.partial(IdempotencyKey.of("less-30"), credits.get(30).id(),
        Map.of(budget, -20L, issuance, 20L), "less").effectiveAt(t0.plus(java.time.Duration.ofDays(35))));
    before.hold(dev.loyalty.ledger.HoldRequest.of(IdempotencyKey.of("claim"), budget, dealer, 5, "claim"));
    List<Transaction> journal = memory.journal(Optional.empty(), 100);
    writeAsVersionFour(db, memory, journal, 0);
    assertThat(SchemaMigrator.migrate(db, 5)).isEqualTo(5);
    assertThat(longs(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'ledger_account_entry' "
        + "AND column_name = 'effective_at_ns'")).containsExactly(0L);
    JdbcLedgerStore store = JdbcLedgerStore.using(db);

    assertThat(store.migrate()).isEqualTo(SchemaMigrator.CURRENT_VERSION);

    long entries = journal.stream().mapToLong(tx -> java.util.stream.Stream.concat(tx.postings().stream(),
        tx.pending().stream()).map(Posting::account).distinct().count()).sum();
    assertThat(longs(db, "SELECT count(*) FROM ledger_account_entry e JOIN ledger_transaction t ON t.id = e.transaction_id "
        + "WHERE e.effective_at_ns = t.effective_at_ns")).containsExactly(entries);
    assertThat(longs(db, "SELECT count(*) FROM ledger_account_entry")).containsExactly(entries);
    for (AccountId id : List.of(issuance, budget, dealer)) {
      for (int day = -1; day <= 50; day++) {
        for (int nanos = -1; nanos <= 1; nanos++) {
          Instant from = t0.plus(java.time.Duration.ofDays(day)).plusNanos(nanos);
          assertThat(store.mostPostedAfter(id, from)).as("%s after %s", id, from).isEqualTo(memory.mostPostedAfter(id, from));
        }
      }
    }
    Ledger after = Ledger.using(store, clock);
    // day 10 +100, 15 -50, 20 +40, 25 -60, 30 +50, 35 -20, 40 +30: from day 12 on the least is 30 (days 25 to 30)
    Instant day12 = t0.plus(java.time.Duration.ofDays(12));
    long room = after.availableFrom(budget, day12);
    assertThat(room).isEqualTo(before.availableFrom(budget, day12)).isEqualTo(30);
    assertThatThrownBy(() -> after.transfer(TransferRequest.of(IdempotencyKey.of("one-more"), "award",
        Entry.debit(budget, room + 1), Entry.credit(dealer, room + 1)).effectiveAt(day12)))
        .isInstanceOf(dev.loyalty.ledger.InsufficientBalanceException.class).hasMessageContaining("had only 30 points");
    after.transfer(TransferRequest.of(IdempotencyKey.of("exactly"), "award", Entry.debit(budget, room),
        Entry.credit(dealer, room)).effectiveAt(day12));
    assertThat(after.availableFrom(budget, day12)).isZero();
    assertThat(after.verify().intact()).isTrue();
    assertThat(after.audit().isClean()).isTrue();
  }

  /**
   * Version 7 puts system accounts' changes in stripes: a version 6 ledger (written as version 4
   * kept it, upgraded to 6) keeps every account's state, balance, balances as of every day and
   * statement, exactly those of the in-memory ledger that made it; its system accounts get 16 empty
   * stripes each and the others none; and what comes after goes to the stripes, the system
   * accounts' rows staying as version 6 left them, with every read still equal to the in-memory ledger's.
   */
  @Test
  void migrateToVersionSevenKeepsEveryBalance_andLaterChangesToSystemAccountsGoToTheirStripes() throws Exception {
    DataSource db = emptyDatabase();
    assertThat(SchemaMigrator.migrate(db, 4)).isEqualTo(4);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    TestClock clock = new TestClock(t0.plus(java.time.Duration.ofDays(20)));
    dev.loyalty.ledger.memory.InMemoryLedgerStore memory = new dev.loyalty.ledger.memory.InMemoryLedgerStore();
    Ledger before = Ledger.using(memory, clock);
    AccountId issuance = AccountId.of("system:issuance");
    AccountId clearing = AccountId.of("system:clearing");
    AccountId budget = AccountId.of("budget:b");
    AccountId dealer = AccountId.of("wallet:dealer");
    AccountId rep = AccountId.of("wallet:rep");
    List<AccountId> accounts = List.of(budget, clearing, issuance, dealer, rep);
    for (AccountId id : accounts) {
      before.openAccount(id, AccountType.valueOf(id.value().substring(0, id.value().indexOf(':')).toUpperCase()));
    }
    Transaction first = null;
    for (int day = 1; day <= 10; day++) {
      Transaction award = before.transfer(TransferRequest.of(IdempotencyKey.of("award-" + day), "earn",
          Entry.debit(issuance, 100 + day), Entry.credit(dealer, 100 + day)).effectiveAt(t0.plus(java.time.Duration.ofDays(day))));
      first = first == null ? award : first;
    }
    before.transfer(TransferRequest.of(IdempotencyKey.of("fund"), "fund", Entry.debit(issuance, 500),
        Entry.credit(budget, 500)).effectiveAt(t0.plus(java.time.Duration.ofDays(2))));
    before.transfer(TransferRequest.of(IdempotencyKey.of("campaign"), "award", Entry.debit(budget, 120),
        Entry.credit(rep, 120)).effectiveAt(t0.plus(java.time.Duration.ofDays(5))));
    before.transfer(TransferRequest.of(IdempotencyKey.of("spend"), "spend", Entry.debit(dealer, 60),
        Entry.credit(clearing, 60)).effectiveAt(t0.plus(java.time.Duration.ofDays(8))));
    dev.loyalty.ledger.HoldId posted = before.hold(dev.loyalty.ledger.HoldRequest.of(IdempotencyKey.of("h1"), dealer,
        clearing, 90, "redeem"));
    before.postHold(dev.loyalty.ledger.PostHoldRequest.partial(IdempotencyKey.of("p1"), posted, 40, "shipped"));
    dev.loyalty.ledger.HoldId open = before.hold(dev.loyalty.ledger.HoldRequest.of(IdempotencyKey.of("h2"), dealer,
        clearing, 25, "redeem"));
    before.reverse(ReversalRequest.partial(IdempotencyKey.of("ret"), first.id(), Map.of(dealer, -30L, issuance, 30L),
        "return").effectiveAt(t0.plus(java.time.Duration.ofDays(12))));
    List<Transaction> journal = memory.journal(Optional.empty(), 100);
    writeAsVersionFour(db, memory, journal, 0);
    assertThat(SchemaMigrator.migrate(db, 6)).isEqualTo(6);
    List<Long> rowsAtSix = longs(db, "SELECT posted FROM ledger_account ORDER BY id");
    assertThat(rowsAtSix).containsExactlyElementsOf(accounts.stream().map(id -> memory.accountState(id).orElseThrow()
        .posted()).toList());
    String systemRows = "SELECT posted FROM ledger_account WHERE type = 'SYSTEM' ORDER BY id";
    List<Long> systemRowsAtSix = longs(db, systemRows);
    JdbcLedgerStore store = JdbcLedgerStore.using(db);

    assertThat(store.migrate()).isEqualTo(SchemaMigrator.CURRENT_VERSION);

    assertThat(longs(db, "SELECT count(*) FROM ledger_account_stripe GROUP BY account_id ORDER BY account_id"))
        .containsExactly(16L, 16L);
    assertThat(longs(db, "SELECT count(*) FROM ledger_account_stripe WHERE account_id NOT IN ('system:issuance', "
        + "'system:clearing') OR posted <> 0 OR pending_debits <> 0 OR pending_credits <> 0 OR debt <> 0 OR inflow <> 0 "
        + "OR outflow <> 0 OR last_credit_at_ns IS NOT NULL")).containsExactly(0L);
    Ledger after = Ledger.using(store, clock);
    sameReads(accounts, memory, before, store, after, t0);
    // what comes after, on both: an award, the open hold posted, a spend dated back (clearing's last credit stays)
    for (Ledger ledger : List.of(before, after)) {
      ledger.transfer(TransferRequest.of(IdempotencyKey.of("later-award"), "earn", Entry.debit(issuance, 7),
          Entry.credit(rep, 7)));
      ledger.postHold(dev.loyalty.ledger.PostHoldRequest.full(IdempotencyKey.of("later-post"), open, "shipped"));
      ledger.transfer(TransferRequest.of(IdempotencyKey.of("later-spend"), "spend", Entry.debit(rep, 3),
          Entry.credit(clearing, 3)).effectiveAt(t0.plus(java.time.Duration.ofDays(6))));
    }
    assertThat(longs(db, systemRows)).as("the system accounts' rows as version 6 left them").isEqualTo(systemRowsAtSix);
    assertThat(longs(db, "SELECT count(DISTINCT account_id) FROM ledger_account_stripe WHERE posted <> 0"))
        .containsExactly(2L);
    sameReads(accounts, memory, before, store, after, t0);
    assertThat(after.verify().intact()).isTrue();
    assertThat(after.audit().isClean()).isTrue();
  }

  /** Every account's state, balance, balances as of each day and statement, on both ledgers. */
  private static void sameReads(List<AccountId> accounts, dev.loyalty.ledger.memory.InMemoryLedgerStore memory,
      Ledger before, JdbcLedgerStore store, Ledger after, Instant t0) {
    for (AccountId id : accounts) {
      assertThat(store.accountState(id)).as("state of %s", id).isEqualTo(memory.accountState(id));
      assertThat(after.balance(id)).as("balance of %s", id).isEqualTo(before.balance(id));
      for (int day = 0; day <= 21; day++) {
        Instant at = t0.plus(java.time.Duration.ofDays(day));
        assertThat(after.balanceAsOf(id, at)).as("%s as of %s", id, at).isEqualTo(before.balanceAsOf(id, at));
      }
      assertThat(after.statement(id, t0.plus(java.time.Duration.ofDays(3)), t0.plus(java.time.Duration.ofDays(21))))
          .as("statement of %s", id)
          .isEqualTo(before.statement(id, t0.plus(java.time.Duration.ofDays(3)), t0.plus(java.time.Duration.ofDays(21))));
    }
    assertThat(after.trialBalance()).isEqualTo(before.trialBalance());
  }

  /** Writes {@code memory}'s whole state into a version 4 schema, as version 4 of the store kept it. */
  private static void writeAsVersionFour(DataSource db, dev.loyalty.ledger.memory.InMemoryLedgerStore memory,
      List<Transaction> journal, int sealed) throws SQLException {
    CanonicalEncoder encoder = CanonicalEncoder.forThisThread();
    try (Connection c = db.getConnection()) {
      try (var ps = c.prepareStatement("INSERT INTO ledger_account (id, type, opened_at_ns, posted, pending_debits, "
          + "pending_credits, debt) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (var a : memory.accountStates()) {
          ps.setString(1, a.id().value());
          ps.setString(2, a.account().type().name());
          ps.setBigDecimal(3, Nanos.of(a.account().openedAt()));
          ps.setLong(4, a.posted());
          ps.setLong(5, a.pendingDebits());
          ps.setLong(6, a.pendingCredits());
          ps.setLong(7, a.debt());
          ps.executeUpdate();
        }
      }
      Digest previous = Digest.ZERO;
      for (Transaction tx : journal) {
        try (var ps = c.prepareStatement("INSERT INTO ledger_transaction (id, type, idempotency_key, reason, "
            + "effective_at_ns, recorded_at_ns, hold_id, reverses, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setLong(1, tx.id().value());
          ps.setString(2, tx.type().name());
          ps.setString(3, tx.key().value());
          ps.setString(4, tx.reason());
          ps.setBigDecimal(5, Nanos.of(tx.effectiveAt()));
          ps.setBigDecimal(6, Nanos.of(tx.recordedAt()));
          ps.setObject(7, tx.hold().map(h -> h.transaction().value()).orElse(null), java.sql.Types.BIGINT);
          ps.setObject(8, tx.reverses().map(TransactionId::value).orElse(null), java.sql.Types.BIGINT);
          ps.setBytes(9, encoder.encode(tx));
          ps.executeUpdate();
        }
        Map<AccountId, Long> net = new java.util.LinkedHashMap<>();
        tx.postings().forEach(p -> net.merge(p.account(), p.amount(), Long::sum));
        tx.pending().forEach(p -> net.putIfAbsent(p.account(), 0L));
        for (var e : net.entrySet()) {
          try (var ps = c.prepareStatement("INSERT INTO ledger_account_entry VALUES (?, ?, ?)")) {
            ps.setString(1, e.getKey().value());
            ps.setLong(2, tx.id().value());
            ps.setLong(3, e.getValue());
            ps.executeUpdate();
          }
        }
        if (tx.id().value() <= sealed) {
          previous = encoder.legacyChainLink(previous, tx);
          try (var ps = c.prepareStatement("INSERT INTO ledger_seal (position, transaction_id, hash) VALUES (?, ?, ?)")) {
            ps.setLong(1, tx.id().value());
            ps.setLong(2, tx.id().value());
            ps.setBytes(3, previous.toBytes());
            ps.executeUpdate();
          }
        } else {
          try (var ps = c.prepareStatement("INSERT INTO ledger_unsealed (transaction_id) VALUES (?)")) {
            ps.setLong(1, tx.id().value());
            ps.executeUpdate();
          }
        }
        if (tx.type() == TransactionType.HOLD) {
          dev.loyalty.ledger.Hold h = memory.hold(tx.hold().orElseThrow()).orElseThrow();
          try (var ps = c.prepareStatement("INSERT INTO ledger_hold VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, h.id().transaction().value());
            ps.setString(2, h.from().value());
            ps.setString(3, h.to().value());
            ps.setLong(4, h.amount());
            ps.setString(5, h.toExpiry() instanceof dev.loyalty.ledger.Expiry.At ? "AT"
                : h.toExpiry() == dev.loyalty.ledger.Expiry.carried() ? "CARRIED" : "NEVER");
            ps.setObject(6, h.toExpiry() instanceof dev.loyalty.ledger.Expiry.At at ? Nanos.of(at.instant()) : null,
                java.sql.Types.NUMERIC);
            ps.setObject(7, h.timeoutAt().map(Nanos::of).orElse(null), java.sql.Types.NUMERIC);
            ps.setString(8, h.status().name());
            ps.setLong(9, h.postedAmount());
            ps.setObject(10, h.resolvedBy().map(TransactionId::value).orElse(null), java.sql.Types.BIGINT);
            ps.setBigDecimal(11, Nanos.of(h.createdAt()));
            ps.executeUpdate();
          }
          for (int i = 0; i < h.reservations().size(); i++) {
            try (var ps = c.prepareStatement("INSERT INTO ledger_hold_reservation VALUES (?, ?, ?, ?, ?)")) {
              ps.setLong(1, h.id().transaction().value());
              ps.setInt(2, i);
              ps.setLong(3, h.reservations().get(i).lot().transaction().value());
              ps.setInt(4, h.reservations().get(i).lot().index());
              ps.setLong(5, h.reservations().get(i).amount());
              ps.executeUpdate();
            }
          }
        }
      }
      for (var a : memory.accountStates()) {
        for (dev.loyalty.ledger.Lot lot : memory.lots(a.id(), true)) {
          try (var ps = c.prepareStatement("INSERT INTO ledger_lot (account_id, lot_tx, lot_index, original, remaining, "
              + "held, expires_at_ns, created_at_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, lot.account().value());
            ps.setLong(2, lot.id().transaction().value());
            ps.setInt(3, lot.id().index());
            ps.setLong(4, lot.original());
            ps.setLong(5, lot.remaining());
            ps.setLong(6, lot.held());
            ps.setObject(7, lot.expiresAt().map(Nanos::of).orElse(null), java.sql.Types.NUMERIC);
            ps.setBigDecimal(8, Nanos.of(lot.createdAt()));
            ps.executeUpdate();
          }
        }
      }
      var keys = journal.stream().map(Transaction::key).collect(java.util.stream.Collectors.toList());
      keys.add(IdempotencyKey.of("too-much"));
      for (var r : memory.outcomes(keys).values()) {
        try (var ps = c.prepareStatement("INSERT INTO ledger_idempotency VALUES (?, ?, ?, ?, ?)")) {
          ps.setString(1, r.key().value());
          ps.setBytes(2, r.fingerprint().toBytes());
          ps.setObject(3, r.transaction().map(TransactionId::value).orElse(null), java.sql.Types.BIGINT);
          ps.setString(4, r.rejection().map(x -> x.code().name()).orElse(null));
          ps.setString(5, r.rejection().map(x -> x.message()).orElse(null));
          ps.executeUpdate();
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("SELECT setval('ledger_transaction_id_seq', " + journal.size() + ")");
      }
    }
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
    // the trigger's function body, with its own semicolon, stays one statement
    assertThat(SchemaMigrator.statements("V7__system_account_stripes.sql"))
        .extracting(statement -> statement.substring(0, statement.indexOf(' ', statement.indexOf(' ') + 1)))
        .containsExactly("CREATE TABLE", "INSERT INTO", "CREATE FUNCTION", "CREATE TRIGGER", "CREATE VIEW");
  }
}
