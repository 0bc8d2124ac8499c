package dev.loyalty.core.testing;

import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;

import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.access.Permission;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.access.Scope;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.Proof;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.jdbc.JdbcActivityJournal;
import dev.loyalty.core.jdbc.JdbcApprovalStore;
import dev.loyalty.core.jdbc.JdbcAuditStore;
import dev.loyalty.core.jdbc.JdbcClaimStore;
import dev.loyalty.core.jdbc.JdbcIdentityStore;
import dev.loyalty.core.jdbc.JdbcInvoiceRegistry;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.spi.ApprovalStore;
import dev.loyalty.core.spi.AuditStore;
import dev.loyalty.core.spi.AuditStoreContract;
import dev.loyalty.core.spi.ClaimStore;
import dev.loyalty.core.spi.IdentityStore;
import dev.loyalty.core.spi.InMemoryInvoiceRegistry;
import dev.loyalty.core.spi.InvoiceRegistry;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The channel of {@link ChannelFixture} with claims: an engine whose every store is in memory and
 * reachable (claims, the invoice records, identities, the audit log, approvals), the rules of
 * {@link ClaimTestRules}, and the people of a program: claimants, checkers with limits and scopes,
 * an adjuster and approvers.
 */
public final class ClaimsFixture {
  /** 2 July 2026, 10:00 in the program's zone. */
  public static final Instant T0 = LocalDateTime.parse("2026-07-02T10:00").atZone(ZONE).toInstant();
  public static final PartnerId DEALER = ChannelFixture.DEALERS.get(0);
  public static final PartnerId OTHER_DEALER = ChannelFixture.DEALERS.get(1);
  public static final MemberId REP = ChannelFixture.rep(DEALER, 1);
  /** Claims above this total go to review under {@link ClaimTestRules}. */
  public static final String REVIEW_ABOVE = "50000";

  /** Dealer A's claimant: submits claims up to 5,000 points. */
  public static final Actor ANA = Actor.of(ActorId.of("ana"), Roles.CLAIMANT).withLimit(Permission.SUBMIT_CLAIM, 5_000);
  /** Dealer B's claimant. */
  public static final Actor BEN = Actor.of(ActorId.of("ben"), Roles.CLAIMANT);
  /** A checker of claims and reviews up to 1,000 points, anywhere. */
  public static final Actor BOB = Actor.of(ActorId.of("bob"), Roles.REVIEWER).withLimit(Permission.DECIDE_CLAIM, 1_000)
      .withLimit(Permission.DECIDE_REVIEW, 1_000);
  /** A checker without a limit, anywhere. */
  public static final Actor CARO = Actor.of(ActorId.of("caro"), Roles.REVIEWER);
  /** A checker without a limit for the south region only. */
  public static final Actor DAN = Actor.of(ActorId.of("dan"), Roles.REVIEWER).withScope(Scope.regions("south"));
  /** Holds no decision permission. */
  public static final Actor EVE = Actor.of(ActorId.of("eve"), Roles.CLAIMANT);
  /** Asks for adjustments up to 100,000 points. */
  public static final Actor ADA = Actor.of(ActorId.of("ada"), Roles.ADJUSTER)
      .withLimit(Permission.REQUEST_ADJUSTMENT, 100_000);
  /** Approves adjustments up to 20,000 points. */
  public static final Actor AMY = Actor.of(ActorId.of("amy"), Roles.APPROVER)
      .withLimit(Permission.APPROVE_ADJUSTMENT, 20_000);
  /** Approves adjustments without a limit. */
  public static final Actor ALI = Actor.of(ActorId.of("ali"), Roles.APPROVER);
  /** Rep 1 of dealer A, as an actor with every permission (maker-checker still binds it). */
  public static final Actor RAVI = Actor.of(ActorId.of(REP.value()), Roles.ADMINISTRATOR);

  public final TestClock clock;
  public final InMemoryPartnerDirectory directory = PartnerDirectory.inMemory();
  public final Program program;
  public final Ledger ledger;
  public final ActivityJournal journal;
  public final ClaimStore claims;
  public final InvoiceRegistry invoices;
  public final IdentityStore identities;
  public final AuditStore auditStore;
  public final ApprovalStore approvals;
  public final List<LoyaltyEvent> events = Collections.synchronizedList(new ArrayList<>());
  public final LoyaltyEngine engine;
  /** The database of an engine whose stores are in PostgreSQL ({@link #onPostgres}). */
  private final Optional<DataSource> postgres;
  /** How an invoice record is loaded into {@link #invoices}. */
  private final Consumer<InvoiceRecord> load;

