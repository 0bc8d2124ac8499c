package dev.loyalty.ledger.internal;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.BalanceOverflowException;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.InvalidCommandException;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.LotReservation;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.ChangeSet;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The changes one command makes, built up against the locked state before anything is written:
 * account states, lot versions and lot movements. Every check happens here, so that the store
 * receives a {@link ChangeSet} that is valid as a whole. Lives for one command, one thread.
 */
final class WorkingSet {

  /** Points taken from one lot, with that lot's expiry: what a carried credit inherits. */
  record Portion(long amount, Optional<Instant> expiresAt) {}

  private final StoreTransaction store;
  private final Map<AccountId, AccountState> lockedStates;
  private final TransactionId transactionId;
  private final Instant effectiveAt;
  private final SmallMap<LotId, Lot> changedLots = new SmallMap<>();
  private final SmallMap<AccountId, AccountState> changedStates = new SmallMap<>();
  private final List<LotMovement> lotMovements = new ArrayList<>();
  private final List<Hold> holds = new ArrayList<>();
  /** What {@link #asOfRoom} found per account; made on first use (most commands never ask). */
  private SmallMap<AccountId, Long> asOfRooms;
  private int nextLotIndex;

  WorkingSet(StoreTransaction store, Map<AccountId, AccountState> lockedStates, TransactionId transactionId,
      Instant effectiveAt) {
    this.store = store;
    this.lockedStates = lockedStates;
    this.transactionId = transactionId;
    this.effectiveAt = effectiveAt;
  }

  TransactionId transactionId() {
    return transactionId;
  }

  AccountState state(AccountId id) {
    AccountState s = changedStates.get(id);
    if (s == null) {
      s = lockedStates.get(id);
    }
    if (s == null) {
      throw new IllegalStateException("account " + id + " was not locked by this command");
    }
    return s;
  }

  AccountType type(AccountId id) {
    return state(id).account().type();
  }

  Lot lot(AccountId wallet, LotId id) {
    Lot changed = changedLots.get(id);
    if (changed != null) {
      return changed;
    }
    return store.lot(wallet, id)
        .orElseThrow(() -> new IllegalStateException("lot " + id + " of " + wallet + " is missing from the store"));
  }

  /** The current version of a lot read from the store: this command's change of it, if any. */
  private Lot current(Lot stored) {
    Lot changed = changedLots.get(stored.id());
    return changed != null ? changed : stored;
  }

  void addHold(Hold hold) {
    holds.add(hold);
  }

  /** The account's available balance: posted minus pending debits. */
  long available(AccountId id) {
    AccountState s = state(id);
    return s.posted() - s.pendingDebits();
  }

  /**
   * Takes {@code amount} from {@code account}'s posted balance, checking the bound of wallets and
   * budgets. For a wallet, consumes unheld lots in spend order and returns what it took from each.
   */
  List<Portion> debit(AccountId account, long amount) {
    AccountState s = state(account);
    AccountType type = s.account().type();
    if (type.isBoundedBelowByZero() && available(account) < amount) {
      throw new InsufficientBalanceException(type.name().toLowerCase(Locale.ROOT) + " " + account
          + " has " + available(account) + " points available, " + amount + " needed");
    }
    requireAsOfRoom(account, amount);
    post(account, -amount);
    if (!type.keepsLots()) {
      return List.of();
    }
    List<Portion> taken = takeFromLots(account, amount, List.of());
    if (sum(taken) != amount) {
      throw new IllegalStateException("wallet " + account + " lots cover " + sum(taken) + " of " + amount
          + " although its available balance allowed it: lots and balance disagree");
    }
    return taken;
  }

  /**
   * Takes up to {@code amount} of unheld points from the wallet's lots: first from
   * {@code preferred} lots (in that order), then in spend order. Records lot movements; does not
   * change the posted balance.
   */
  List<Portion> takeFromLots(AccountId wallet, long amount, List<LotId> preferred) {
    List<Portion> taken = new ArrayList<>();
    long left = amount;
    for (LotId id : preferred) {
      if (left == 0) {
        break;
      }
      left -= takeFrom(lot(wallet, id), left, taken);
    }
    if (left > 0) {
      // what is left is checked before the next lot is read: a store may make or fetch each lot it hands out
      Iterator<Lot> open = store.openLots(wallet).iterator();
      while (left > 0 && open.hasNext()) {
        left -= takeFrom(current(open.next()), left, taken);
      }
    }
    return taken;
  }

