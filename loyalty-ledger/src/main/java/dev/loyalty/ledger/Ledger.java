package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.internal.AsOfRoom;
import dev.loyalty.ledger.internal.Auditor;
import dev.loyalty.ledger.internal.CanonicalEncoder;
import dev.loyalty.ledger.internal.ChainSealer;
import dev.loyalty.ledger.internal.CommandPlanner;
import dev.loyalty.ledger.internal.CommitGroup;
import dev.loyalty.ledger.internal.DirectTransfers;
import dev.loyalty.ledger.internal.ReversalBalance;
import dev.loyalty.ledger.memory.InMemoryLedgerStore;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.ChangeSet;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.Rejection;
import dev.loyalty.ledger.spi.Seal;
import dev.loyalty.ledger.spi.StoreTransaction;
import dev.loyalty.ledger.spi.StoredTransaction;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A double-entry points ledger: the entry point of this module.
 *
 * <p>Every change is a {@link LedgerCommand} with an idempotency key, applied atomically: it
 * either lands whole or is refused with a {@link LedgerException} and changes nothing. A command
 * refused because of the ledger's state (an overdraft, a resolved hold) stays refused under its
 * key. Reads never block writers for long and see only whole commands.
 *
 * <p>Thread-safe. Time comes only from the injected {@link Clock}. Nothing returned is null.
 */
public final class Ledger {

  private static final Logger log = LoggerFactory.getLogger(Ledger.class);
  private static final int PAGE = 1000;

  /**
   * The earliest instant the ledger accepts, in a command or from its clock: 0001-01-01T00:00:00Z.
   * Instants are kept to the nanosecond, exactly, by every shipped store.
   */
  public static final Instant EARLIEST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest instant the ledger accepts: 9999-12-31T23:59:59.999999999Z (a common "never expires"). */
  public static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private final LedgerStore store;
  private final Clock clock;
  private final CommandPlanner planner = new CommandPlanner();
  private final ChainSealer sealer;
  /** Present when the store asks for concurrent commands to be committed together. */
  private final CommitGroup<Outcome> group;
  private final AtomicLong committedSinceStart = new AtomicLong();

  private Ledger(LedgerStore store, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.sealer = new ChainSealer(store);
    this.group = store.groupsConcurrentCommands() ? new CommitGroup<>(store) : null;
  }

  /** A ledger in memory, on the system UTC clock. */
  public static Ledger inMemory() {
    return inMemory(Clock.systemUTC());
  }

  /** A ledger in memory, on {@code clock}. */
  public static Ledger inMemory(Clock clock) {
    return new Ledger(new InMemoryLedgerStore(), clock);
  }

  /** A ledger kept in {@code store}, on {@code clock}. */
  public static Ledger using(LedgerStore store, Clock clock) {
    return new Ledger(store, clock);
  }

  /** The ledger's clock. */
  public Clock clock() {
    return clock;
  }

  // ---------------------------------------------------------------------------------------------
  // Commands

  /**
   * Opens an account, or returns it if it is already open with the same type.
   *
   * @throws AccountConflictException if it is open with another type
   */
  public Account openAccount(AccountId id, AccountType type) {
    requireNonNull(id, "id");
    requireNonNull(type, "type");
    Instant now = clock.instant();
    Optional<InvalidCommandException> badClock = RequestChecks.clockRefusal(now, "opening account " + id);
    if (badClock.isPresent()) {
      throw badClock.get();
    }
    Account account = store.write(tx -> {
      Map<AccountId, AccountState> existing = tx.lockAccounts(new TreeSet<>(List.of(id)));
      AccountState state = existing.get(id);
      if (state != null) {
        return state.account();
      }
      Account opened = new Account(id, type, now);
      tx.apply(ChangeSet.openAccount(opened));
      return opened;
    });
    if (account.type() != type) {
      throw new AccountConflictException("account " + id + " is already open as a " + account.type()
          + ", not a " + type);
    }
    return account;
  }

  /** Moves points; see {@link TransferRequest}. */
  public Transaction transfer(TransferRequest request) {
    return execute(request).orElseThrow();
  }

