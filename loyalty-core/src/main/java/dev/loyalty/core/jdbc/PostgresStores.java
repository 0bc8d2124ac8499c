package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.StoreFailureException;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.Migrations;
import dev.loyalty.core.program.Program;
import dev.loyalty.ledger.jdbc.JdbcLedgerStore;
import javax.sql.DataSource;

/**
 * Every store of the engine in one PostgreSQL database, beside the ledger: the ledger store, the
 * activity journal, the performance store, the event outbox, the tier history, the badges, the
 * partner directory, claims, the invoice records and serial register, hashed identities, the
 * audit log, approval requests, reward catalogs, redemptions, stock and code pools, all over one
 * {@link DataSource}. {@code LoyaltyEngine.builder(program, rules).postgres(dataSource)} builds an
 * engine on them whose every activity, and every change of a redemption, commits in one database
 * transaction; the stores may also be used one by one.
 *
 * <pre>{@code
 * PostgresStores.on(dataSource).migrate();          // once per deployment, or apply the SQL by hand
 * LoyaltyEngine engine = LoyaltyEngine.builder(program, rules).postgres(dataSource).build();
 * }</pre>
 *
 * <p>The schema is plain SQL in the jars: {@code dev/loyalty/ledger/jdbc/V*.sql} (the ledger's
 * tables, {@code ledger_*}) and {@code dev/loyalty/core/jdbc/V*.sql} (the engine's, {@code
 * loyalty_*}), each with its own version table. Thread-safe.
 */
public final class PostgresStores {
  private final DataSource dataSource;

  private PostgresStores(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
  }

  /** The stores in the database of {@code dataSource} (your pool; PostgreSQL 12 or later). */
  public static PostgresStores on(DataSource dataSource) {
    return new PostgresStores(dataSource);
  }

  /** The data source every store uses. */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Creates or upgrades the ledger's schema and then the engine's, idempotently (instances starting
   * together migrate once). Returns this.
   *
   * @throws StoreFailureException if the engine's schema is newer than this library's, or a script
   *                               failed; a ledger failure is the ledger's {@code
   *                               LedgerStoreException}
   */
  public PostgresStores migrate() {
    JdbcLedgerStore.using(dataSource).migrate();
    Migrations.migrate(dataSource);
    return this;
  }

  /**
   * Refuses a database whose schemas are missing or of another version than this library's, saying
   * what to do.
   *
   * @throws StoreFailureException if the engine's schema is missing or of another version (not
   *                               transient); the ledger's {@code LedgerStoreException} if its
   *                               schema is
   */
  public void requireMigrated() {
    // the engine's schema is checked before a store's first statement; a broken pooled connection is retried
    new Database(dataSource, "loyalty engine").run(c -> null);
    // the ledger's own check, with the ledger's message (the engine's schema is migrated after it)
    ledgerStore().lastSeal();
  }

  /** The ledger store (group commit on for commands outside an engine's transaction). */
  public JdbcLedgerStore ledgerStore() {
    return JdbcLedgerStore.using(dataSource);
  }

  /** The activity journal. */
  public JdbcActivityJournal journal() {
    return JdbcActivityJournal.using(dataSource);
  }

  /** Figures and tier standings. */
  public JdbcPerformanceStore performance() {
    return JdbcPerformanceStore.using(dataSource);
  }

  /** The event outbox. */
  public JdbcEventOutbox outbox() {
    return JdbcEventOutbox.using(dataSource);
  }

  /** The partner directory, for hosts without partner tables of their own. */
  public JdbcPartnerDirectory directory() {
    return JdbcPartnerDirectory.using(dataSource);
  }

  /** Every tier move (tier distributions and movements read it). */
  public JdbcTierHistory tierHistory() {
    return JdbcTierHistory.using(dataSource);
  }

  /** The badges and milestones participants earned. */
  public JdbcBadgeStore badges() {
    return JdbcBadgeStore.using(dataSource);
  }

  /** Claims. */
  public JdbcClaimStore claims() {
    return JdbcClaimStore.using(dataSource);
  }

  /**
   * The manufacturer's invoice records (loaded with {@code put}) and the register of claimed serial
   * numbers, for a host that does not answer them from its own systems.
   */
  public JdbcInvoiceRegistry invoices() {
    return JdbcInvoiceRegistry.using(dataSource);
  }

  /** The hashed identifying details of participants. */
  public JdbcIdentityStore identities() {
    return JdbcIdentityStore.using(dataSource);
  }

  /** The audit log's entries (for {@code AuditLog.using}). */
  public JdbcAuditStore auditStore() {
    return JdbcAuditStore.using(dataSource);
  }

  /** The approval requests of maker-checker (for {@code Approvals.using}). */
  public JdbcApprovalStore approvals() {
    return JdbcApprovalStore.using(dataSource);
  }

  /** The reward catalogs of {@code program} (for {@code CatalogVersions.using}). */
  public JdbcCatalogStore catalogs(Program program) {
    return JdbcCatalogStore.using(dataSource, program);
  }

  /** Redemptions (an engine on {@code postgres(dataSource)} keeps its own here unless its rewards name another). */
  public JdbcRedemptionStore redemptions() {
    return JdbcRedemptionStore.using(dataSource);
  }

  /** The stock redemptions reserve and take. */
  public JdbcStockStore stock() {
    return JdbcStockStore.using(dataSource);
  }

  /** The code pools redemptions of digital items take their codes from. */
  public JdbcCodePoolStore codePools() {
    return JdbcCodePoolStore.using(dataSource);
  }
}