  private long takeFrom(Lot lot, long wanted, List<Portion> taken) {
    long take = Math.min(lot.unheld(), wanted);
    if (take > 0) {
      putLot(lot.with(lot.remaining() - take, lot.held()));
      lotMovements.add(new LotMovement(lot.account(), lot.id(), -take, lot.expiresAt()));
      taken.add(new Portion(take, lot.expiresAt()));
    }
    return take;
  }

  /**
   * Adds {@code amount} to {@code account}'s posted balance. A wallet repays its debt first and
   * keeps the rest as new lots: one lot with the given expiry, or, for a carried expiry, one lot
   * per portion drawn from {@code carried} (which it consumes).
   */
  void credit(AccountId account, long amount, Expiry expiry, CarriedPool carried) {
    credit(account, amount, expiry, carried, true);
  }

  /**
   * {@link #credit(AccountId, long, Expiry, CarriedPool)}; {@code counted} false for the post of a
   * hold, whose amount the account's lifetime inflow counted when the hold was placed.
   */
  void credit(AccountId account, long amount, Expiry expiry, CarriedPool carried, boolean counted) {
    AccountState s = state(account);
    if (!s.account().type().keepsLots()) {
      if (expiry != Expiry.never()) {
        throw new InvalidCommandException("account " + account + " is a " + s.account().type()
            + " and keeps no lots, so a credit to it cannot set an expiry");
      }
      post(account, amount, counted);
      return;
    }
    List<Portion> portions = expiry == Expiry.carried()
        ? carried.draw(amount, account)
        : List.of(new Portion(amount, expiry instanceof Expiry.At at ? Optional.of(at.instant()) : Optional.empty()));
    post(account, amount, counted);
    long debt = state(account).debt();
    for (Portion p : portions) {
      long repay = Math.min(debt, p.amount());
      debt -= repay;
      if (p.amount() > repay) {
        LotId id = new LotId(transactionId, nextLotIndex++);
        long rest = p.amount() - repay;
        putLot(new Lot(id, account, rest, rest, 0, p.expiresAt(), effectiveAt));
        lotMovements.add(new LotMovement(account, id, rest, p.expiresAt()));
      }
    }
    if (debt != state(account).debt()) {
      setDebt(account, debt);
    }
  }

  /** Reserves {@code amount} of the wallet's unheld lots, in spend order. */
  List<LotReservation> reserve(AccountId wallet, long amount) {
    List<LotReservation> reservations = new ArrayList<>();
    long left = amount;
    Iterator<Lot> open = store.openLots(wallet).iterator();
    while (left > 0 && open.hasNext()) {
      Lot lot = current(open.next());
      long take = Math.min(lot.unheld(), left);
      if (take > 0) {
        putLot(lot.with(lot.remaining(), lot.held() + take));
        reservations.add(new LotReservation(lot.id(), take));
        left -= take;
      }
    }
    if (left != 0) {
      throw new IllegalStateException("wallet " + wallet + " lots cannot reserve " + amount
          + " although its available balance allowed it: lots and balance disagree");
    }
    return reservations;
  }

  /**
   * Resolves a hold's reservations: takes {@code consume} points from the reserved lots in order
   * and releases all of the reservations. Returns what was taken, per lot.
   */
  List<Portion> consumeReservations(AccountId wallet, List<LotReservation> reservations, long consume) {
    List<Portion> taken = new ArrayList<>();
    long left = consume;
    for (LotReservation r : reservations) {
      Lot lot = lot(wallet, r.lot());
      long take = Math.min(r.amount(), left);
      left -= take;
      putLot(lot.with(lot.remaining() - take, lot.held() - r.amount()));
      if (take > 0) {
        lotMovements.add(new LotMovement(lot.account(), lot.id(), -take, lot.expiresAt()));
        taken.add(new Portion(take, lot.expiresAt()));
      }
    }
    return taken;
  }

