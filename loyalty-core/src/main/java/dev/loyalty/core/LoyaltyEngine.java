package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.event.EventDispatcher;
import dev.loyalty.core.event.EventOutbox;
import dev.loyalty.core.event.InMemoryEventOutbox;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.event.LoyaltyListener;
import dev.loyalty.core.internal.AwardPlanner;
import dev.loyalty.core.internal.LedgerPoster;
import dev.loyalty.core.internal.ParticipantFigures;
import dev.loyalty.core.internal.TierKeeper;
import dev.loyalty.core.internal.PartnerLocks;
import dev.loyalty.core.internal.ReturnPlanner;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.performance.InMemoryPerformanceStore;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.performance.PerformanceStore;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramDefinitionException;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.TierQualification;
import dev.loyalty.core.tier.TierProgress;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.ExpiringPoints;
import dev.loyalty.ledger.ExpiryRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Statement;
import dev.loyalty.ledger.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one facade a host calls: activities in, explained awards and tiers out.
 *
 * <p>{@link #record(Activity)} validates an activity, returns the stored receipt if the activity
 * was recorded before, evaluates the rules, writes all awards as one balanced ledger transaction
 * (cut to what campaign budgets still hold), updates performance figures and tiers, and notifies
 * listeners. A return takes back the invoice's awards in proportion to what came back.
 *
 * <p><b>Nothing is half-applied.</b> The engine files a planned receipt in the {@link
 * ActivityJournal} before it writes anything else; every later step (ledger transfer, figures,
 * tier, events) is idempotent, and the entry is marked complete last. If the process stops in
 * between, recording the same activity again, or {@link #recover()}, finishes the remaining steps
 * exactly once. Events reach listeners at least once, from an {@link EventOutbox}.
 *
 * <p>Thread-safe. Activities of one partner (and its members) are processed one at a time;
 * different partners in parallel.
 */
public final class LoyaltyEngine {
  private static final Logger LOG = LoggerFactory.getLogger(LoyaltyEngine.class);
  /** How far ahead of the clock an activity may be dated (clock skew between systems). */
  private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

  private final Program program;
  private final RuleEngine rules;
  private final Ledger ledger;
  private final PartnerDirectory directory;
  private final PerformanceStore performance;
  private final ActivityJournal journal;
  private final EventOutbox outbox;
  private final EventDispatcher dispatcher;
  private final Clock clock;
  private final Duration expiryNotice;
  private final ParticipantFigures figures;
  private final TierKeeper tiers;
  private final LedgerPoster poster;
  private final PartnerLocks locks = new PartnerLocks(256);

  private LoyaltyEngine(Builder b) {
    this.program = b.program;
    this.rules = b.rules;
    this.clock = b.clock != null ? b.clock : b.ledger != null ? b.ledger.clock() : Clock.systemUTC();
    this.ledger = b.ledger != null ? b.ledger : Ledger.inMemory(clock);
    this.directory = b.directory;
    this.performance = b.performance != null ? b.performance : new InMemoryPerformanceStore();
    this.journal = b.journal != null ? b.journal : new InMemoryActivityJournal();
    this.outbox = b.outbox != null ? b.outbox : new InMemoryEventOutbox();
    this.dispatcher = new EventDispatcher(outbox, b.listeners);
    this.expiryNotice = b.expiryNotice != null ? b.expiryNotice : Duration.ofDays(30);
    this.figures = new ParticipantFigures(program, directory, performance, journal);
    this.tiers = new TierKeeper(program, performance, figures, outbox);
    this.poster = new LedgerPoster(program, ledger, journal);
    poster.openProgramAccounts();
  }

  /** Starts building an engine for {@code program} with {@code rules}. */
  public static Builder builder(Program program, RuleEngine rules) {
    return new Builder(program, rules);
  }

  // ---------------------------------------------------------------------------------------------
  // Recording

  /**
   * Records {@code activity} and returns its receipt; recording it again returns the same receipt.
   *
   * @throws UnknownPartnerException      if the partner (or a referred partner) is not enrolled
   * @throws UnknownMemberException       if the member is not enrolled or works for another partner
   * @throws NotEnrolledException         if the partner or member is suspended or terminated
   * @throws DuplicateActivityException   if the id was recorded with different content
   * @throws UnknownActivityException     if a return names an invoice that was not recorded
   * @throws InvalidActivityException     if the activity does not fit (currency, future date, a
   *                                      return of more than was sold, a rule awarding to someone
   *                                      unknown)
   * @throws LoyaltyException             if the rule engine fails; in every case nothing changes
   */
  public Receipt record(Activity activity) {
    requireNonNull(activity, "activity");
    Receipt receipt;
    ReentrantLock lock = locks.of(activity.partner());
    lock.lock();
    try {
      Optional<JournalEntry> seen = journal.find(activity.id());
      if (seen.isPresent()) {
        receipt = replay(seen.get(), activity);
      } else {
        JournalEntry planned = new JournalEntry(activity, plan(activity), false, 0);
        Optional<JournalEntry> raced = journal.insertIfAbsent(planned);
        // Another partner's activity with the same id got in first (it held another lock).
        receipt = raced.isPresent() ? replay(raced.get(), activity) : finish(planned);
      }
    } finally {
      lock.unlock();
    }
    dispatcher.deliver();
    return receipt;
  }

  private Receipt replay(JournalEntry entry, Activity activity) {
    if (!entry.activity().equals(activity)) {
      throw new DuplicateActivityException("activity " + activity.id() + " was recorded before with different content ("
          + entry.activity().kind() + " of partner " + entry.activity().partner() + " at "
          + entry.activity().occurredAt() + "); a new activity needs a new id");
    }
    if (!entry.complete()) {
      if (!locks.of(entry.activity().partner()).isHeldByCurrentThread()) {
        throw new IllegalStateException("finishing " + activity.id() + " without its partner's lock");
      }
      return finish(entry);
    }
    return entry.receipt();
  }

  private Receipt plan(Activity activity) {
    Instant now = clock.instant();
    if (activity.occurredAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
      throw new InvalidActivityException("activity " + activity.id() + " is dated " + activity.occurredAt()
          + ", after now (" + now + ")");
    }
    Partner partner = activePartner(activity.partner(), "activity " + activity.id());
    Optional<Member> member = activity.member().map(id -> activeMember(id, partner, activity));
    if (activity instanceof SaleReturn r) {
      return planReturn(r, now);
    }
    return planEarning(activity, partner, member, now);
  }

  private Partner activePartner(PartnerId id, String context) {
    Partner partner = directory.partner(id).orElseThrow(() -> new UnknownPartnerException(context
        + " names partner " + id + ", which is not enrolled"));
    if (partner.status() != EnrolmentStatus.ACTIVE) {
      throw new NotEnrolledException(context + ": partner " + id + " is " + partner.status());
    }
    return partner;
  }

  private Member activeMember(MemberId id, Partner partner, Activity activity) {
    Member member = directory.member(id).orElseThrow(() -> new UnknownMemberException("activity " + activity.id()
        + " names member " + id + ", who is not enrolled"));
    if (!member.partner().equals(partner.id())) {
      throw new UnknownMemberException("activity " + activity.id() + " names member " + id + " of partner "
          + member.partner() + ", not of " + partner.id());
    }
    if (member.status() != EnrolmentStatus.ACTIVE) {
      throw new NotEnrolledException("activity " + activity.id() + ": member " + id + " is " + member.status());
    }
    return member;
  }

  private Receipt planEarning(Activity activity, Partner partner, Optional<Member> member, Instant now) {
    if (activity instanceof Sale sale && !sale.currency().equals(partner.currency())) {
      throw new InvalidActivityException("invoice " + sale.id() + " is in " + sale.currency() + " but partner "
          + partner.id() + " invoices in " + partner.currency());
    }
    if (activity instanceof Referral referral) {
      directory.partner(referral.referred()).orElseThrow(() -> new UnknownPartnerException("referral "
          + referral.id() + " names partner " + referral.referred() + ", which is not enrolled"));
    }
    Instant at = activity.occurredAt();
    Optional<Tier> partnerTier = figures.tierOf(partner.id());
    Optional<Tier> memberTier = member.flatMap(m -> figures.tierOf(m.id()));
    RuleFacts facts = new RuleFacts(activity, partner, member, partner.parent().flatMap(directory::partner),
        figures.of(partner.id(), partner.currency(), at),
        member.map(m -> figures.of(m.id(), partner.currency(), at)), partnerTier, memberTier,
        program.campaignsFor(partner, partnerTier.map(Tier::id), at), program);
    RuleOutcome outcome;
    try {
      outcome = requireNonNull(rules.evaluate(facts), "rule engine returned null");
    } catch (RuntimeException e) {
      throw new LoyaltyException("rules failed on activity " + activity.id() + ": " + e.getMessage(), e);
    }
    for (Award a : outcome.awards()) {
      requireKnown(a.beneficiary(), "rule " + a.rule() + " awards " + a.points() + " points for activity "
          + activity.id() + " to");
    }
    for (TierQualification q : outcome.qualifications()) {
      requireKnown(q.participant(), "rule " + q.rule() + " qualifies for a tier");
      if (program.tier(q.tier()).isEmpty()) {
        throw new InvalidActivityException("rule " + q.rule() + " qualifies " + q.participant() + " for tier "
            + q.tier() + ", which program " + program.id() + " does not define");
      }
    }
    RiskFlag.Severity risk = outcome.riskFlags().stream().map(RiskFlag::severity)
        .max(Enum::compareTo).orElse(RiskFlag.Severity.NOTE);
    Receipt.Status status = switch (risk) {
      case BLOCK -> Receipt.Status.BLOCKED;
      case REVIEW -> Receipt.Status.IN_REVIEW;
      case NOTE -> Receipt.Status.RECORDED;
    };
    // Awards that are not posted now are planned against budgets only when they are (on approval).
    List<PostedAward> awards = status == Receipt.Status.RECORDED ? poster.plan(outcome.awards(), at)
        : AwardPlanner.plan(outcome.awards(), program, program.expiry().expiryOf(at, program.zone()),
            budget -> Long.MAX_VALUE);
    return new Receipt(activity.id(), status, now, awards, List.of(), Map.of(), outcome.decisions(),
        outcome.badges(), outcome.riskFlags(), outcome.qualifications(), List.of(), Optional.empty());
  }

  private void requireKnown(ParticipantId participant, String context) {
    boolean known = participant instanceof PartnerId p ? directory.partner(p).isPresent()
        : directory.member((MemberId) participant).isPresent();
    if (!known) {
      throw new InvalidActivityException(context + " " + participant.kind() + " " + participant.value()
          + ", who is not enrolled");
    }
  }

  private Receipt planReturn(SaleReturn r, Instant now) {
    JournalEntry invoice = invoiceOf(r);
    ReturnPlanner.Outcome outcome = ReturnPlanner.plan(r, invoice, journal.returnsOf(r.invoice()));
    Receipt planned = new Receipt(r.id(), Receipt.Status.RETURNED, now, List.of(), outcome.takeBacks(), Map.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty());
    return planned.withShortfalls(poster.shortfalls(planned));
  }

  private JournalEntry invoiceOf(SaleReturn r) {
    JournalEntry invoice = journal.find(r.invoice()).orElseThrow(() -> new UnknownActivityException("return "
        + r.id() + " names invoice " + r.invoice() + ", which was not recorded"));
    if (!(invoice.activity() instanceof Sale sale)) {
      throw new InvalidActivityException("return " + r.id() + " names " + r.invoice() + ", which is a "
          + invoice.activity().kind() + ", not an invoice");
    }
    if (!sale.partner().equals(r.partner())) {
      throw new InvalidActivityException("return " + r.id() + " of partner " + r.partner() + " names invoice "
          + r.invoice() + " of partner " + sale.partner());
    }
    if (r.occurredAt().isBefore(sale.occurredAt())) {
      throw new InvalidActivityException("return " + r.id() + " is dated " + r.occurredAt()
          + ", before its invoice " + r.invoice() + " (" + sale.occurredAt() + ")");
    }
    if (!invoice.complete()) {
      invoice = journal.find(r.invoice()).map(this::finishAndReload).orElseThrow();
    }
    if (invoice.receipt().status() != Receipt.Status.RECORDED) {
      throw new InvalidActivityException("return " + r.id() + " names invoice " + r.invoice() + ", which is "
          + invoice.receipt().status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + "; only recorded invoices can be returned");
    }
    return invoice;
  }

  private JournalEntry finishAndReload(JournalEntry entry) {
    finish(entry);
    return journal.find(entry.activity().id()).orElseThrow();
  }

  // ---------------------------------------------------------------------------------------------
  // Finishing: every step idempotent, the journal entry completed last

  private Receipt finish(JournalEntry planned) {
    JournalEntry entry = planned;
    Activity activity = entry.activity();
    List<LoyaltyEvent> events = new ArrayList<>();
    Optional<Transaction> tx = Optional.empty();
    List<TierChange> changes = List.of();
    switch (entry.receipt().status()) {
      case RECORDED -> {
        entry = poster.write(entry);
        tx = poster.transactionOf(entry);
        figures.contribute(activity);
        changes = tiers.upgrade(activity, entry.receipt().qualifications(), clock.instant(), events);
        tx.ifPresent(t -> events.addAll(poster.awardEvents(t)));
      }
      case RETURNED -> {
        entry = poster.write(entry);
        tx = poster.transactionOf(entry);
        figures.contribute(activity);
        Receipt r = entry.receipt();
        tx.ifPresent(t -> events.addAll(poster.takeBackEvents(r, t)));
      }
      case IN_REVIEW -> events.add(new LoyaltyEvent.ClaimNeedsReview("review:" + activity.id(),
          entry.receipt().recordedAt(), activity.id(), activity.partner(), entry.receipt().riskFlags()));
      case BLOCKED, REJECTED -> {
        // nothing is written and nothing counts
      }
    }
    Receipt done = entry.receipt().withOutcome(tx.map(Transaction::id), changes);
    outbox.append(events);
    journal.update(entry.completed(done));
    LOG.debug("recorded activity {}: {}, {} points", activity.id(), done.status(), done.totalPoints());
    return done;
  }

  // ---------------------------------------------------------------------------------------------
  // Review

  /**
   * Approves an activity that risk rules held for review: its awards are posted now (cut to what
   * budgets hold now) and it counts in figures and tiers.
   *
   * @param reviewer who approves; must not be the member who reported the activity
   * @throws UnknownActivityException if the activity is not in review
   * @throws InvalidActivityException if the reviewer reported the activity themselves
   */
  public Receipt approve(ActivityId activity, String reviewer) {
    return review(activity, reviewer, true);
  }

  /**
   * Rejects an activity that risk rules held for review: nothing is awarded.
   *
   * @param reviewer who rejects; must not be the member who reported the activity
   */
  public Receipt reject(ActivityId activity, String reviewer) {
    return review(activity, reviewer, false);
  }

  private Receipt review(ActivityId id, String reviewer, boolean approve) {
    requireNonNull(id, "activity");
    requireNonNull(reviewer, "reviewer");
    if (reviewer.isBlank()) {
      throw new IllegalArgumentException("reviewer must not be blank");
    }
    JournalEntry entry = journal.find(id).orElseThrow(() -> new UnknownActivityException("activity " + id
        + " was not recorded"));
    Receipt receipt;
    ReentrantLock lock = locks.of(entry.activity().partner());
    lock.lock();
    try {
      entry = journal.find(id).orElseThrow();
      if (!entry.complete() || entry.receipt().status() != Receipt.Status.IN_REVIEW) {
        throw new UnknownActivityException("activity " + id + " is not in review; it is "
            + entry.receipt().status());
      }
      if (entry.activity().member().filter(m -> m.value().equals(reviewer)).isPresent()) {
        throw new InvalidActivityException("member " + reviewer + " reported activity " + id
            + " and cannot review it; another person must");
      }
      Receipt r = entry.receipt();
      Receipt decided = approve
          ? r.withAwards(Receipt.Status.RECORDED, poster.plan(r.awards().stream().map(PostedAward::requestedAward).toList(),
              entry.activity().occurredAt()))
          : r.withAwards(Receipt.Status.REJECTED, r.awards());
      JournalEntry next = entry.planned(decided);
      journal.update(next);
      LOG.info("activity {} {} by {}", id, approve ? "approved" : "rejected", reviewer);
      receipt = finish(next);
    } finally {
      lock.unlock();
    }
    dispatcher.deliver();
    return receipt;
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /** The receipt of {@code activity}, if it was recorded. */
  public Optional<Receipt> receipt(ActivityId activity) {
    return journal.find(requireNonNull(activity, "activity")).map(JournalEntry::receipt);
  }

  /** The participant's points: posted, pending and available; zero if it never earned. */
  public Balance balance(ParticipantId participant) {
    AccountId wallet = program.accounts().wallet(requireNonNull(participant, "participant"));
    return ledger.account(wallet).isPresent() ? ledger.balance(wallet) : new Balance(wallet, 0, 0, 0);
  }

  /** The participant's statement for {@code [from, to)}. */
  public Statement statement(ParticipantId participant, Instant from, Instant to) {
    AccountId wallet = program.accounts().wallet(requireNonNull(participant, "participant"));
    if (ledger.account(wallet).isEmpty()) {
      return new Statement(wallet, from, to, 0, List.of(), 0);
    }
    return ledger.statement(wallet, from, to);
  }

  /** The participant's figures now. */
  public PerformanceFigures figures(ParticipantId participant) {
    return figures.of(requireNonNull(participant, "participant"), clock.instant());
  }

  /** The participant's tier, the next one and exactly what it still misses for it, now. */
  public TierProgress progress(ParticipantId participant) {
    return tiers.evaluator().progress(participant, performance.standing(participant), figures(participant));
  }

  /** The program. */
  public Program program() {
    return program;
  }

  /** The ledger the engine writes to. */
  public Ledger ledger() {
    return ledger;
  }

  // ---------------------------------------------------------------------------------------------
  // Period close, recovery, events

  /**
   * Closes a period at {@code at}: reviews every tier (a participant short of its tier starts its
   * grace; one still short when the grace is over moves down to the highest tier it meets), runs
   * the expiry of lots due by {@code at}, and notifies participants of points expiring within the
   * notice period. Idempotent for the same {@code at}.
   */
  public PeriodCloseReport closePeriod(Instant at) {
    requireNonNull(at, "at");
    LocalDate day = at.atZone(program.zone()).toLocalDate();
    List<TierChange> changes = new ArrayList<>();
    List<ParticipantId> nowShort = new ArrayList<>();
    List<LoyaltyEvent> events = new ArrayList<>();
    for (ParticipantId p : performance.participants()) {
      Optional<PartnerId> partner = figures.partnerOf(p);
      if (partner.isEmpty()) {
        LOG.warn("tier review skips {} {}: no longer in the directory", p.kind(), p.value());
        continue;
      }
      ReentrantLock lock = locks.of(partner.get());
      lock.lock();
      try {
        if (tiers.review(p, at, changes, events) == TierKeeper.Review.NOW_SHORT) {
          nowShort.add(p);
        }
      } finally {
        lock.unlock();
      }
    }
    long expired = ledger.expire(ExpiryRequest.of(IdempotencyKey.of(program.accounts().prefix() + ":expiry:" + at),
        program.accounts().breakage(), at)).map(t -> t.amountFor(program.accounts().breakage())).orElse(0L);
    List<LoyaltyEvent.PointsExpiringSoon> notices = new ArrayList<>();
    for (ExpiringPoints e : ledger.expiringBy(at.plus(expiryNotice))) {
      program.accounts().walletOwner(e.account()).ifPresent(owner -> notices.add(new LoyaltyEvent.PointsExpiringSoon(
          "expiring:" + owner.kind() + ":" + owner.value() + ":" + day, at, owner, e.points(), e.earliest())));
    }
    events.addAll(notices);
    outbox.append(events);
    dispatcher.deliver();
    return new PeriodCloseReport(at, changes, nowShort, expired, notices);
  }

  /**
   * Finishes every activity whose steps were interrupted (the process stopped between the ledger
   * write and the journal's completion). Call it once after a restart.
   *
   * @return how many activities were finished
   */
  public int recover() {
    int finished = 0;
    for (JournalEntry e : journal.incomplete()) {
      ReentrantLock lock = locks.of(e.activity().partner());
      lock.lock();
      try {
        Optional<JournalEntry> current = journal.find(e.activity().id());
        if (current.isPresent() && !current.get().complete()) {
          finish(current.get());
          finished++;
        }
      } finally {
        lock.unlock();
      }
    }
    dispatcher.deliver();
    return finished;
  }

  /**
   * Delivers outbox events not yet delivered to each listener. The engine calls it after every
   * activity; a host calls it on a schedule as well, so events of a listener that failed are retried.
   *
   * @return how many deliveries succeeded
   */
  public int deliverEvents() {
    return dispatcher.deliver();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Builds a {@link LoyaltyEngine}. Each setting may be given once; a second call is refused.
   * Required: the program, the rule engine and a {@link #directory(PartnerDirectory)}. Defaults:
   * an in-memory ledger on the engine's clock, in-memory performance store, journal and outbox,
   * the system UTC clock (or the given ledger's), a 30-day expiry notice.
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
    private final Map<String, LoyaltyListener> listeners = new LinkedHashMap<>();

    private Builder(Program program, RuleEngine rules) {
      this.program = requireNonNull(program, "program");
      this.rules = requireNonNull(rules, "rules");
    }

    private static <T> T once(T current, T value, String name) {
      requireNonNull(value, name);
      if (current != null) {
        throw new IllegalStateException(name + " was already set");
      }
      return value;
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
     * Builds the engine; opens the program's accounts and funds its campaign budgets (once).
     *
     * @throws ProgramDefinitionException if the rule engine finds problems with the program's
     *                                    parameters ({@link RuleEngine#problems(Program)})
     */
    public LoyaltyEngine build() {
      if (directory == null) {
        throw new IllegalStateException("a partner directory is required");
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
