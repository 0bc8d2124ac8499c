package dev.loyalty.ledger.internal;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.AlreadyReversedException;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.ExpiryRequest;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldAlreadyResolvedException;
import dev.loyalty.ledger.HoldAmountExceededException;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.HoldTimedOutException;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.InvalidCommandException;
import dev.loyalty.ledger.LedgerCommand;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.LotReservation;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.ShortfallPolicy;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransactionType;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.UnknownAccountException;
import dev.loyalty.ledger.UnknownHoldException;
import dev.loyalty.ledger.VoidHoldRequest;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.ChangeSet;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns one command into the {@link ChangeSet} it writes, against the state of a
 * {@link StoreTransaction}: locks the accounts, checks everything, computes lots and balances.
 * Throws a {@link dev.loyalty.ledger.LedgerException} (and plans nothing) when the ledger's state
 * refuses the command. Stateless and thread-safe.
 */
public final class CommandPlanner {

  /** What a command would write: a transaction and the changes around it, or nothing to do. */
  public static final class Plan {
    private final WorkingSet work;
    private final Transaction transaction;

    private Plan(WorkingSet work, Transaction transaction) {
      this.work = work;
      this.transaction = transaction;
    }

    static Plan nothing() {
      return new Plan(null, null);
    }

    /** Settles debts, then builds the transaction from the command and the working set's lot movements. */
    static Plan of(WorkingSet work, TransactionType type, LedgerCommand command, Instant effectiveAt, Instant now,
        List<Posting> postings, List<Posting> pending, Optional<HoldId> hold, Optional<TransactionId> reverses) {
      return of(work, type, command, effectiveAt, now, postings, pending, hold, reverses, List.of());
    }

    /** {@link #of}, for a reversal, with what it took back of its original. */
    static Plan of(WorkingSet work, TransactionType type, LedgerCommand command, Instant effectiveAt, Instant now,
        List<Posting> postings, List<Posting> pending, Optional<HoldId> hold, Optional<TransactionId> reverses,
        List<Posting> reversedPostings) {
      work.settleDebts();
      return new Plan(work, new Transaction(work.transactionId(), type, command.key(), command.reason(),
          command.metadata(), effectiveAt, now, postings, pending, work.lotMovements(), hold, reverses,
          reversedPostings));
    }

    /** The transaction to write; empty when there is nothing to do. */
    public Optional<Transaction> transaction() {
      return Optional.ofNullable(transaction);
    }

    /** Everything to apply, with the key's outcome. */
    public ChangeSet changeSet(IdempotencyRecord outcome) {
      return work == null ? ChangeSet.idempotencyOnly(outcome) : work.toChangeSet(transaction, outcome);
    }
  }

  /** Plans {@code command} at {@code now} (the ledger clock's reading for this command). */
  public Plan plan(StoreTransaction store, LedgerCommand command, Instant now) {
    return plan(store, command, now, locksUpFront(command));
  }

  /**
   * {@link #plan(StoreTransaction, LedgerCommand, Instant)}, with what {@link #locksUpFront}
   * said for this command (the caller needed it already to look the key up).
   */
  public Plan plan(StoreTransaction store, LedgerCommand command, Instant now, Optional<Locks> locksUpFront) {
    if (command instanceof TransferRequest t) {
      return transfer(store, t, now, locksUpFront.orElseThrow());
    } else if (command instanceof HoldRequest h) {
      return hold(store, h, now, locksUpFront.orElseThrow());
    } else if (command instanceof PostHoldRequest p) {
      return postHold(store, p, now);
    } else if (command instanceof VoidHoldRequest v) {
      return voidHold(store, v, now);
    } else if (command instanceof ReversalRequest r) {
      return reverse(store, r, now);
    } else if (command instanceof ExpiryRequest x) {
      return expire(store, x, now);
    }
    throw new IllegalArgumentException("unknown command " + command.getClass().getName());
  }

  /** The accounts a command locks and the wallets it spends from, where the command alone says. */
  public record Locks(SortedSet<AccountId> ids, Set<AccountId> spending) {}

  /**
   * What {@code command} will lock, when that is known before reading anything (transfers and
   * holds); empty for commands that must read first (a hold to post, a transaction to reverse)
   * or search (an expiry run).
   */
  public Optional<Locks> locksUpFront(LedgerCommand command) {
    if (command instanceof TransferRequest t) {
      SortedSet<AccountId> ids = new TreeSet<>();
      Set<AccountId> spending = new HashSet<>();
      for (Entry e : t.entries()) {
        ids.add(e.account());
        if (!e.isCredit()) {
          spending.add(e.account());
        }
      }
      return Optional.of(new Locks(ids, spending));
    } else if (command instanceof HoldRequest h) {
      return Optional.of(new Locks(new TreeSet<>(List.of(h.from(), h.to())), Set.of(h.from())));
    }
    return Optional.empty();
  }

