package dev.loyalty.core;

import static dev.loyalty.core.internal.Settings.once;
import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.access.Approvals;
import dev.loyalty.core.access.AuditLog;
import dev.loyalty.core.access.Authorizer;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.adjustments.Adjustment;
import dev.loyalty.core.adjustments.AdjustmentRequest;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.IdentityHash;
import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.event.EventDispatcher;
import dev.loyalty.core.event.LoyaltyListener;
import dev.loyalty.core.internal.Audited;
import dev.loyalty.core.insights.Insights;
import dev.loyalty.core.internal.AwardPlanner;
import dev.loyalty.core.internal.Badges;
import dev.loyalty.core.internal.Completion;
import dev.loyalty.core.internal.Events;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.internal.LedgerPoster;
import dev.loyalty.core.internal.LedgerStep;
import dev.loyalty.core.internal.ParticipantFigures;
import dev.loyalty.core.internal.PartnerLocks;
import dev.loyalty.core.internal.PartnerWork;
import dev.loyalty.core.internal.TierKeeper;
import dev.loyalty.core.internal.Transactions;
import dev.loyalty.core.internal.adjustments.Adjustments;
import dev.loyalty.core.internal.claims.Claims;
import dev.loyalty.core.internal.claims.Identities;
import dev.loyalty.core.internal.insights.InsightsReads;
import dev.loyalty.core.internal.insights.InsightsService;
import dev.loyalty.core.internal.insights.StoreReads;
import dev.loyalty.core.internal.period.PeriodClose;
import dev.loyalty.core.internal.reads.Reads;
import dev.loyalty.core.internal.recording.ActivityChecks;
import dev.loyalty.core.internal.recording.EarningPlan;
import dev.loyalty.core.internal.recording.EarningStep;
import dev.loyalty.core.internal.recording.Recording;
import dev.loyalty.core.internal.recovery.Recovery;
import dev.loyalty.core.internal.returns.ReturnStep;
import dev.loyalty.core.internal.returns.Returns;
import dev.loyalty.core.internal.review.Review;
import dev.loyalty.core.internal.review.ReviewHolds;
import dev.loyalty.core.internal.rewards.RewardsService;
import dev.loyalty.core.internal.rewards.RewardsStores;
import dev.loyalty.core.internal.setup.ProgramSetup;
import dev.loyalty.core.jdbc.JdbcPartnerDirectory;
import dev.loyalty.core.jdbc.PostgresStores;
import dev.loyalty.core.jdbc.internal.JdbcInsightsReads;
import dev.loyalty.core.jdbc.internal.PartnerTransactions;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.EarnedPoints;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramDefinitionException;
import dev.loyalty.core.rewards.Rewards;
import dev.loyalty.core.rewards.RewardsSetup;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.ApprovalStore;
import dev.loyalty.core.spi.AuditStore;
import dev.loyalty.core.spi.ClaimStore;
import dev.loyalty.core.spi.CodePoolStore;
import dev.loyalty.core.spi.BadgeStore;
import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.spi.IdentityStore;
import dev.loyalty.core.spi.InvoiceRegistry;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.spi.RedemptionStore;
import dev.loyalty.core.spi.StockStore;
import dev.loyalty.core.spi.TierHistory;
import dev.loyalty.core.tier.TierProgress;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The one facade a host calls: activities in, explained awards and tiers out.
 *
 * <p>{@link #record(Activity)} validates an activity, returns the stored receipt if the activity
 * was recorded before, evaluates the rules as of the activity's own date, writes all awards as one
 * balanced ledger transaction (cut to what campaign budgets hold), updates performance figures and
 * tiers, and notifies listeners. An activity held for review posts its awards as ledger holds,
 * which {@link #approve} posts and {@link #reject} releases. A return takes back the invoice's
 * awards in proportion to what came back.
 *
 * <p><b>Nothing is half-applied.</b> The engine files a planned receipt in the {@link
 * ActivityJournal} before it writes anything else; every later step (ledger commands, figures,
 * tier, events) is idempotent, and the entry is marked complete last. If the process stops in
 * between, recording the same activity again, or {@link #recover()}, finishes the remaining steps
 * exactly once. Events reach listeners at least once, from an {@link EventOutbox}.
 *
 * <p>The trust side of a program goes through here too: claims for sales ({@link #submitClaim}),
 * checked against the manufacturer's records and judged by the risk rules, approved or rejected by
 * a checker ({@link #approveClaim}); decisions on activities in review ({@link #approve}); manual
 * adjustments approved by one or two checkers ({@link #requestAdjustment}). Each takes the {@link
 * Actor} the host mapped its user to, is authorized against the actor's permissions, limits and
 * scope (never by the maker of what it checks), and lands in the {@link #audit() audit log},
 * allowed or refused; a refused action changes nothing else.
 *
 * <p>The facade only delegates: each capability (recording, review, returns, period close, reads,
 * recovery and delivery, rewards, insights, claims and adjustments) is one class behind it, in {@code
 * dev.loyalty.core.internal.<capability>}, and all of them write the journal through one class and
 * append events through another. An engine built with {@link Builder#rewards} also redeems:
 * {@link #rewards()}.
 *
 * <p>Thread-safe. Activities of one partner (and its members) are processed one at a time;
 * different partners in parallel. No method accepts or returns null.
 */
public final class LoyaltyEngine {
  private final Program program;
  private final Ledger ledger;
  private final List<BudgetChange> budgetChanges;
  private final Events events;
  private final Recording recording;
  private final Review review;
  private final PeriodClose periods;
  private final Reads reads;
  private final Recovery recovery;
  private final Insights insights;
  private final Optional<Rewards> rewards;
  private final Claims claims;
  private final Adjustments adjustments;
  private final Identities identities;
  private final AuditLog audit;

  private LoyaltyEngine(Builder b) {
    this.program = b.program;
    Clock clock = b.clock != null ? b.clock : b.ledger != null ? b.ledger.clock() : Clock.systemUTC();
    Optional<PostgresStores> postgres = Optional.ofNullable(b.postgres).map(PostgresStores::on);
    this.ledger = postgres.map(pg -> Ledger.using(pg.ledgerStore(), clock))
        .orElseGet(() -> b.ledger != null ? b.ledger : Ledger.inMemory(clock));
    PartnerDirectory directory = b.directory != null ? b.directory : postgres.orElseThrow().directory();
    PerformanceStore performance = postgres.<PerformanceStore>map(PostgresStores::performance)
        .orElseGet(() -> b.performance != null ? b.performance : PerformanceStore.inMemory());
    EventOutbox outbox = postgres.<EventOutbox>map(PostgresStores::outbox)
        .orElseGet(() -> b.outbox != null ? b.outbox : EventOutbox.inMemory());
    ActivityJournal journalStore = postgres.<ActivityJournal>map(PostgresStores::journal)
        .orElseGet(() -> b.journal != null ? b.journal : ActivityJournal.inMemory());
    Duration expiryNotice = b.expiryNotice != null ? b.expiryNotice : Duration.ofDays(30);

    // Shared by the capabilities: the one journal writer, the one outbox appender, the partners'
    // work (one transaction each when every store shares one database).
    Journal journal = new Journal(journalStore);
    this.events = new Events(outbox, new EventDispatcher(outbox, b.listeners));
    PartnerLocks locks = new PartnerLocks(256);
    PartnerWork work = new PartnerWork(locks, postgres
        .<Transactions>map(pg -> new PartnerTransactions(pg.dataSource(),
            directory instanceof JdbcPartnerDirectory)).orElse(Transactions.NONE));
    ParticipantFigures figures = new ParticipantFigures(program, directory, performance, journal);
    TierHistory tierHistory = postgres.<TierHistory>map(PostgresStores::tierHistory)
        .orElseGet(() -> b.tierHistory != null ? b.tierHistory : TierHistory.inMemory());
    TierKeeper tiers = new TierKeeper(program, performance, figures, events, tierHistory);
    Badges badges = new Badges(postgres.<BadgeStore>map(PostgresStores::badges)
        .orElseGet(() -> b.badges != null ? b.badges : BadgeStore.inMemory()));
    LedgerPoster poster = new LedgerPoster(program, ledger, journal, work);
    AwardPlanner awards = new AwardPlanner(program, poster);

    // The ledger step of each kind of entry, which Completion runs first.
    EarningStep earning = new EarningStep(poster, awards);
    ReviewHolds holds = new ReviewHolds(poster, awards);
    ReturnStep takeBack = new ReturnStep(poster, awards);
    Function<JournalEntry, LedgerStep> stepOf = entry -> {
      Receipt r = entry.receipt();
      return switch (r.status()) {
        case RECORDED -> r.holds().isEmpty() ? earning : holds;
        case IN_REVIEW, REJECTED -> holds;
        case RETURNED -> takeBack;
        case BLOCKED, REFUSED -> LedgerStep.NOTHING;
      };
    };
    Completion completion = new Completion(journal, events, figures, tiers, badges, work, stepOf);

    ActivityChecks checks = new ActivityChecks(program, directory);
    Returns returns = new Returns(journal, completion);
    EarningPlan earningPlan = new EarningPlan(program, b.rules, directory, figures, checks, awards);
    this.recording = new Recording(clock, checks, earningPlan, returns, journal, completion);
    this.audit = AuditLog.using(b.auditStore != null ? b.auditStore
        : postgres.<AuditStore>map(PostgresStores::auditStore).orElseGet(AuditStore::inMemory), clock);
    Audited audited = new Audited(audit);
    Authorizer authorizer = b.authorizer != null ? b.authorizer : Authorizer.standard();
    this.review = new Review(journal, completion, directory, authorizer, audited);
    this.periods = new PeriodClose(program, ledger, performance, figures, tiers, work, events, expiryNotice);
    this.reads = new Reads(program, ledger, journal, figures, performance, clock);
    this.recovery = new Recovery(journal, completion);
    // Claims and adjustments run staged, as they were built to: their steps, the activities claims
    // record and decide included, are idempotent and each commits on its own, under the partner's
    // lock in this JVM but not in one database transaction (an audit entry of a refusal must
    // outlive the refusal). Redemptions too, unless all their stores are in the database.
    Completion staged = work.atomic() ? new Completion(journal, events, figures, tiers, badges,
        new PartnerWork(locks, Transactions.NONE), stepOf) : completion;
    IdentityStore identityStore = b.identities != null ? b.identities
        : postgres.<IdentityStore>map(PostgresStores::identities).orElseGet(IdentityStore::inMemory);
    ClaimStore claimStore = b.claims != null ? b.claims
        : postgres.<ClaimStore>map(PostgresStores::claims).orElseGet(ClaimStore::inMemory);
    InvoiceRegistry invoices = b.invoices != null ? b.invoices
        : postgres.<InvoiceRegistry>map(PostgresStores::invoices).orElseGet(InvoiceRegistry::inMemory);
    this.claims = new Claims(program, clock, claimStore, invoices, identityStore, ledger, directory, figures,
        work.atomic() ? new Recording(clock, checks, earningPlan, new Returns(journal, staged), journal, staged)
            : recording,
        work.atomic() ? new Review(journal, staged, directory, authorizer, audited) : review,
        journal, staged, authorizer, audited);
    ApprovalStore approvals = b.approvals != null ? b.approvals
        : postgres.<ApprovalStore>map(PostgresStores::approvals).orElseGet(ApprovalStore::inMemory);
    this.adjustments = new Adjustments(program, poster, directory, Approvals.using(approvals, audit, authorizer, clock),
        audited, staged, clock);
    this.identities = new Identities(identityStore, directory, Optional.ofNullable(b.identitySalt), clock);
    this.insights = new InsightsService(program, ledger, directory, performance, tierHistory, badges,
        postgres.<InsightsReads>map(pg -> new JdbcInsightsReads(pg.dataSource(), program))
            .orElseGet(() -> new StoreReads(program, ledger, journal)));
    this.budgetChanges = new ProgramSetup(program, ledger).apply();
    this.rewards = Optional.ofNullable(b.rewards).map(setup -> rewards(setup, postgres, completion, staged, ledger,
        directory, performance, clock, badges));
  }

  /**
   * The rewards of {@code setup} on the engine's own stores where it names none: in memory, or in
   * the engine's database. Where every store a redemption writes is in that database, each change of
   * a redemption is one transaction holding its partner's lock across instances ({@code atomic}, as
   * activities); otherwise it runs staged.
   */
  private RewardsService rewards(RewardsSetup setup, Optional<PostgresStores> postgres, Completion atomic,
      Completion staged, Ledger ledger, PartnerDirectory directory, PerformanceStore performance, Clock clock,
      Badges badges) {
    RewardsStores stores = new RewardsStores(
        setup.redemptions().orElseGet(() -> postgres.<RedemptionStore>map(PostgresStores::redemptions)
            .orElseGet(RedemptionStore::inMemory)),
        setup.stock().orElseGet(() -> postgres.<StockStore>map(PostgresStores::stock).orElseGet(StockStore::inMemory)),
        setup.codes().orElseGet(() -> postgres.<CodePoolStore>map(PostgresStores::codePools)
            .orElseGet(CodePoolStore::inMemory)));
    boolean allInTheDatabase = postgres.isPresent() && setup.redemptions().isEmpty() && setup.stock().isEmpty()
        && setup.codes().isEmpty();
    return new RewardsService(program, ledger, directory, performance, clock, events, allInTheDatabase ? atomic
        : staged, badges, setup, stores);
  }

  /** Starts building an engine for {@code program} with {@code rules}. */
  public static Builder builder(Program program, RuleEngine rules) {
    return new Builder(program, rules);
  }

  /**
   * Records {@code activity} and returns its receipt; recording it again returns the same receipt.
   * Everything the activity decides (rules, campaigns, tier upgrades, the expiry of what it earns)
   * is judged as of its own {@code occurredAt}; the engine's clock only refuses activities dated in
   * the future and stamps the receipt.
   *
   * @throws UnknownPartnerException      if the partner (or a referred partner) is not enrolled
   * @throws UnknownMemberException       if the member is not enrolled or works for another partner
   * @throws NotEnrolledException         if the partner or member is suspended or terminated
   * @throws DuplicateActivityException   if the id was recorded with different content
   * @throws UnknownActivityException     if a return names an invoice that was not recorded
   * @throws InvalidActivityException     if the activity does not fit (currency, future date, a
   *                                      return of more than was sold, a rule awarding someone
   *                                      unknown or outside the activity's organisation)
   * @throws ActivityRefusedException     if the ledger refused its points for good (a balance would
   *                                      overflow): its receipt is {@link Receipt.Status#REFUSED}
   * @throws LoyaltyException             any {@code LoyaltyException} the rule engine throws, as it
   *                                      threw it; any other exception of the rule engine wrapped in
   *                                      a {@link RuleEngineException}. In every case but the
   *                                      ledger's refusal, nothing changes
   */
  public Receipt record(Activity activity) {
    return recording.record(activity);
  }

  /**
   * Approves an activity held for review: its holds are posted (the points become spendable; a
   * campaign's share was reserved in its budget when the activity was held), and it counts in
   * figures and tiers as of its own date.
   *
   * @param checker who approves: must hold {@code DECIDE_REVIEW} within its limit (for the points
   *                held) and scope (the activity's partner), and must not be the activity's maker
   *                (the member who reported it: an actor whose id is the member's)
   * @param reason  why; not blank, at most 2,000 characters; the audit log keeps it
   * @throws UnknownActivityException if the activity was not recorded or is not in review
   * @throws InvalidActivityException if the activity is a claim's (decide the claim instead)
   * @throws dev.loyalty.core.access.NotAuthorizedException if the checker may not decide it
   */
  public Receipt approve(ActivityId activity, Actor checker, String reason) {
    return review.decide(activity, checker, reason, true);
  }

  /**
   * Rejects an activity held for review: its holds are released and nothing is awarded. The checker
   * is checked as for {@link #approve}.
   *
   * @throws UnknownActivityException if the activity was not recorded or is not in review
   * @throws InvalidActivityException if the activity is a claim's (decide the claim instead)
   * @throws dev.loyalty.core.access.NotAuthorizedException if the checker may not decide it
   */
  public Receipt reject(ActivityId activity, Actor checker, String reason) {
    return review.decide(activity, checker, reason, false);
  }

  // ---------------------------------------------------------------------------------------------
  // Claims

  /**
   * Submits a claim for a sale as {@code claimant}: checks it against the manufacturer's records
   * ({@link Builder#invoiceRegistry}), computes its risk figures, and records it as a sale activity
   * ({@code claim:<id>}) whose rules' risk stage decides: approved and paid at once, held for a
   * checker (its points pending in the wallet), or blocked. Submitting the same claim again returns
   * it as it stands (finishing it if a crash interrupted it).
   *
   * @param claimant who submits: must hold {@code SUBMIT_CLAIM}, within its scope and within its limit
   *                 for the points the rules award
   * @return the claim: {@code PAID}, {@code IN_REVIEW} or {@code BLOCKED}; its explanation says why
   * @throws dev.loyalty.core.claims.DuplicateClaimException if the id was submitted with other content
   * @throws dev.loyalty.core.access.NotAuthorizedException if the claimant may not submit it
   * @throws UnknownPartnerException if the partner is not enrolled
   * @throws UnknownMemberException if the member is not enrolled or works for another partner
   * @throws NotEnrolledException if the partner or member is suspended or terminated
   * @throws InvalidActivityException if it does not fit the program (another currency, a future date)
   * @throws dev.loyalty.core.claims.InvalidClaimException if the claim itself is not valid
   */
  public Claim submitClaim(Actor claimant, ClaimSubmission submission) {
    return claims.submit(claimant, submission);
  }

  /**
   * Approves a claim waiting for a decision: its held points are posted and it is {@code PAID}.
   *
   * @param checker must hold {@code DECIDE_CLAIM} within its limit (for the points held) and scope;
   *                must be neither the claimant nor the member who sold
   * @param reason  why; not blank, at most 2,000 characters
   * @throws dev.loyalty.core.claims.UnknownClaimException if there is no such claim
   * @throws dev.loyalty.core.claims.ClaimStateException if it is not waiting for a decision (decided
   *                                                      already, by this checker or another)
   * @throws dev.loyalty.core.access.NotAuthorizedException if the checker may not decide it
   */
  public Claim approveClaim(ClaimId claim, Actor checker, String reason) {
    return claims.approve(claim, checker, reason);
  }

  /**
   * Rejects a claim waiting for a decision: its held points are released. The checker is checked
   * as for {@link #approveClaim}, with the same exceptions.
   */
  public Claim rejectClaim(ClaimId claim, Actor checker, String reason) {
    return claims.reject(claim, checker, reason);
  }

  /**
   * Asks the claimant of a claim in review for more information ({@code MORE_INFO_REQUESTED}); its
   * points stay held until the claimant resubmits it, a checker decides it, or it expires. The
   * checker is checked as for {@link #approveClaim}, with the same exceptions.
   *
   * @param question what the claimant should add; not blank, at most 2,000 characters
   */
  public Claim requestClaimInformation(ClaimId claim, Actor checker, String question) {
    return claims.requestInformation(claim, checker, question);
  }

  /**
   * Resubmits a claim a checker asked about, with what was asked for ({@code revised} has the
   * claim's id and partner): its earlier holds are released and the new revision is judged again
   * like a new submission ({@code claim:<id>/<revision>}), keeping its first deadline.
   *
   * @param claimant must be the claim's claimant, still holding {@code SUBMIT_CLAIM}
   * @param note     what was added; not blank, at most 2,000 characters
   * @throws dev.loyalty.core.claims.UnknownClaimException if there is no such claim
   * @throws dev.loyalty.core.claims.ClaimStateException if no one asked about it
   * @throws dev.loyalty.core.access.NotAuthorizedException if the claimant did not make it, or may not
   *                                                     submit it
   * @throws dev.loyalty.core.claims.InvalidClaimException if it names another partner
   */
  public Claim resubmitClaim(Actor claimant, ClaimSubmission revised, String note) {
    return claims.resubmit(claimant, revised, note);
  }

  /**
   * Expires every claim still waiting for a decision past its deadline (the program's {@code
   * claimReviewDays} after it was submitted), by the engine's clock: its held points are released.
   * Call it on a schedule, like {@link #closePeriod}; a claim expires once.
   *
   * @return the claims expired by this call
   */
  public List<Claim> expireClaims() {
    return claims.expire();
  }

  /** Claim {@code claim} as it stands. */
  public Optional<Claim> claim(ClaimId claim) {
    return claims.find(claim);
  }

  /**
   * Registers an identifying detail of a partner or member (a tax id, phone, bank account, e-mail,
   * delivery address), hashed with the engine's {@linkplain Builder#identitySalt salt}, at the
   * engine clock's now: the engine keeps only the hash and the time. A claim's risk figures list the
   * participants of other organisations with the same detail, and the participant's changes: a
   * detail of a kind it had already, registered when the host learns of the new one (a new phone,
   * e-mail, delivery address or bank account). Registering a detail the participant has already
   * changes nothing.
   *
   * @return the hash kept
   * @throws IllegalStateException    if the engine has no identity salt
   * @throws UnknownPartnerException  if the partner is not enrolled
   * @throws UnknownMemberException   if the member is not enrolled
   */
  public IdentityHash registerIdentity(ParticipantId participant, IdentityKind kind, String value) {
    return identities.register(participant, kind, value);
  }

  /**
   * Registers an identifying detail the host hashed itself (with its own salt, the same for every
   * participant), at the engine clock's now, as {@link #registerIdentity(ParticipantId, IdentityKind,
   * String)} does.
   *
   * @return whether it was new
   */
  public boolean registerIdentity(ParticipantId participant, IdentityKind kind, IdentityHash hash) {
    return identities.register(participant, kind, hash);
  }

  // ---------------------------------------------------------------------------------------------
  // Manual adjustments

  /**
   * Asks for a manual credit or debit of a participant's points, as {@code maker}; it waits for its
   * approvers (two distinct ones above the program's {@code adjustmentSecondApproverAbove}).
   *
   * @param maker must hold {@code REQUEST_ADJUSTMENT} within its limit and scope
   * @throws dev.loyalty.core.access.DuplicateApprovalException if the id is taken
   * @throws dev.loyalty.core.access.NotAuthorizedException if the maker may not ask for it
   * @throws dev.loyalty.core.adjustments.InsufficientPointsException if a debit is for more points
   *                                                                  than the wallet has available
   * @throws UnknownPartnerException if the partner is not enrolled
   * @throws UnknownMemberException if the member is not enrolled
   */
  public Adjustment requestAdjustment(Actor maker, AdjustmentRequest request) {
    return adjustments.request(maker, request);
  }

  /**
   * Approves a manual adjustment; the approval that completes it posts it to the ledger, with the
   * approvals in the transaction's metadata (or, if the ledger refuses, says why in {@link
   * Adjustment#refusal()}).
   *
   * @param checker must hold {@code APPROVE_ADJUSTMENT} within its limit and scope, must not be the
   *                maker and must not have approved it already
   * @throws dev.loyalty.core.access.UnknownApprovalException if there is no such adjustment
   * @throws dev.loyalty.core.access.ApprovalDecidedException if it was decided already
   * @throws dev.loyalty.core.access.NotAuthorizedException if the checker may not approve it
   * @throws dev.loyalty.core.adjustments.InsufficientPointsException if a debit this approval would
   *                                                                  complete is for more points
   *                                                                  than the wallet has available
   */
  public Adjustment approveAdjustment(ApprovalId adjustment, Actor checker, String reason) {
    return adjustments.approve(adjustment, checker, reason);
  }

  /** Rejects a manual adjustment; the checker is checked as for {@link #approveAdjustment}. */
  public Adjustment rejectAdjustment(ApprovalId adjustment, Actor checker, String reason) {
    return adjustments.reject(adjustment, checker, reason);
  }

  /** Manual adjustment {@code adjustment} as it stands. */
  public Optional<Adjustment> adjustment(ApprovalId adjustment) {
    return adjustments.find(adjustment);
  }

  /**
   * The audit log: every claim, review and adjustment action, allowed or refused; hash-chained
   * ({@link AuditLog#verify()}).
   */
  public AuditLog audit() {
    return audit;
  }

  /** The receipt of {@code activity}, if it was recorded. */
  public Optional<Receipt> receipt(ActivityId activity) {
    return reads.receipt(activity);
  }

  /** The participant's points: posted, pending (held for review) and available; zero if it never earned. */
  public Balance balance(ParticipantId participant) {
    return reads.balance(participant);
  }

  /** The participant's statement for {@code [from, to)}. */
  public Statement statement(ParticipantId participant, Instant from, Instant to) {
    return reads.statement(participant, from, to);
  }

  /** The participant's figures now. */
  public PerformanceFigures figures(ParticipantId participant) {
    return reads.figures(participant);
  }

  /**
   * What the participant had earned in the day, month, quarter and program year of {@code at}, per
   * rule and per campaign, as rules see it for an activity at {@code at} (a partner's: its
   * organisation's, its members' included): what a cap per period counts.
   *
   * @throws UnknownPartnerException if the participant (or its partner) is not enrolled
   */
  public EarnedPoints earned(ParticipantId participant, Instant at) {
    return reads.earned(participant, at);
  }

  /** The participant's tier, the next one and exactly what it still misses for it, now. */
  public TierProgress progress(ParticipantId participant) {
    return reads.progress(participant);
  }

  /**
   * The program as figures: key figures for any period and group, tier distribution and movement,
   * campaign uplift and budget burn, the liability and its projection, leaderboards, badges and tier
   * history (docs/INSIGHTS.md). Reads only.
   */
  public Insights insights() {
    return insights;
  }

  /**
   * The burn side: offers, redemption on ledger holds, fulfilment and tracking, stock and code pools.
   *
   * @throws IllegalStateException if the engine was built without {@link Builder#rewards}
   */
  public Rewards rewards() {
    return rewards.orElseThrow(() -> new IllegalStateException("this engine redeems nothing: give the builder"
        + " rewards(RewardsSetup.of(catalogs))"));
  }

  /** The program. */
  public Program program() {
    return program;
  }

  /** The ledger the engine writes to. */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * The campaign budgets {@link Builder#build()} funded, raised or lowered to match the program
   * (empty when every budget already matched).
   */
  public List<BudgetChange> budgetChanges() {
    return budgetChanges;
  }

  /**
   * Closes a period at {@code at}, judging everything as of {@code at}: reviews every tier (a
   * participant short of its tier starts its grace; one still short when the grace is over moves
   * down to the highest tier it meets, at once when the grace is zero), runs the expiry of lots due
   * by {@code at}, and notifies participants of points expiring within the notice period.
   * Idempotent for the same {@code at}: a repeated close changes nothing and its report says it is
   * a replay and lists only what it changed.
   */
  public PeriodCloseReport closePeriod(Instant at) {
    return periods.close(at);
  }

  /**
   * Finishes every activity whose steps were interrupted (the process stopped between the ledger
   * write and the journal's completion), every redemption whose change was, then every claim
   * (judged, paid, or its held points released) and approved manual adjustment (posted) a crash
   * interrupted. Call it after a restart. Never throws for one activity or redemption: an activity
   * the ledger refuses for good ends {@link Receipt.Status#REFUSED}, one that still cannot be
   * finished is reported and tried again next time, and the others are finished regardless.
   */
  public RecoveryReport recover() {
    RecoveryReport report = recovery.recover();
    if (rewards.isPresent()) {
      report = report.withRedemptions(rewards.get().recover());
    }
    // Activities first: a claim's activity is finished before its claim is judged by it.
    report = report.with(claims.recover(), adjustments.recover());
    events.deliverQuietly();   // at start-up, also what listeners missed before the restart
    return report;
  }

  /**
   * Delivers outbox events not yet delivered to each listener, after waiting for a delivery in
   * progress: when it returns, every event appended before the call has been handed to every listener
   * (a listener that threw gets it again at the next delivery). The engine delivers after every
   * activity by itself (on the recording thread, or when another thread is delivering then, by that
   * thread or the engine's delivery thread: docs/ENGINE.md, "Events: at least once"); a host calls this
   * on a schedule as well, so events of a listener that failed are retried, and before it shuts down:
   * it is the flush, which writes every listener's position (between deliveries a position goes to
   * the outbox with the listener's next page), so an engine started again hands nothing twice; one
   * stopped without it hands each listener at most its last page again (at least once).
   *
   * @return how many deliveries succeeded
   */
  public int deliverEvents() {
    return events.deliver();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Builds a {@link LoyaltyEngine}. Each setting may be given once; a second call is refused.
   * Required: the program, the rule engine and a {@link #directory(PartnerDirectory)}. Defaults:
   * an in-memory ledger on the engine's clock, in-memory performance store, journal, outbox, tier
   * history, badge store, audit log, approvals, claims, invoice register and identities, the
   * standard authorizer, no identity salt, the system UTC clock (or the given ledger's), a 30-day
   * expiry notice, and no rewards.
   */
  public static final class Builder {
    private final Program program;
    private final RuleEngine rules;
    private Ledger ledger;
    private PartnerDirectory directory;
    private PerformanceStore performance;
    private ActivityJournal journal;
    private EventOutbox outbox;
    private Clock clock;
    private Duration expiryNotice;
    private DataSource postgres;
    private TierHistory tierHistory;
    private BadgeStore badges;
    private RewardsSetup rewards;
    private AuditStore auditStore;
    private ApprovalStore approvals;
    private Authorizer authorizer;
    private ClaimStore claims;
    private InvoiceRegistry invoices;
    private IdentityStore identities;
    private byte[] identitySalt;
    private final Map<String, LoyaltyListener> listeners = new LinkedHashMap<>();

    private Builder(Program program, RuleEngine rules) {
      this.program = requireNonNull(program, "program");
      this.rules = requireNonNull(rules, "rules");
    }

    /** The ledger to write to (for example over the JDBC store). */
    public Builder ledger(Ledger value) {
      ledger = once(ledger, value, "ledger");
      return this;
    }

    /** Where partners and members are looked up. Required. */
    public Builder directory(PartnerDirectory value) {
      directory = once(directory, value, "directory");
      return this;
    }

    /** Where figures and tier standings are kept. */
    public Builder performance(PerformanceStore value) {
      performance = once(performance, value, "performance");
      return this;
    }

    /** Where activities and receipts are kept. */
    public Builder journal(ActivityJournal value) {
      journal = once(journal, value, "journal");
      return this;
    }

    /** Where events wait for delivery. */
    public Builder outbox(EventOutbox value) {
      outbox = once(outbox, value, "outbox");
      return this;
    }

    /**
     * Keeps every store in the PostgreSQL database of {@code dataSource}: the ledger, the journal,
     * figures and tiers, the outbox, the tier history and badges, and, unless the builder names
     * others, the partner directory, claims, the invoice records and serial register, identities,
     * the audit log and the approval requests ({@link #directory}, {@link #claimStore}, {@link
     * #invoiceRegistry}, {@link #identityStore}, {@link #auditStore}, {@link #approvalStore}), and the
     * redemption, stock and code-pool stores of {@link #rewards} unless its setup names others. Each
     * activity (and each review, recovery and tier review) is then one database transaction (its
     * receipt, ledger transactions, figures, tier standing and move, badges and events commit
     * together or not at all) holding its partner's lock across every application instance on the
     * database; so is each change of a redemption when its three stores are the database's (a
     * placement through the host's fulfilment port: two, the port asked in the second). Migrate the
     * database first ({@link
     * PostgresStores#migrate()}). Not together with {@link #ledger}, {@link #journal}, {@link
     * #performance}, {@link #outbox}, {@link #tierHistory} or {@link #badges}.
     */
    public Builder postgres(DataSource dataSource) {
      postgres = once(postgres, dataSource, "postgres");
      return this;
    }

    /** The clock for receipts, tiers and reads "now". */
    public Builder clock(Clock value) {
      clock = once(clock, value, "clock");
      return this;
    }

    /** How far ahead a period close warns of expiring points. */
    public Builder expiryNotice(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("expiry notice must not be negative, got " + value);
      }
      expiryNotice = once(expiryNotice, value, "expiryNotice");
      return this;
    }

    /** Where every tier move is kept (tier distributions and movements are read from it). */
    public Builder tierHistory(TierHistory value) {
      tierHistory = once(tierHistory, value, "tierHistory");
      return this;
    }

    /** Where the badges and milestones participants earn are kept. */
    public Builder badges(BadgeStore value) {
      badges = once(badges, value, "badges");
      return this;
    }

    /**
     * Lets the engine redeem ({@link LoyaltyEngine#rewards()}): the catalog, the redemption, stock and
     * code-pool stores (those it leaves out are the engine's own: in memory, or in the database with
     * {@link #postgres}), the host's fulfilment and who may redeem from an organisation's wallet. The
     * catalog must be of the engine's program.
     */
    public Builder rewards(RewardsSetup value) {
      rewards = once(rewards, value, "rewards");
      return this;
    }

    /** Where the audit log keeps its entries (default: in memory, or in PostgreSQL with {@link #postgres}). */
    public Builder auditStore(AuditStore value) {
      auditStore = once(auditStore, value, "auditStore");
      return this;
    }

    /**
     * Where manual adjustments wait for their approvers (default: in memory, or in PostgreSQL with
     * {@link #postgres}); the engine's own.
     */
    public Builder approvalStore(ApprovalStore value) {
      approvals = once(approvals, value, "approvalStore");
      return this;
    }

    /** Who may do what (default: {@link Authorizer#standard()}). */
    public Builder authorizer(Authorizer value) {
      authorizer = once(authorizer, value, "authorizer");
      return this;
    }

    /** Where claims are kept (default: in memory, or in PostgreSQL with {@link #postgres}). */
    public Builder claimStore(ClaimStore value) {
      claims = once(claims, value, "claimStore");
      return this;
    }

    /**
     * The manufacturer's records claims are checked against, and the register of claimed serial
     * numbers (default: an empty register in memory, so every claim's invoice is "not found"; with
     * {@link #postgres}, {@code PostgresStores.invoices()}, which the host loads).
     */
    public Builder invoiceRegistry(InvoiceRegistry value) {
      invoices = once(invoices, value, "invoiceRegistry");
      return this;
    }

    /** Where hashed identifying details are kept (default: in memory, or in PostgreSQL with {@link #postgres}). */
    public Builder identityStore(IdentityStore value) {
      identities = once(identities, value, "identityStore");
      return this;
    }

    /**
     * The secret the engine hashes identifying details with (at least 16 bytes; keep it out of the
     * program definition and the same for the program's life). Without it, {@link
     * LoyaltyEngine#registerIdentity(ParticipantId, IdentityKind, String)} is refused and only
     * hashes the host computed are accepted.
     */
    public Builder identitySalt(byte[] value) {
      requireNonNull(value, "identitySalt");
      if (value.length < 16) {
        throw new IllegalArgumentException("an identity salt must be at least 16 bytes, got " + value.length);
      }
      identitySalt = once(identitySalt, value.clone(), "identitySalt");
      return this;
    }

    /** Adds a listener; {@code name} keys its position in the outbox, so keep it stable across restarts. */
    public Builder listener(String name, LoyaltyListener listener) {
      requireNonNull(name, "name");
      requireNonNull(listener, "listener");
      if (listeners.putIfAbsent(name, listener) != null) {
        throw new IllegalStateException("listener " + name + " was already added");
      }
      return this;
    }

    /**
     * Builds the engine; opens the program's accounts and brings every campaign budget to what the
     * program says (funded the first time, raised or lowered later; see {@link
     * LoyaltyEngine#budgetChanges()}).
     *
     * @throws ProgramDefinitionException if the rule engine finds problems with the program's
     *                                    parameters ({@link RuleEngine#problems(Program)})
     */
    public LoyaltyEngine build() {
      if (postgres != null && (ledger != null || journal != null || performance != null || outbox != null
          || tierHistory != null || badges != null)) {
        throw new IllegalStateException("postgres(dataSource) keeps the ledger, journal, figures, outbox, tier history "
            + "and badges in the database; do not set them too");
      }
      if (directory == null && postgres == null) {
        throw new IllegalStateException("a partner directory is required");
      }
      if (postgres != null) {
        PostgresStores.on(postgres).requireMigrated();
      }
      // A misspelt or malformed rule parameter would otherwise load and silently pay nothing.
      List<InputProblem> problems = requireNonNull(rules.problems(program), "rule engine returned null problems");
      if (!problems.isEmpty()) {
        throw new ProgramDefinitionException("program " + program.id() + " (as its rules read it)", problems);
      }
      return new LoyaltyEngine(this);
    }
  }
}