  /** Opens a hold; see {@link HoldRequest}. Returns the hold's id. */
  public HoldId hold(HoldRequest request) {
    return execute(request).orElseThrow().hold().orElseThrow();
  }

  /** Posts a hold, fully or in part; see {@link PostHoldRequest}. */
  public Transaction postHold(PostHoldRequest request) {
    return execute(request).orElseThrow();
  }

  /** Voids a hold; see {@link VoidHoldRequest}. */
  public Transaction voidHold(VoidHoldRequest request) {
    return execute(request).orElseThrow();
  }

  /** Reverses all that is left of a transaction, or a part of it; see {@link ReversalRequest}. */
  public Transaction reverse(ReversalRequest request) {
    return execute(request).orElseThrow();
  }

  /** Runs expiry; empty when nothing had expired. See {@link ExpiryRequest}. */
  public Optional<Transaction> expire(ExpiryRequest request) {
    return execute(request);
  }

  /**
   * Voids every open hold whose timeout has passed by the clock, each under a key of the ledger's
   * own, {@code "~ledger/timeout/" + hold id} (so concurrent sweeps void each hold once, and no
   * caller's key can stand in the way). A hold the sweep cannot void does not stop it: it voids
   * every other due hold and reports the ones it could not. A hold resolved meanwhile is neither.
   */
  public TimeoutSweep voidTimedOutHolds() {
    List<Transaction> voided = new ArrayList<>();
    Map<HoldId, LedgerException> failed = new java.util.LinkedHashMap<>();
    for (HoldId id : store.holdsTimedOutBy(clock.instant())) {
      try {
        voided.add(executeChecked(VoidHoldRequest.of(IdempotencyKey.reserved("timeout/" + id), id, "hold-timeout"))
            .orElseThrow());
      } catch (HoldAlreadyResolvedException resolvedMeanwhile) {
        log.debug("hold {} was resolved before its timeout void: {}", id, resolvedMeanwhile.getMessage());
      } catch (LedgerException refused) {
        log.warn("the timeout sweep could not void hold {}: {}", id, refused.getMessage());
        failed.put(id, refused);
      }
    }
    return new TimeoutSweep(voided, failed);
  }

  /**
   * Executes any command. Returns the transaction it wrote, or that its key wrote before; empty
   * only for an expiry run that found nothing to expire.
   *
   * <p>On a store that {@linkplain LedgerStore#groupsConcurrentCommands groups concurrent
   * commands} (the PostgreSQL store does), commands that other threads execute at the same time
   * may be committed in the same database transaction as this one: each still lands whole or not
   * at all, and this call returns once its own has committed. A command executed while the store
   * {@linkplain LedgerStore#joinsCallersTransaction joins its caller's transaction} (a
   * {@code JdbcUnitOfWork} the calling thread opened) is written in that transaction and commits
   * with it; the hash chain is sealed after that commit.
   *
   * @throws IdempotencyConflictException if the key was used for a different request
   * @throws LedgerException              if the ledger refuses the command (nothing changed)
   */
  public Optional<Transaction> execute(LedgerCommand command) {
    requireNonNull(command, "command");
    Optional<InvalidCommandException> refused = RequestChecks.refusal(command);
    if (refused.isPresent()) {
      throw refused.get();
    }
    return executeChecked(command);
  }

  /** {@link #execute}, for a command whose shape is known to be acceptable (or one of the ledger's own). */
  private Optional<Transaction> executeChecked(LedgerCommand command) {
    Digest fingerprint = CanonicalEncoder.forThisThread().fingerprint(command);
    Function<StoreTransaction, Outcome> work = tx -> decide(tx, command, fingerprint);
    // a command that joins its caller's transaction commits with it, not with other threads'
    Outcome outcome = group != null && !store.joinsCallersTransaction() ? group.write(work) : store.write(work);
    Optional<Transaction> result = resolve(command, fingerprint, outcome);
    store.afterCommit(() -> sealAfterCommit(1));
    return result;
  }