  private Plan transfer(StoreTransaction store, TransferRequest t, Instant now, Locks locks) {
    Instant effective = effectiveTime(t.effectiveAt(), now, t);
    WorkingSet work = lock(store, locks.ids(), locks.spending(), effective);
    WorkingSet.CarriedPool carried = new WorkingSet.CarriedPool();
    // Debits first, so that credits with a carried expiry find the lots the debits took.
    for (Entry e : t.entries()) {
      if (!e.isCredit()) {
        carried.addAll(work.debit(e.account(), -e.amount()));
      }
    }
    for (Entry e : t.entries()) {
      if (e.isCredit()) {
        work.credit(e.account(), e.amount(), e.expiry(), carried);
      }
    }
    List<Posting> postings = new ArrayList<>(t.entries().size());
    for (Entry e : t.entries()) {
      postings.add(new Posting(e.account(), e.amount()));
    }
    return Plan.of(work, TransactionType.TRANSFER, t, effective, now, postings, List.of(), Optional.empty(),
        Optional.empty());
  }

  private Plan hold(StoreTransaction store, HoldRequest h, Instant now, Locks locks) {
    if (h.timeoutAt().isPresent() && !h.timeoutAt().get().isAfter(now)) {
      throw new InvalidCommandException("hold " + h.key() + " would time out at " + h.timeoutAt().get()
          + ", which is not after now (" + now + ")");
    }
    WorkingSet work = lock(store, locks.ids(), locks.spending(), now);
    AccountType fromType = work.type(h.from());
    AccountType toType = work.type(h.to());
    if (h.toExpiry() != Expiry.never() && !toType.keepsLots()) {
      throw new InvalidCommandException("hold " + h.key() + " sets an expiry for " + h.to() + ", a " + toType
          + " that keeps no lots");
    }
    if (h.toExpiry() == Expiry.carried() && !fromType.keepsLots()) {
      throw new InvalidCommandException("hold " + h.key() + " carries expiry dates from " + h.from() + ", a "
          + fromType + " that keeps no lots");
    }
    if (fromType.isBoundedBelowByZero() && work.available(h.from()) < h.amount()) {
      throw new InsufficientBalanceException(fromType.name().toLowerCase(Locale.ROOT) + " " + h.from()
          + " has " + work.available(h.from()) + " points available, " + h.amount() + " needed for hold " + h.key());
    }
    List<LotReservation> reservations = fromType.keepsLots() ? work.reserve(h.from(), h.amount()) : List.of();
    work.addPendingDebit(h.from(), h.amount());
    work.addPendingCredit(h.to(), h.amount());
    HoldId id = new HoldId(work.transactionId());
    work.addHold(new Hold(id, h.from(), h.to(), h.amount(), h.toExpiry(), h.timeoutAt(), reservations,
        HoldStatus.OPEN, 0, Optional.empty(), now));
    return Plan.of(work, TransactionType.HOLD, h, now, now, List.of(), holdPending(h.from(), h.to(), h.amount()),
        Optional.of(id), Optional.empty());
  }

  private Plan postHold(StoreTransaction store, PostHoldRequest p, Instant now) {
    Hold known = store.hold(p.hold()).orElseThrow(() -> new UnknownHoldException("hold " + p.hold() + " does not exist"));
    WorkingSet work = lock(store, new TreeSet<>(List.of(known.from(), known.to())), Set.of(), now);
    Hold hold = openHold(store, p.hold(), "post");
    if (hold.isTimedOutAt(now)) {
      throw new HoldTimedOutException("hold " + hold.id() + " timed out at " + hold.timeoutAt().orElseThrow()
          + " and can no longer be posted (now " + now + "); void it instead");
    }
    long amount = p.amount().orElse(hold.amount());
    if (amount > hold.amount()) {
      throw new HoldAmountExceededException("post of " + amount + " exceeds hold " + hold.id() + " of "
          + hold.amount());
    }
    work.addPendingDebit(hold.from(), -hold.amount());
    work.addPendingCredit(hold.to(), -hold.amount());
    work.requireAsOfRoom(hold.from(), amount);
    // the lifetime totals counted the hold's amount when it was placed
    work.post(hold.from(), -amount, false);
    WorkingSet.CarriedPool carried = new WorkingSet.CarriedPool();
    carried.addAll(work.consumeReservations(hold.from(), hold.reservations(), amount));
    work.credit(hold.to(), amount, hold.toExpiry(), carried, false);
    work.addHold(hold.resolved(HoldStatus.POSTED, amount, work.transactionId()));
    return Plan.of(work, TransactionType.HOLD_POST, p, now, now,
        List.of(new Posting(hold.from(), -amount), new Posting(hold.to(), amount)),
        holdPending(hold.from(), hold.to(), hold.amount()), Optional.of(hold.id()), Optional.empty());
  }