  /** Changes the pending debits; a new hold ({@code delta > 0}) also counts in the account's lifetime outflow. */
  void addPendingDebit(AccountId id, long delta) {
    AccountState s = state(id);
    put(new AccountState(s.account(), s.posted(), add(s.pendingDebits(), delta, id), s.pendingCredits(), s.debt(),
        s.inflow(), delta > 0 ? lifetime(s.outflow(), delta, id, "outflow") : s.outflow(), s.lastCreditAt()));
  }

  /** Changes the pending credits; a new hold ({@code delta > 0}) also counts in the account's lifetime inflow. */
  void addPendingCredit(AccountId id, long delta) {
    AccountState s = state(id);
    put(new AccountState(s.account(), s.posted(), s.pendingDebits(), add(s.pendingCredits(), delta, id), s.debt(),
        delta > 0 ? lifetime(s.inflow(), delta, id, "inflow") : s.inflow(), s.outflow(), s.lastCreditAt()));
  }

  /**
   * Posts {@code delta} to the account's balance, without touching lots (callers do their own lot
   * work), and counts it in the account's lifetime inflow or outflow; a credit also moves the
   * account's last credit time to this command's effective time if that is later.
   */
  void post(AccountId id, long delta) {
    post(id, delta, true);
  }

  /**
   * {@link #post(AccountId, long)}; {@code counted} false for the post of a hold, whose amount the
   * lifetime totals counted when the hold was placed (so they bound the posting already).
   */
  void post(AccountId id, long delta, boolean counted) {
    if (delta == 0) {
      return;
    }
    AccountState s = state(id);
    long posted = add(s.posted(), delta, id);
    if (delta > 0) {
      Optional<Instant> lastCredit = s.lastCreditAt().isPresent() && !s.lastCreditAt().get().isBefore(effectiveAt)
          ? s.lastCreditAt() : Optional.of(effectiveAt);
      put(new AccountState(s.account(), posted, s.pendingDebits(), s.pendingCredits(), s.debt(),
          counted ? lifetime(s.inflow(), delta, id, "inflow") : s.inflow(), s.outflow(), lastCredit));
    } else {
      put(new AccountState(s.account(), posted, s.pendingDebits(), s.pendingCredits(), s.debt(), s.inflow(),
          counted ? lifetime(s.outflow(), -delta, id, "outflow") : s.outflow(), s.lastCreditAt()));
    }
  }

  void setDebt(AccountId id, long debt) {
    AccountState s = state(id);
    put(new AccountState(s.account(), s.posted(), s.pendingDebits(), s.pendingCredits(), debt, s.inflow(),
        s.outflow(), s.lastCreditAt()));
  }

  /**
   * The least posted balance wallet or budget {@code account} had, before this command, as of any
   * time from this command's effective time on: what a debit effective then may take without
   * making the account's balance as of some time negative. {@link Long#MAX_VALUE} when nothing
   * credited the account after that time (its balance as of any later time is then at least the
   * current one, which the available-balance check covers), or when the account is a system
   * account (which may go below zero); otherwise the posted balance less what the store says the
   * postings after some time from then on add up to at most ({@link StoreTransaction#mostPostedAfter}).
   */
  long asOfRoom(AccountId account) {
    if (asOfRooms == null) {
      asOfRooms = new SmallMap<>();
    }
    Long known = asOfRooms.get(account);
    if (known != null) {
      return known;
    }
    AccountState before = lockedStates.get(account);
    long room = Long.MAX_VALUE;
    if (before != null && AsOfRoom.mayBeShort(before, effectiveAt)) {
      room = AsOfRoom.leastBalanceFrom(before.posted(), store.mostPostedAfter(account, effectiveAt));
    }
    asOfRooms.put(account, room);
    return room;
  }