  /**
   * Executes many independent commands in one call (a month-end import, bulk awards). Each is
   * atomic and idempotent on its own, exactly as with {@link #execute}; a store may commit them
   * together to save round trips. Returns one result per command, in order; refusals are
   * results, not exceptions.
   */
  public List<CommandResult> executeAll(List<? extends LedgerCommand> commands) {
    List<LedgerCommand> copy = List.copyOf(requireNonNull(commands, "commands"));
    CanonicalEncoder encoder = CanonicalEncoder.forThisThread();
    // refused by their shape: a result each, and no part in the store's work
    List<Optional<InvalidCommandException>> shapes = new ArrayList<>(copy.size());
    List<Digest> fingerprints = new ArrayList<>(copy.size());
    List<Function<StoreTransaction, Outcome>> works = new ArrayList<>(copy.size());
    for (LedgerCommand command : copy) {
      Optional<InvalidCommandException> refused = RequestChecks.refusal(requireNonNull(command, "command"));
      shapes.add(refused);
      if (refused.isEmpty()) {
        Digest fingerprint = encoder.fingerprint(command);
        fingerprints.add(fingerprint);
        works.add(tx -> decide(tx, command, fingerprint));
      }
    }
    List<Outcome> outcomes = store.writeEach(works);
    List<CommandResult> results = new ArrayList<>(copy.size());
    int next = 0;
    for (int i = 0; i < copy.size(); i++) {
      if (shapes.get(i).isPresent()) {
        results.add(CommandResult.refused(copy.get(i), shapes.get(i).get()));
        continue;
      }
      try {
        results.add(CommandResult.done(copy.get(i), resolve(copy.get(i), fingerprints.get(next), outcomes.get(next))));
      } catch (LedgerException refused) {
        results.add(CommandResult.refused(copy.get(i), refused));
      }
      next++;
    }
    store.afterCommit(() -> sealAfterCommit(works.size()));
    return results;
  }

  /** One command's unit of work: replay its key's outcome, or plan and apply it, or record its refusal. */
  private Outcome decide(StoreTransaction tx, LedgerCommand command, Digest fingerprint) {
    // a unit that writes transfers itself takes no locks with the key's lookup
    DirectTransfers direct = command instanceof TransferRequest && tx instanceof DirectTransfers d ? d : null;
    // where the command says what it locks, the store may take the locks with the key's lookup
    Optional<CommandPlanner.Locks> locks = direct != null ? Optional.empty() : planner.locksUpFront(command);
    Optional<IdempotencyRecord> known = locks.isPresent()
        ? tx.idempotency(command.key(), locks.get().ids(), locks.get().spending()) : tx.idempotency(command.key());
    if (known.isPresent()) {
      return Outcome.replay(known.get(), known.get().transaction().flatMap(tx::transaction));
    }
    Instant now = clock.instant();
    if (!RequestChecks.isAccepted(now)) {
      // not remembered under the key: the clock, not the command, is wrong
      return Outcome.refused(RequestChecks.clockRefusal(now, "command " + command.key()).orElseThrow());
    }
    if (direct != null) {
      Optional<Transaction> written = direct.transferDirectly((TransferRequest) command, now, fingerprint);
      if (written.isPresent()) {
        return Outcome.applied(written);
      }
      locks = planner.locksUpFront(command); // not a case it handles: planned the general way
    }
    try {
      CommandPlanner.Plan plan = planner.plan(tx, command, now, locks);
      IdempotencyRecord record = new IdempotencyRecord(command.key(), fingerprint,
          plan.transaction().map(Transaction::id), Optional.empty());
      tx.apply(plan.changeSet(record));
      return Outcome.applied(plan.transaction());
    } catch (LedgerException refused) {
      tx.apply(ChangeSet.idempotencyOnly(new IdempotencyRecord(command.key(), fingerprint, Optional.empty(),
          Optional.of(new Rejection(refused.code(), refused.getMessage())))));
      return Outcome.refused(refused);
    }
  }

  /** The command's transaction, or the refusal it got now or the first time its key was used. */
  private static Optional<Transaction> resolve(LedgerCommand command, Digest fingerprint, Outcome outcome) {
    if (outcome.replayed != null) {
      IdempotencyRecord known = outcome.replayed;
      if (!known.fingerprint().equals(fingerprint)) {
        throw new IdempotencyConflictException("idempotency key " + command.key()
            + " was used before for a different request (fingerprint " + known.fingerprint() + ", this one "
            + fingerprint + ")");
      }
      if (known.rejection().isPresent()) {
        throw refusalOf(known.rejection().get());
      }
      return outcome.transaction;
    }
    if (outcome.refused != null) {
      log.debug("refused {}: {}", command.key(), outcome.refused.getMessage());
      throw outcome.refused;
    }
    return outcome.transaction;
  }