  private Plan voidHold(StoreTransaction store, VoidHoldRequest v, Instant now) {
    Hold known = store.hold(v.hold()).orElseThrow(() -> new UnknownHoldException("hold " + v.hold() + " does not exist"));
    WorkingSet work = lock(store, new TreeSet<>(List.of(known.from(), known.to())), Set.of(), now);
    Hold hold = openHold(store, v.hold(), "void");
    work.addPendingDebit(hold.from(), -hold.amount());
    work.addPendingCredit(hold.to(), -hold.amount());
    work.consumeReservations(hold.from(), hold.reservations(), 0);
    work.addHold(hold.resolved(HoldStatus.VOIDED, 0, work.transactionId()));
    return Plan.of(work, TransactionType.HOLD_VOID, v, now, now, List.of(),
        holdPending(hold.from(), hold.to(), hold.amount()), Optional.of(hold.id()), Optional.empty());
  }

  private Plan reverse(StoreTransaction store, ReversalRequest r, Instant now) {
    Instant effective = effectiveTime(r.effectiveAt(), now, r);
    Transaction original = ReversalBalance.reversible(r.original(), store.transaction(r.original()));
    if (effective.isBefore(original.effectiveAt())) {
      throw new InvalidCommandException("reversal " + r.key() + " of " + original.id() + " is effective at " + effective
          + ", before the transaction it reverses (effective at " + original.effectiveAt() + ")");
    }
    if (r.isPartial()) {
      checkPartialShape(original, r);
    }
    // a full reversal may touch every account of the original; a partial one only its own
    SortedSet<AccountId> ids = new TreeSet<>();
    Set<AccountId> spending = new HashSet<>();
    for (Posting p : original.postings()) {
      if (!r.isPartial() || r.postings().containsKey(p.account())) {
        ids.add(p.account());
        if (p.amount() > 0) {
          spending.add(p.account()); // taking back what the original credited spends from its lots
        }
      }
    }
    Optional<AccountId> clawback = r.policy() instanceof ShortfallPolicy.BookTo b
        ? Optional.of(b.clawbackAccount()) : Optional.empty();
    clawback.ifPresent(ids::add);
    WorkingSet work = lock(store, ids, spending, effective);
    // read under the locks: a reversal of the same original on these accounts waits for them
    ReversalBalance before = ReversalBalance.of(original, store.reversalsOf(original.id()));
    if (before.isFullyReversed()) {
      throw new AlreadyReversedException("transaction " + original.id() + " was already reversed in full by "
          + String.join(", ", before.reversals().stream().map(TransactionId::toString).toList()));
    }
    Map<AccountId, Long> wanted = r.isPartial() ? checkPartialLimits(before, r) : before.rest();
    if (clawback.isPresent() && work.type(clawback.get()).isBoundedBelowByZero()) {
      throw new InvalidCommandException("clawback account " + clawback.get() + " is a "
          + work.type(clawback.get()) + "; a shortfall can only be booked to a SYSTEM account");
    }
    Map<AccountId, Long> deltas = new LinkedHashMap<>();
    List<Posting> reversed = new ArrayList<>(wanted.size());
    // Take back first (the original's credits), so that refunds below cannot fund them.
    for (Posting p : original.postings()) {
      Long amount = wanted.get(p.account());
      if (amount != null && amount < 0) {
        takeBack(work, original, p.account(), -amount, r, clawback, deltas);
      }
    }
    for (Posting p : original.postings()) {
      Long amount = wanted.get(p.account());
      if (amount != null && amount > 0) {
        giveBack(work, original, p.account(), amount, before.takenBack(p.account()));
        deltas.merge(p.account(), amount, Math::addExact);
      }
      if (amount != null) {
        reversed.add(new Posting(p.account(), amount));
      }
    }
    return Plan.of(work, TransactionType.REVERSAL, r, effective, now, WorkingSet.postings(deltas), List.of(),
        Optional.empty(), Optional.of(original.id()), reversed);
  }