  /** Refuses a debit that would make a wallet's balance as of some time from this command's on negative. */
  void requireAsOfRoom(AccountId account, long amount) {
    AccountType type = type(account);
    long room = asOfRoom(account);
    if (room < amount) {
      throw new InsufficientBalanceException(type.name().toLowerCase(Locale.ROOT) + " " + account + " had only "
          + Math.max(0, room) + " points as of some time from " + effectiveAt + " on, " + amount + " needed: "
          + "a debit effective then cannot take points the account got later");
    }
  }

  /**
   * A wallet in debt whose lots became unheld (a released hold) uses them to repay the debt, so a
   * wallet with debt never has unheld points: its available balance stays exactly minus its debt.
   */
  void settleDebts() {
    for (AccountState s : changedStates.values()) {
      if (s.account().type().keepsLots() && s.debt() > 0) {
        long repaid = sum(takeFromLots(s.id(), s.debt(), List.of()));
        setDebt(s.id(), s.debt() - repaid);
      }
    }
  }

  List<LotMovement> lotMovements() {
    return lotMovements;
  }

  /** The change set for the given transaction, after {@link #settleDebts()}. */
  ChangeSet toChangeSet(Transaction transaction, IdempotencyRecord outcome) {
    return new ChangeSet(List.of(), changedStates.values(), changedLots.values(),
        holds, Optional.of(transaction), Optional.of(CanonicalEncoder.forThisThread().contentHash(transaction)),
        Optional.of(outcome));
  }

  /** Postings from per-account deltas, dropping zeros, in first-touched order. */
  static List<Posting> postings(Map<AccountId, Long> deltas) {
    List<Posting> out = new ArrayList<>(deltas.size());
    deltas.forEach((account, amount) -> {
      if (amount != 0) {
        out.add(new Posting(account, amount));
      }
    });
    return out;
  }

  static long sum(List<Portion> portions) {
    long s = 0;
    for (Portion p : portions) {
      s += p.amount();
    }
    return s;
  }

  private void putLot(Lot lot) {
    changedLots.put(lot.id(), lot);
  }

  private void put(AccountState s) {
    changedStates.put(s.id(), s);
  }

  private static long lifetime(long total, long delta, AccountId id, String which) {
    try {
      return Math.addExact(total, delta);
    } catch (ArithmeticException e) {
      throw new BalanceOverflowException("account " + id + ": its lifetime " + which + " " + total + " + " + delta
          + " would overflow a long (the ledger keeps every account's lifetime credits and debits within a long, "
          + "so that no balance, as of any time, and no sum of its postings can overflow)");
    }
  }

  static long add(long a, long b, AccountId id) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new BalanceOverflowException("account " + id + ": " + a + " + " + b + " overflows a long");
    }
  }

  static long subtract(long a, long b, AccountId id) {
    try {
      return Math.subtractExact(a, b);
    } catch (ArithmeticException e) {
      throw new BalanceOverflowException("account " + id + ": " + a + " - " + b + " overflows a long");
    }
  }

  /** The portions that wallet debits of a command released, for credits with a carried expiry. */
  static final class CarriedPool {
    private final List<Portion> portions = new ArrayList<>();
    private int next;
    private long nextUsed;

    void addAll(List<Portion> taken) {
      portions.addAll(taken);
    }

    List<Portion> draw(long amount, AccountId forAccount) {
      List<Portion> out = new ArrayList<>();
      long left = amount;
      while (left > 0 && next < portions.size()) {
        Portion p = portions.get(next);
        long take = Math.min(p.amount() - nextUsed, left);
        int last = out.size() - 1;
        if (last >= 0 && out.get(last).expiresAt().equals(p.expiresAt())) {
          // one lot per expiry date: lots that share a date need not stay apart in the new wallet
          out.set(last, new Portion(out.get(last).amount() + take, p.expiresAt()));
        } else {
          out.add(new Portion(take, p.expiresAt()));
        }
        left -= take;
        nextUsed += take;
        if (nextUsed == p.amount()) {
          next++;
          nextUsed = 0;
        }
      }
      if (left > 0) {
        throw new InvalidCommandException("credit of " + amount + " to " + forAccount
            + " carries expiry dates, but the command took only " + (amount - left) + " points from wallet lots");
      }
      return out;
    }
  }
}