  /**
   * Links what was committed into the hash chain. The command has committed already, so a failure
   * here must not fail it: the chain catches up with the next command or {@link #verify()}.
   */
  private void sealAfterCommit(int committed) {
    long before = committedSinceStart.getAndAdd(committed);
    int every = store.sealEvery();
    if ((before + committed) / every == before / every) {
      return; // not at a multiple of sealEvery() yet
    }
    try {
      sealer.sealIfIdle();
    } catch (RuntimeException e) {
      log.warn("sealing the hash chain failed; it will be retried with the next command: {}", e.toString());
    }
  }

  /** What one unit of work decided; exactly one of the three shapes. */
  private static final class Outcome {
    final IdempotencyRecord replayed;
    final LedgerException refused;
    final Optional<Transaction> transaction;

    private Outcome(IdempotencyRecord replayed, LedgerException refused, Optional<Transaction> transaction) {
      this.replayed = replayed;
      this.refused = refused;
      this.transaction = transaction;
    }

    static Outcome replay(IdempotencyRecord record, Optional<Transaction> transaction) {
      return new Outcome(record, null, transaction);
    }

    static Outcome applied(Optional<Transaction> transaction) {
      return new Outcome(null, null, transaction);
    }

    static Outcome refused(LedgerException e) {
      return new Outcome(null, e, Optional.empty());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /** An account. */
  public Optional<Account> account(AccountId id) {
    return store.account(requireNonNull(id, "id"));
  }

  /** All accounts, by id. */
  public List<Account> accounts() {
    return store.accountStates().stream().map(AccountState::account).toList();
  }

  /**
   * The current balance.
   *
   * @throws UnknownAccountException if the account was never opened
   */
  public Balance balance(AccountId id) {
    return state(id).balance();
  }

  /**
   * The balance as of {@code instant}: posted amounts of transactions effective at or before it,
   * and holds opened and not yet resolved at it.
   *
   * @throws UnknownAccountException if the account was never opened
   */
  public Balance balanceAsOf(AccountId id, Instant instant) {
    requireNonNull(instant, "instant");
    state(id);
    long posted = 0;
    long pendingDebits = 0;
    long pendingCredits = 0;
    for (Transaction tx : fullHistory(id)) {
      if (tx.effectiveAt().isAfter(instant)) {
        continue;
      }
      posted = Math.addExact(posted, tx.amountFor(id));
      int sign = tx.type() == TransactionType.HOLD ? 1 : -1;
      for (Posting p : tx.pending()) {
        if (p.account().equals(id)) {
          if (p.amount() < 0) {
            pendingDebits = Math.addExact(pendingDebits, sign * -p.amount());
          } else {
            pendingCredits = Math.addExact(pendingCredits, sign * p.amount());
          }
        }
      }
    }
    return new Balance(id, posted, pendingDebits, pendingCredits);
  }

  /**
   * The most a debit of {@code id} effective at {@code effectiveAt} may take now: its available
   * balance, and for a wallet or a budget no more than its posted balance as of any time from
   * {@code effectiveAt} on, since a backdated debit cannot take points the account only got later
   * (the rule every command is held to). A caller that plans a backdated debit (an award of a late
   * activity from a campaign budget) reads it so the ledger does not refuse the plan. When something
   * credited the account later, asks the store what the postings after some time from
   * {@code effectiveAt} on add up to at most ({@link LedgerStore#mostPostedAfter}: an index lookup
   * in the shipped stores); otherwise as cheap as {@link #balance}. Two reads, not a reservation: a
   * command between them or after them may change the answer, and the command's own check, under
   * the account's lock, decides.
   *
   * @throws UnknownAccountException if the account was never opened
   */
  public long availableFrom(AccountId id, Instant effectiveAt) {
    requireNonNull(effectiveAt, "effectiveAt");
    AccountState state = state(id);
    long available = state.balance().available();
    if (!AsOfRoom.mayBeShort(state, effectiveAt)) {
      return available;
    }
    long least = AsOfRoom.leastBalanceFrom(state.posted(), store.mostPostedAfter(id, effectiveAt));
    return Math.min(available, Math.max(0, least));
  }

  /**
   * One page of the account's transactions (posted or held), oldest first.
   *
   * @param after the {@link HistoryPage#next()} of the previous page; empty for the first
   * @param limit 1 to 10,000
   */
  public HistoryPage history(AccountId id, Optional<TransactionId> after, int limit) {
    requireNonNull(after, "after");
    checkPageLimit(limit);
    state(id);
    return page(store.history(id, after, limit + 1), limit);
  }

  private static void checkPageLimit(int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1 to 10000, was " + limit);
    }
  }