  /** Each account of a partial reversal must be one the original posted to, with the opposite sign; else names every one that is not. */
  private static void checkPartialShape(Transaction original, ReversalRequest r) {
    List<String> wrong = new ArrayList<>();
    r.postings().forEach((account, amount) -> {
      long posted = original.amountFor(account);
      if (posted == 0) {
        wrong.add(amount + " to " + account + ", to which the original posted nothing");
      } else if ((posted > 0) == (amount > 0)) {
        wrong.add(amount + " to " + account + ", where the original posted " + posted
            + " (a reversal's posting must have the opposite sign)");
      }
    });
    if (!wrong.isEmpty()) {
      throw new InvalidCommandException("partial reversal " + r.key() + " of " + original.id() + " posts "
          + String.join("; ", wrong));
    }
  }

  /** The partial reversal's postings, if no account takes back more than is left there; else every one that does. */
  private static Map<AccountId, Long> checkPartialLimits(ReversalBalance before, ReversalRequest r) {
    List<String> over = new ArrayList<>();
    r.postings().forEach((account, amount) -> {
      long left = before.left(account);
      if (Math.abs(amount) > left) {
        over.add(Math.abs(amount) + " on " + account + ", where only " + left + " of the original's "
            + Math.abs(before.posted(account)) + " is left (" + before.takenBack(account) + " reversed)");
      }
    });
    if (!over.isEmpty()) {
      throw new InvalidCommandException("partial reversal " + r.key() + " of " + before.original().id()
          + " reverses more than is left: " + String.join("; ", over) + "; earlier reversals: "
          + (before.reversals().isEmpty() ? "none"
              : String.join(", ", before.reversals().stream().map(TransactionId::toString).toList())));
    }
    return r.postings();
  }

  private void takeBack(WorkingSet work, Transaction original, AccountId account, long amount, ReversalRequest r,
      Optional<AccountId> clawback, Map<AccountId, Long> deltas) {
    AccountType type = work.type(account);
    if (!type.isBoundedBelowByZero()) {
      work.post(account, -amount);
      deltas.merge(account, -amount, Math::addExact);
      return;
    }
    // what the account has now, and had as of every time from the reversal's on (a backdated
    // reversal cannot take points the account only got later)
    long room = work.asOfRoom(account);
    long takeable = Math.max(0, Math.min(amount, Math.min(work.available(account), room)));
    long taken = takeable;
    if (type.keepsLots() && takeable > 0) {
      List<LotId> created = new ArrayList<>();
      for (LotMovement m : original.lotMovements()) {
        if (m.amount() > 0 && m.account().equals(account)) {
          created.add(m.lot());
        }
      }
      taken = WorkingSet.sum(work.takeFromLots(account, takeable, created));
      if (taken != takeable) {
        throw new IllegalStateException("wallet " + account + " lots cover " + taken + " of available " + takeable);
      }
    }
    long shortfall = amount - taken;
    if (shortfall > 0 && r.policy() == ShortfallPolicy.refuse()) {
      throw new InsufficientBalanceException("reversal of " + original.id() + " must take " + amount
          + " points from " + account + ", which has " + work.available(account) + " available"
          + (room < work.available(account) ? " and had only " + Math.max(0, room) + " as of some time from the "
              + "reversal's effective time on" : "")
          + "; choose a shortfall policy to book or allow the " + shortfall + " missing");
    }
    if (shortfall > 0 && clawback.isPresent()) {
      work.post(account, -taken);
      deltas.merge(account, -taken, Math::addExact);
      work.post(clawback.get(), -shortfall);
      deltas.merge(clawback.get(), -shortfall, Math::addExact);
      return;
    }
    // Nothing short, or allowNegative: the whole amount leaves the account; a wallet owes the rest.
    work.post(account, -amount);
    if (shortfall > 0 && type.keepsLots()) {
      work.setDebt(account, WorkingSet.add(work.state(account).debt(), shortfall, account));
    }
    deltas.merge(account, -amount, Math::addExact);
  }

  /**
   * Gives {@code amount} back to an account the original debited. A wallet gets the expiry dates of
   * the lots the original took from it, in the original's order, after the {@code givenBefore}
   * points that earlier reversals of the original gave back there.
   */
  private void giveBack(WorkingSet work, Transaction original, AccountId account, long amount, long givenBefore) {
    if (!work.type(account).keepsLots()) {
      work.credit(account, amount, Expiry.never(), new WorkingSet.CarriedPool());
      return;
    }
    WorkingSet.CarriedPool dates = new WorkingSet.CarriedPool();
    List<WorkingSet.Portion> taken = new ArrayList<>();
    long skip = givenBefore;
    long covered = 0;
    for (LotMovement m : original.lotMovements()) {
      if (m.amount() < 0 && m.account().equals(account)) {
        long portion = -m.amount();
        long skipped = Math.min(skip, portion);
        skip -= skipped;
        if (portion > skipped) {
          taken.add(new WorkingSet.Portion(portion - skipped, m.expiresAt()));
          covered += portion - skipped;
        }
      }
    }
    if (covered < amount) {
      taken.add(new WorkingSet.Portion(amount - covered, Optional.empty()));
    }
    dates.addAll(taken);
    work.credit(account, amount, Expiry.carried(), dates);
  }