  /** The fixture at {@link #T0} with the default program. */
  public ClaimsFixture() {
    this(T0, defaultProgram(), new ClaimTestRules());
  }

  /** The fixture at {@code start} with {@code program} and {@code rules}. */
  public ClaimsFixture(Instant start, Program program, RuleEngine rules) {
    this(new TestClock(start), program, rules, ClaimStore.inMemory(), ActivityJournal.inMemory(), Optional.empty());
  }

  /**
   * The default fixture on an engine built with {@code postgres(dataSource)}: its ledger, journal,
   * figures, outbox, claims, invoice records and serial register, identities, audit log and
   * approvals in the database; the directory in memory.
   */
  public static ClaimsFixture onPostgres(DataSource dataSource) {
    return new ClaimsFixture(new TestClock(T0), defaultProgram(), new ClaimTestRules(),
        JdbcClaimStore.using(dataSource), JdbcActivityJournal.using(dataSource), Optional.of(dataSource));
  }

  /** The default fixture keeping claims in {@code claims} and activities in {@code journal} (crashing ones, say). */
  public static ClaimsFixture with(ClaimStore claims, ActivityJournal journal) {
    return new ClaimsFixture(new TestClock(T0), defaultProgram(), new ClaimTestRules(), claims, journal,
        Optional.empty());
  }

  private ClaimsFixture(TestClock clock, Program program, RuleEngine rules, ClaimStore claims,
      ActivityJournal journal, Optional<DataSource> postgres) {
    this.clock = clock;
    this.program = program;
    this.claims = claims;
    this.journal = journal;
    this.postgres = postgres;
    if (postgres.isPresent()) {
      JdbcInvoiceRegistry registry = JdbcInvoiceRegistry.using(postgres.get());
      this.invoices = registry;
      this.load = registry::put;
      this.identities = JdbcIdentityStore.using(postgres.get());
      this.auditStore = JdbcAuditStore.using(postgres.get());
      this.approvals = JdbcApprovalStore.using(postgres.get());
    } else {
      InMemoryInvoiceRegistry registry = InvoiceRegistry.inMemory();
      this.invoices = registry;
      this.load = registry::put;
      this.identities = IdentityStore.inMemory();
      this.auditStore = AuditStore.inMemory();
      this.approvals = ApprovalStore.inMemory();
    }
    ChannelFixture.enrol(directory);
    engine = builder(rules).build();
    this.ledger = engine.ledger();
  }

  /** A builder over this fixture's stores, for a second engine sharing them (another process, say). */
  public LoyaltyEngine.Builder builder(RuleEngine rules) {
    LoyaltyEngine.Builder builder = LoyaltyEngine.builder(program, rules).clock(clock).directory(directory);
    if (postgres.isPresent()) {
      builder.postgres(postgres.get());
    } else {
      builder.ledger(ledger != null ? ledger : Ledger.inMemory(clock)).journal(journal);
    }
    return builder.claimStore(claims).invoiceRegistry(invoices).identityStore(identities).auditStore(auditStore)
        .approvalStore(approvals).identitySalt("a test salt of 16+ bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .listener("test", events::add);
  }

  /** The channel program with a 300-point campaign, claims above {@link #REVIEW_ABOVE} sent to review. */
  public static Program defaultProgram() {
    Program base = ChannelFixture.program(300);
    Map<String, String> parameters = new java.util.HashMap<>(base.parameters());
    parameters.put(ClaimTestRules.REVIEW_ABOVE, REVIEW_ABOVE);
    return base.withParameters(parameters);
  }

  /** A claim of dealer A for {@code quantity} cables at 1,000 INR, on invoice {@code invoice} of {@code day}. */
  public static ClaimSubmission claim(String id, String invoice, LocalDate day, long quantity, String... serials) {
    return new ClaimSubmission(dev.loyalty.core.claims.ClaimId.of(id), DEALER, Optional.empty(), invoice, day, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", quantity, "1000")), Proof.of("DOC-" + id, serials));
  }

  /** Loads {@code record} into the manufacturer's records. */
  public void putInvoice(InvoiceRecord record) {
    load.accept(record);
  }

  /** The manufacturer's record that matches {@code claim}. */
  public void recordInvoiceOf(ClaimSubmission claim) {
    putInvoice(new InvoiceRecord(claim.partner(), claim.invoiceNumber(), claim.invoiceDate(), claim.currency(),
        claim.lines(), java.util.Set.copyOf(claim.proof().serialNumbers())));
  }

  /** Every entry of the audit log. */
  public List<AuditEntry> auditEntries() {
    return AuditStoreContract.everyEntry(engine.audit());
  }
}