  /** The first {@code limit} of {@code read} (which asked for one more, to tell whether more follow). */
  private static HistoryPage page(List<Transaction> read, int limit) {
    boolean more = read.size() > limit;
    List<Transaction> items = more ? read.subList(0, limit) : read;
    return new HistoryPage(items, more ? Optional.of(items.get(items.size() - 1).id()) : Optional.empty());
  }

  /**
   * One page of every transaction in the journal (posted or held, of every account), oldest first
   * (ascending id): for reports that need the whole ledger in one pass, where reading each
   * account's {@link #history} would read a transaction once per account it touches.
   *
   * @param after the {@link HistoryPage#next()} of the previous page; empty for the first
   * @param limit 1 to 10,000
   */
  public HistoryPage journal(Optional<TransactionId> after, int limit) {
    requireNonNull(after, "after");
    checkPageLimit(limit);
    return page(store.journal(after, limit + 1), limit);
  }

  /** The statement of {@code [from, to)} by effective time. */
  public Statement statement(AccountId id, Instant from, Instant to) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("statement period " + from + " .. " + to + " is empty");
    }
    state(id);
    long opening = 0;
    List<Transaction> inPeriod = new ArrayList<>();
    for (Transaction tx : fullHistory(id)) {
      long amount = tx.amountFor(id);
      if (amount == 0) {
        continue;
      }
      if (tx.effectiveAt().isBefore(from)) {
        opening = Math.addExact(opening, amount);
      } else if (tx.effectiveAt().isBefore(to)) {
        inPeriod.add(tx);
      }
    }
    inPeriod.sort(Comparator.comparing(Transaction::effectiveAt).thenComparing(Transaction::id));
    List<StatementLine> lines = new ArrayList<>(inPeriod.size());
    long running = opening;
    for (Transaction tx : inPeriod) {
      long amount = tx.amountFor(id);
      running = Math.addExact(running, amount);
      lines.add(new StatementLine(tx.id(), tx.type(), tx.effectiveAt(), tx.reason(), amount, running,
          tx.metadata()));
    }
    return new Statement(id, from, to, opening, lines, running);
  }

  /** The wallet's open lots in spend order (all lots, spent ones too, when {@code includeSpent}). */
  public List<Lot> lots(AccountId id, boolean includeSpent) {
    state(id);
    return store.lots(id, includeSpent);
  }

  /** Per wallet, the unheld points in lots that expire at or before {@code by}. */
  public List<ExpiringPoints> expiringBy(Instant by) {
    requireNonNull(by, "by");
    List<ExpiringPoints> out = new ArrayList<>();
    for (AccountState s : store.accountStates()) {
      if (s.account().type().keepsLots()) {
        expiringBy(s.id(), by).ifPresent(out::add);
      }
    }
    return out;
  }

  /** The wallet's unheld points in lots that expire at or before {@code by}. */
  public Optional<ExpiringPoints> expiringBy(AccountId wallet, Instant by) {
    long points = 0;
    Instant earliest = null;
    for (Lot lot : lots(wallet, false)) {
      if (!lot.isExpiredAt(by)) {
        break;
      }
      if (lot.unheld() > 0) {
        points = Math.addExact(points, lot.unheld());
        earliest = earliest == null ? lot.expiresAt().orElseThrow() : earliest;
      }
    }
    return points == 0 ? Optional.empty() : Optional.of(new ExpiringPoints(wallet, points, earliest));
  }

  /** A hold. */
  public Optional<Hold> findHold(HoldId id) {
    return store.hold(requireNonNull(id, "id"));
  }

  /** Open holds from or to the account. */
  public List<Hold> openHolds(AccountId id) {
    state(id);
    return store.openHolds(id);
  }

  /** A transaction. */
  public Optional<Transaction> findTransaction(TransactionId id) {
    return store.transaction(requireNonNull(id, "id"));
  }

  /**
   * What the command executed under {@code key} came to, without executing anything: its
   * transaction, or the refusal it got (each as when it was executed); empty if no command used the
   * key. Executing the command again would replay the same outcome, but needs the command; this needs
   * only its key, so a caller that knows a command by its key alone (an approval that posted it, on
   * another instance) can tell whether it ran.
   */
  public Optional<KeyOutcome> outcome(IdempotencyKey key) {
    requireNonNull(key, "key");
    IdempotencyRecord known = store.outcomes(List.of(key)).get(key);
    if (known == null) {
      return Optional.empty();
    }
    Optional<Transaction> transaction = known.transaction().map(id -> store.transaction(id).orElseThrow(
        () -> new IllegalStateException("key " + key + " names transaction " + id + ", which the store does not hold")));
    return Optional.of(new KeyOutcome(key, transaction, known.rejection().map(Ledger::refusalOf)));
  }

  /** A remembered refusal as the exception it was thrown as. */
  private static LedgerException refusalOf(Rejection rejection) {
    return LedgerException.of(rejection.code(), rejection.message());
  }

  /** The reversals of {@code original}, oldest first (each one's {@link Transaction#reverses()} is it). */
  public List<Transaction> reversalsOf(TransactionId original) {
    return store.reversalsOf(requireNonNull(original, "original"));
  }

  /**
   * What is left to reverse of {@code original}: per account, the posting a full reversal would
   * make now before any shortfall (signed as the reversal's postings, the opposite of the
   * original's), in the original's order; accounts with nothing left are left out, and the map is
   * empty once the original is reversed in full. A {@linkplain ReversalRequest#partial partial
   * reversal} may take up to this much per account.
   *
   * @throws UnknownTransactionException if there is no such transaction
   * @throws NotReversibleException      if it is not a TRANSFER or HOLD_POST
   */
  public Map<AccountId, Long> reversible(TransactionId original) {
    Transaction tx = ReversalBalance.reversible(original, findTransaction(original));
    return ReversalBalance.of(tx, store.reversalsOf(original)).rest();
  }

  /**
   * Links every committed transaction into the hash chain now. A ledger seals by itself after
   * commands (every {@link LedgerStore#sealEvery()} of them); call this at quiet times so that
   * nothing stays unsealed for long.
   */
  public void seal() {
    sealer.sealNow();
  }

  /** Totals over all accounts, exact (see {@link TrialBalance}). */
  public TrialBalance trialBalance() {
    BigInteger posted = BigInteger.ZERO;
    BigInteger pendingDebits = BigInteger.ZERO;
    BigInteger pendingCredits = BigInteger.ZERO;
    Map<AccountType, BigInteger> byType = new EnumMap<>(AccountType.class);
    List<AccountState> states = store.accountStates();
    for (AccountState s : states) {
      BigInteger p = BigInteger.valueOf(s.posted());
      posted = posted.add(p);
      pendingDebits = pendingDebits.add(BigInteger.valueOf(s.pendingDebits()));
      pendingCredits = pendingCredits.add(BigInteger.valueOf(s.pendingCredits()));
      byType.merge(s.account().type(), p, BigInteger::add);
    }
    return new TrialBalance(states.size(), posted, pendingDebits, pendingCredits, byType);
  }

  /**
   * Checks the whole hash chain. First links what is not linked yet (the sealer links the content
   * hash each transaction was written with, so sealing cannot take in a row altered since), then,
   * position by position: that the transaction is there and its row can be read (a row whose parts
   * disagree, or that cannot be decoded, is a broken link, never an exception), that it still has
   * the content hash it was written with, and that the link's hash follows from the previous one;
   * finally that every journal transaction is linked. Reports the first broken link with its
   * position. Detects an edit or deletion of any linked row; a rewrite of a row together with its
   * content hash before it was linked, or of the whole chain, is caught only against a
   * {@linkplain ChainVerification#head() head} published elsewhere; see also {@link #audit()}.
   */
  public ChainVerification verify() {
    // Count first: transactions committed while verify runs need not be linked yet.
    long journalSize = store.journalSize();
    sealer.sealNow();
    CanonicalEncoder encoder = CanonicalEncoder.forThisThread();
    Digest previous = Digest.ZERO;
    long checked = 0;
    long after = 0;
    while (true) {
      List<Seal> seals = store.seals(after, PAGE);
      if (seals.isEmpty()) {
        break;
      }
      Map<TransactionId, StoredTransaction> rows = store.stored(seals.stream().map(Seal::transaction).toList());
      for (Seal seal : seals) {
        if (seal.position() != checked + 1) {
          return broken(seal, checked, "expected chain position " + (checked + 1) + " but found " + seal.position());
        }
        StoredTransaction row = rows.get(seal.transaction());
        if (row == null) {
          return broken(seal, checked, "transaction " + seal.transaction() + " is missing");
        }
        if (row.problem().isPresent()) {
          return broken(seal, checked, "the row of " + seal.transaction() + " is damaged: " + row.problem().get());
        }
        Transaction tx = row.transaction().orElseThrow();
        Digest expected;
        if (seal.contentHash().isPresent()) {
          Digest content = encoder.contentHash(tx);
          if (!content.equals(seal.contentHash().get())) {
            return broken(seal, checked, "transaction " + seal.transaction() + " is not what was written: its content "
                + "hash is " + content + ", it was written with " + seal.contentHash().get());
          }
          expected = encoder.chainLink(previous, content);
        } else {
          expected = encoder.legacyChainLink(previous, tx); // a link made before content hashes existed
        }
        if (!expected.equals(seal.hash())) {
          return broken(seal, checked, "transaction " + seal.transaction() + " does not match its link: stored "
              + seal.hash() + ", computed " + expected);
        }
        previous = expected;
        checked++;
        after = seal.position();
      }
    }
    if (checked < journalSize) {
      return new ChainVerification(false, checked, Optional.empty(), Optional.empty(),
          "the journal had " + journalSize + " transactions but the chain links only " + checked, previous);
    }
    return new ChainVerification(true, checked, Optional.empty(), Optional.empty(), "ok", previous);
  }

  /**
   * Recomputes, from the journal alone, what the store should hold and reports every difference:
   * each account's balance, pending amounts, debt, lifetime totals and last credit time; each
   * wallet's lots (amounts, expiry, creation time, and the held part, from the open holds'
   * reservations); each hold's parties, amount, status, posted amount and resolving transaction;
   * each key's outcome; each account's history and each reversal's link to its original. A row
   * that cannot be read is a finding, never an exception. Together with {@link #verify()}, which
   * proves the journal, this shows any edit of the state the ledger decides with, even two that
   * cancel out in the totals. Not checked against the journal, which does not record them: which
   * lots a hold reserves (only that they add up), a hold's timeout, the expiry its post gives, and
   * refusals remembered under keys. Reads the whole journal; run it at quiet times.
   */
  public AuditReport audit() {
    return new Auditor(store).run();
  }

  private static ChainVerification broken(Seal seal, long checked, String detail) {
    return new ChainVerification(false, checked, Optional.of(seal.position()), Optional.of(seal.transaction()),
        detail, seal.hash());
  }

  private AccountState state(AccountId id) {
    requireNonNull(id, "id");
    return store.accountState(id).orElseThrow(() -> new UnknownAccountException("account " + id + " not opened"));
  }

  private List<Transaction> fullHistory(AccountId id) {
    List<Transaction> all = new ArrayList<>();
    Optional<TransactionId> after = Optional.empty();
    while (true) {
      List<Transaction> page = store.history(id, after, PAGE);
      all.addAll(page);
      if (page.size() < PAGE) {
        return all;
      }
      after = Optional.of(page.get(page.size() - 1).id());
    }
  }
}