  private Plan expire(StoreTransaction store, ExpiryRequest x, Instant now) {
    if (x.asOf().isAfter(now)) {
      throw new InvalidCommandException("expiry run " + x.key() + " as of " + x.asOf()
          + " is in the future (now " + now + ")");
    }
    SortedSet<AccountId> ids = new TreeSet<>(store.walletsWithLotsExpiringBy(x.asOf()));
    Set<AccountId> expiring = Set.copyOf(ids);
    ids.add(x.breakage());
    WorkingSet work = lock(store, ids, expiring, x.asOf());
    if (work.type(x.breakage()) == AccountType.WALLET) {
      throw new InvalidCommandException("breakage account " + x.breakage() + " is a WALLET; use a SYSTEM account");
    }
    ids.remove(x.breakage());
    Map<AccountId, Long> deltas = new LinkedHashMap<>();
    long total = 0;
    for (AccountId wallet : ids) {
      List<LotId> expired = new ArrayList<>();
      for (Lot lot : store.openLots(wallet)) {
        if (!lot.isExpiredAt(x.asOf())) {
          break; // spend order puts expired lots first
        }
        if (!lot.createdAt().isAfter(x.asOf())) {
          expired.add(lot.id()); // a lot that did not exist yet as of asOf cannot expire as of then
        }
      }
      // no more than keeps the wallet's balance as of every time from asOf on at or above zero;
      // what that leaves expires with a later run
      long room = Math.max(0, work.asOfRoom(wallet));
      long expiredPoints = 0;
      for (LotId id : expired) {
        long take = Math.min(work.lot(wallet, id).unheld(), room - expiredPoints);
        if (take > 0) {
          expiredPoints += WorkingSet.sum(work.takeFromLots(wallet, take, List.of(id)));
        }
      }
      if (expiredPoints > 0) {
        work.post(wallet, -expiredPoints);
        deltas.put(wallet, -expiredPoints);
        total = WorkingSet.add(total, expiredPoints, x.breakage());
      }
    }
    if (total == 0) {
      return Plan.nothing();
    }
    work.post(x.breakage(), total);
    deltas.put(x.breakage(), total);
    return Plan.of(work, TransactionType.EXPIRY, x, x.asOf(), now, WorkingSet.postings(deltas), List.of(),
        Optional.empty(), Optional.empty());
  }

  private static Hold openHold(StoreTransaction store, HoldId id, String action) {
    // Re-read under the account locks: another unit may have resolved it in between.
    Hold hold = store.hold(id).orElseThrow(() -> new UnknownHoldException("hold " + id + " does not exist"));
    if (hold.status() != HoldStatus.OPEN) {
      throw new HoldAlreadyResolvedException("cannot " + action + " hold " + hold.id() + ": it was already "
          + hold.status() + " by " + hold.resolvedBy().orElseThrow());
    }
    return hold;
  }

  private static List<Posting> holdPending(AccountId from, AccountId to, long amount) {
    return List.of(new Posting(from, -amount), new Posting(to, amount));
  }

  private static Instant effectiveTime(Optional<Instant> requested, Instant now, LedgerCommand command) {
    if (requested.isPresent() && requested.get().isAfter(now)) {
      throw new InvalidCommandException("command " + command.key() + " is effective at " + requested.get()
          + ", in the future (now " + now + ")");
    }
    return requested.orElse(now);
  }

  private static WorkingSet lock(StoreTransaction store, SortedSet<AccountId> ids, Set<AccountId> spending,
      Instant effectiveAt) {
    Map<AccountId, AccountState> states = store.lockAccounts(ids, spending);
    if (states.size() != ids.size()) {
      List<AccountId> missing = new ArrayList<>();
      for (AccountId id : ids) {
        if (!states.containsKey(id)) {
          missing.add(id);
        }
      }
      throw new UnknownAccountException((missing.size() == 1 ? "account " : "accounts ")
          + String.join(", ", missing.stream().map(AccountId::value).toList()) + " not opened");
    }
    return new WorkingSet(store, states, store.nextTransactionId(), effectiveAt);
  }
}
