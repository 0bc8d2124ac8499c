package dev.loyalty.ledger.spi;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.RejectionCode;
import dev.loyalty.ledger.TransactionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A deliberately plain re-statement of the ledger's rules, for model-based tests: lists and
 * loops, no overlays, no store. Each command first checks (changing nothing), then, if the real
 * ledger accepted it, applies itself with the transaction id the ledger assigned.
 */
final class LedgerModel {

  /** The clawback account the model books shortfalls to (the properties' only one). */
  static final AccountId CLAWBACK_OF_MODEL = AccountId.of("system:clawback");

  static final class Acc {
    final AccountType type;
    long posted;
    long pendingDebits;
    long pendingCredits;
    long debt;
    /** Lifetime totals, counted as the ledger does: a hold's amount once, when it is placed. */
    long inflow;
    long outflow;
    boolean flaggedNegative;

    Acc(AccountType type) {
      this.type = type;
    }

    long available() {
      return posted - pendingDebits;
    }
  }

  static final class MLot {
    final long tx;
    final int index;
    final AccountId account;
    final long original;
    long remaining;
    long held;
    final Instant expiry; // null: never
    final Instant created; // the creating transaction's effective time

    MLot(long tx, int index, AccountId account, long amount, Instant expiry, Instant created) {
      this.tx = tx;
      this.index = index;
      this.account = account;
      this.original = amount;
      this.remaining = amount;
      this.expiry = expiry;
      this.created = created;
    }

    long unheld() {
      return remaining - held;
    }
  }

  record Res(MLot lot, long amount) {}

  record Move(MLot lot, long amount) {}

  record Portion(long amount, Instant expiry) {}

  static final class MHold {
    final long id;
    final AccountId from;
    final AccountId to;
    final long amount;
    final Instant toExpiry; // null: never (carried is not generated for holds)
    final Instant timeout; // null: none
    final List<Res> reservations;
    HoldStatus status = HoldStatus.OPEN;

    MHold(long id, AccountId from, AccountId to, long amount, Instant toExpiry, Instant timeout, List<Res> res) {
      this.id = id;
      this.from = from;
      this.to = to;
      this.amount = amount;
      this.toExpiry = toExpiry;
      this.timeout = timeout;
      this.reservations = res;
    }
  }

  static final class MTx {
    final long id;
    final TransactionType type;
    final Instant effective;
    final LinkedHashMap<AccountId, Long> postings = new LinkedHashMap<>();
    final List<Move> moves = new ArrayList<>();
    /** Per account, the magnitude this transaction's reversals so far took back there. */
    final Map<AccountId, Long> takenBack = new LinkedHashMap<>();

    MTx(long id, TransactionType type, Instant effective) {
      this.id = id;
      this.type = type;
      this.effective = effective;
    }

    long left(AccountId account) {
      return Math.abs(postings.getOrDefault(account, 0L)) - takenBack.getOrDefault(account, 0L);
    }

    /** What a full reversal would post now: per account with something left, the opposite of the original. */
    LinkedHashMap<AccountId, Long> rest() {
      LinkedHashMap<AccountId, Long> out = new LinkedHashMap<>();
      postings.forEach((account, amount) -> {
        long left = left(account);
        if (left > 0) {
          out.put(account, amount > 0 ? -left : left);
        }
      });
      return out;
    }
  }

  /** A wallet credit line: amount, and an expiry (null never) or carried. */
  record Credit(AccountId account, long amount, Instant expiry, boolean carried) {}

  final Map<AccountId, Acc> accounts = new TreeMap<>();
  final List<MLot> lots = new ArrayList<>();
  final Map<Long, MHold> holds = new TreeMap<>();
  final Map<Long, MTx> txs = new TreeMap<>();
  private int nextLotIndex;
  private long currentTx;
  private MTx current;

  void open(AccountId id, AccountType type) {
    accounts.put(id, new Acc(type));
  }

  private boolean isWallet(AccountId id) {
    return accounts.get(id).type == AccountType.WALLET;
  }

  private List<MLot> openLotsInSpendOrder(AccountId id) {
    return lots.stream().filter(l -> l.account.equals(id) && l.remaining > 0)
        .sorted(Comparator.comparing((MLot l) -> l.expiry == null ? Instant.MAX : l.expiry)
            .thenComparingLong(l -> l.tx).thenComparingInt(l -> l.index))
        .toList();
  }

  List<MLot> lotsOf(AccountId id) {
    return lots.stream().filter(l -> l.account.equals(id)).toList();
  }

  // --------------------------------------------------------------------------------------------
  // checks: return the rejection the ledger must give, changing nothing

  Optional<RejectionCode> checkTransfer(Map<AccountId, Long> entries, Map<AccountId, Boolean> carried,
      Instant effective) {
    long walletDebits = 0;
    long carriedCredits = 0;
    for (var e : entries.entrySet()) {
      Acc a = accounts.get(e.getKey());
      if (e.getValue() < 0) {
        if (a.type != AccountType.SYSTEM && a.available() < -e.getValue()
            || a.type != AccountType.SYSTEM && floor(e.getKey(), effective) < -e.getValue()) {
          return Optional.of(RejectionCode.INSUFFICIENT_BALANCE);
        }
        if (overflows(a.outflow, -e.getValue())) {
          return Optional.of(RejectionCode.BALANCE_OVERFLOW);
        }
        if (a.type == AccountType.WALLET) {
          walletDebits += -e.getValue();
        }
      } else if (carried.getOrDefault(e.getKey(), false)) {
        carriedCredits += e.getValue();
      }
    }
    if (carriedCredits > walletDebits) {
      return Optional.of(RejectionCode.INVALID_COMMAND);
    }
    for (var e : entries.entrySet()) {
      if (e.getValue() > 0 && overflows(accounts.get(e.getKey()).inflow, e.getValue())) {
        return Optional.of(RejectionCode.BALANCE_OVERFLOW);
      }
    }
    return Optional.empty();
  }

  Optional<RejectionCode> checkHold(AccountId from, AccountId to, long amount) {
    Acc a = accounts.get(from);
    if (a.type != AccountType.SYSTEM && a.available() < amount) {
      return Optional.of(RejectionCode.INSUFFICIENT_BALANCE);
    }
    if (overflows(a.outflow, amount) || overflows(accounts.get(to).inflow, amount)) {
      return Optional.of(RejectionCode.BALANCE_OVERFLOW);
    }
    return Optional.empty();
  }

  Optional<RejectionCode> checkResolve(long holdId, boolean post, long amount, Instant now) {
    MHold h = holds.get(holdId);
    if (h == null) {
      return Optional.of(RejectionCode.UNKNOWN_HOLD);
    }
    if (h.status != HoldStatus.OPEN) {
      return Optional.of(RejectionCode.HOLD_ALREADY_RESOLVED);
    }
    if (post && h.timeout != null && !h.timeout.isAfter(now)) {
      return Optional.of(RejectionCode.HOLD_TIMED_OUT);
    }
    if (post && amount > h.amount) {
      return Optional.of(RejectionCode.HOLD_AMOUNT_EXCEEDED);
    }
    return Optional.empty();
  }

  /** {@code partial}: the reversal's own postings, or null for a full reversal. */
  Optional<RejectionCode> checkReverse(long txId, int policy, Map<AccountId, Long> partial, Instant effective) {
    MTx t = txs.get(txId);
    if (t == null) {
      return Optional.of(RejectionCode.UNKNOWN_TRANSACTION);
    }
    if (t.type != TransactionType.TRANSFER && t.type != TransactionType.HOLD_POST) {
      return Optional.of(RejectionCode.NOT_REVERSIBLE);
    }
    if (effective.isBefore(t.effective)) {
      return Optional.of(RejectionCode.INVALID_COMMAND);
    }
    if (partial != null) {
      for (var e : partial.entrySet()) {
        long posted = t.postings.getOrDefault(e.getKey(), 0L);
        if (posted == 0 || (posted > 0) == (e.getValue() > 0)) {
          return Optional.of(RejectionCode.INVALID_COMMAND);
        }
      }
    }
    if (t.rest().isEmpty()) {
      return Optional.of(RejectionCode.ALREADY_REVERSED);
    }
    Map<AccountId, Long> wanted = partial != null ? partial : t.rest();
    if (partial != null) {
      for (var e : partial.entrySet()) {
        if (Math.abs(e.getValue()) > t.left(e.getKey())) {
          return Optional.of(RejectionCode.INVALID_COMMAND);
        }
      }
    }
    // per account of the original, as the ledger goes: take back (a refusal or an overflow), then give back
    Map<AccountId, Long> outflows = new LinkedHashMap<>();
    for (AccountId id : t.postings.keySet()) {
      Long w = wanted.get(id);
      if (w == null || w >= 0) {
        continue;
      }
      long amount = -w;
      Acc a = accounts.get(id);
      if (a.type == AccountType.SYSTEM) {
        outflows.merge(id, amount, Long::sum);
      } else {
        long taken = Math.max(0, Math.min(amount, Math.min(a.available(), floor(id, effective))));
        long shortfall = amount - taken;
        if (shortfall > 0 && policy == 0) {
          return Optional.of(RejectionCode.INSUFFICIENT_BALANCE);
        }
        if (shortfall > 0 && policy == 1) {
          outflows.merge(id, taken, Long::sum);
          if (overflows(a.outflow, outflows.get(id))) {
            return Optional.of(RejectionCode.BALANCE_OVERFLOW);
          }
          outflows.merge(CLAWBACK_OF_MODEL, shortfall, Long::sum);
          if (overflows(accounts.get(CLAWBACK_OF_MODEL).outflow, outflows.get(CLAWBACK_OF_MODEL))) {
            return Optional.of(RejectionCode.BALANCE_OVERFLOW);
          }
          continue;
        }
        outflows.merge(id, amount, Long::sum);
      }
      if (overflows(a.outflow, outflows.get(id))) {
        return Optional.of(RejectionCode.BALANCE_OVERFLOW);
      }
    }
    for (AccountId id : t.postings.keySet()) {
      Long w = wanted.get(id);
      if (w != null && w > 0 && overflows(accounts.get(id).inflow, w)) {
        return Optional.of(RejectionCode.BALANCE_OVERFLOW);
      }
    }
    return Optional.empty();
  }

  /** What an expiry run as of {@code asOf} would take from each wallet (only wallets it takes from). */
  private Map<AccountId, Long> expiring(Instant asOf) {
    Map<AccountId, Long> take = new LinkedHashMap<>();
    for (var e : accounts.entrySet()) {
      if (e.getValue().type != AccountType.WALLET) {
        continue;
      }
      long eligible = 0;
      for (MLot l : openLotsInSpendOrder(e.getKey())) {
        if (l.expiry != null && !l.expiry.isAfter(asOf) && !l.created.isAfter(asOf)) {
          eligible += l.unheld();
        }
      }
      long taking = Math.min(eligible, Math.max(0, floor(e.getKey(), asOf)));
      if (taking > 0) {
        take.put(e.getKey(), taking);
      }
    }
    return take;
  }

  /** The refusal an expiry run as of {@code asOf} gets: only an overflow of a lifetime total. */
  Optional<RejectionCode> checkExpire(Instant asOf, AccountId breakage) {
    long total = 0;
    for (var e : expiring(asOf).entrySet()) {
      if (overflows(accounts.get(e.getKey()).outflow, e.getValue())) {
        return Optional.of(RejectionCode.BALANCE_OVERFLOW);
      }
      total += e.getValue();
    }
    return total > 0 && overflows(accounts.get(breakage).inflow, total)
        ? Optional.of(RejectionCode.BALANCE_OVERFLOW) : Optional.empty();
  }

  // --------------------------------------------------------------------------------------------
  // applies: only after the ledger accepted the command

  void transfer(long txId, Instant effective, Map<AccountId, Long> entries, List<Credit> credits) {
    begin(txId, TransactionType.TRANSFER, effective);
    List<Portion> pool = new ArrayList<>();
    for (var e : entries.entrySet()) {
      if (e.getValue() < 0) {
        pool.addAll(debit(e.getKey(), -e.getValue()));
      }
    }
    int[] drawn = {0};
    long[] used = {0};
    for (Credit c : credits) {
      credit(c.account, c.amount, c.carried ? draw(pool, drawn, used, c.amount)
          : List.of(new Portion(c.amount, c.expiry)), true);
    }
    current.postings.putAll(entries);
    end();
  }

  void hold(long txId, Instant now, AccountId from, AccountId to, long amount, Instant toExpiry, Instant timeout) {
    begin(txId, TransactionType.HOLD, now);
    List<Res> res = new ArrayList<>();
    if (isWallet(from)) {
      long left = amount;
      for (MLot l : openLotsInSpendOrder(from)) {
        long take = Math.min(left, l.unheld());
        if (take > 0) {
          l.held += take;
          res.add(new Res(l, take));
          left -= take;
        }
      }
    }
    accounts.get(from).pendingDebits += amount;
    accounts.get(from).outflow += amount;
    accounts.get(to).pendingCredits += amount;
    accounts.get(to).inflow += amount;
    holds.put(txId, new MHold(txId, from, to, amount, toExpiry, timeout, res));
    end();
  }

  void post(long txId, Instant now, long holdId, long amount) {
    begin(txId, TransactionType.HOLD_POST, now);
    MHold h = holds.get(holdId);
    accounts.get(h.from).pendingDebits -= h.amount;
    accounts.get(h.to).pendingCredits -= h.amount;
    accounts.get(h.from).posted -= amount; // counted when the hold was placed
    List<Portion> pool = new ArrayList<>();
    long left = amount;
    for (Res r : h.reservations) {
      long take = Math.min(r.amount, left);
      left -= take;
      r.lot.remaining -= take;
      r.lot.held -= r.amount;
      if (take > 0) {
        current.moves.add(new Move(r.lot, -take));
        pool.add(new Portion(take, r.lot.expiry));
      }
    }
    credit(h.to, amount, List.of(new Portion(amount, h.toExpiry)), false);
    h.status = HoldStatus.POSTED;
    current.postings.put(h.from, -amount);
    current.postings.put(h.to, amount);
    end();
  }

  void voidHold(long txId, Instant now, long holdId) {
    begin(txId, TransactionType.HOLD_VOID, now);
    MHold h = holds.get(holdId);
    accounts.get(h.from).pendingDebits -= h.amount;
    accounts.get(h.to).pendingCredits -= h.amount;
    for (Res r : h.reservations) {
      r.lot.held -= r.amount;
    }
    h.status = HoldStatus.VOIDED;
    end();
  }

  /** {@code partial}: the reversal's own postings, or null for all that is left. */
  void reverse(long txId, Instant effective, long originalId, int policy, AccountId clawback,
      Map<AccountId, Long> partial) {
    begin(txId, TransactionType.REVERSAL, effective);
    MTx o = txs.get(originalId);
    Map<AccountId, Long> wanted = partial != null ? partial : o.rest();
    LinkedHashMap<AccountId, Long> deltas = new LinkedHashMap<>();
    for (AccountId id : o.postings.keySet()) {
      Long w = wanted.get(id);
      if (w == null || w >= 0) {
        continue;
      }
      long amount = -w;
      Acc a = accounts.get(id);
      if (a.type == AccountType.SYSTEM) {
        post(id, -amount);
        deltas.merge(id, -amount, Long::sum);
        continue;
      }
      long taken = Math.max(0, Math.min(amount, Math.min(a.available(), floor(id, effective))));
      if (a.type == AccountType.WALLET && taken > 0) {
        List<MLot> preferred = o.moves.stream().filter(m -> m.amount > 0 && m.lot.account.equals(id))
            .map(Move::lot).toList();
        take(id, taken, preferred);
      }
      long shortfall = amount - taken;
      if (shortfall > 0 && policy == 1) {
        post(id, -taken);
        deltas.merge(id, -taken, Long::sum);
        post(clawback, -shortfall);
        deltas.merge(clawback, -shortfall, Long::sum);
      } else {
        post(id, -amount);
        if (shortfall > 0) {
          a.flaggedNegative = true;
          if (a.type == AccountType.WALLET) {
            a.debt += shortfall;
          }
        }
        deltas.merge(id, -amount, Long::sum);
      }
    }
    for (AccountId id : o.postings.keySet()) {
      Long w = wanted.get(id);
      if (w == null || w <= 0) {
        continue;
      }
      long amount = w;
      if (!isWallet(id)) {
        post(id, amount);
      } else {
        // the dates of the lots the original took, after what earlier reversals gave back
        List<Portion> dates = new ArrayList<>();
        long skip = o.takenBack.getOrDefault(id, 0L);
        long covered = 0;
        for (Move m : o.moves) {
          if (m.amount < 0 && m.lot.account.equals(id)) {
            long portion = -m.amount;
            long skipped = Math.min(skip, portion);
            skip -= skipped;
            if (portion > skipped) {
              dates.add(new Portion(portion - skipped, m.lot.expiry));
              covered += portion - skipped;
            }
          }
        }
        if (covered < amount) {
          dates.add(new Portion(amount - covered, null));
        }
        credit(id, amount, draw(dates, new int[] {0}, new long[] {0}, amount), true);
      }
      deltas.merge(id, amount, Long::sum);
    }
    wanted.forEach((id, amount) -> o.takenBack.merge(id, Math.abs(amount), Long::sum));
    deltas.forEach((k, v) -> {
      if (v != 0) {
        current.postings.put(k, v);
      }
    });
    end();
  }

  /**
   * Returns false when nothing expired (no transaction). Only lots that existed as of {@code asOf}
   * expire, and per wallet no more than keeps its balance as of every time from then on at or
   * above zero.
   */
  boolean expire(long txIdIfAny, Instant asOf, AccountId breakage) {
    Map<AccountId, Long> take = expiring(asOf);
    long total = take.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return false;
    }
    begin(txIdIfAny, TransactionType.EXPIRY, asOf);
    take.forEach((wallet, taking) -> {
      long left = taking;
      for (MLot l : openLotsInSpendOrder(wallet)) {
        if (l.expiry == null || l.expiry.isAfter(asOf) || left == 0) {
          break;
        }
        long u = Math.min(l.unheld(), left);
        if (u > 0 && !l.created.isAfter(asOf)) {
          l.remaining -= u;
          current.moves.add(new Move(l, -u));
          left -= u;
        }
      }
      post(wallet, -taking);
      current.postings.put(wallet, -taking);
    });
    post(breakage, total);
    current.postings.put(breakage, total);
    end();
    return true;
  }

  /**
   * For a wallet or budget, the least posted balance it has as of any time from {@code t} on: as
   * of {@code t}, and as of each later effective time of a transaction that posted to it. No bound
   * for system accounts.
   */
  long floor(AccountId id, Instant t) {
    if (accounts.get(id).type == AccountType.SYSTEM) {
      return Long.MAX_VALUE;
    }
    long least = postedAsOf(id, t);
    for (MTx tx : txs.values()) {
      if (tx.effective.isAfter(t) && tx.postings.containsKey(id)) {
        least = Math.min(least, postedAsOf(id, tx.effective));
      }
    }
    return least;
  }

  List<Long> timedOutHolds(Instant now) {
    List<Long> out = new ArrayList<>();
    holds.values().forEach(h -> {
      if (h.status == HoldStatus.OPEN && h.timeout != null && !h.timeout.isAfter(now)) {
        out.add(h.id);
      }
    });
    return out;
  }

  long postedAsOf(AccountId id, Instant t) {
    long sum = 0;
    for (MTx tx : txs.values()) {
      if (!tx.effective.isAfter(t)) {
        sum += tx.postings.getOrDefault(id, 0L);
      }
    }
    return sum;
  }

  // --------------------------------------------------------------------------------------------

  private void begin(long txId, TransactionType type, Instant effective) {
    currentTx = txId;
    nextLotIndex = 0;
    current = new MTx(txId, type, effective);
  }

  private void end() {
    // a wallet in debt uses any unheld lots to repay it
    for (var e : accounts.entrySet()) {
      Acc a = e.getValue();
      if (a.type == AccountType.WALLET && a.debt > 0) {
        long repaid = take(e.getKey(), a.debt, List.of());
        a.debt -= repaid;
      }
    }
    txs.put(currentTx, current);
    current = null;
  }

  /** Posts {@code delta} and counts it in the account's lifetime inflow or outflow. */
  private void post(AccountId id, long delta) {
    Acc a = accounts.get(id);
    a.posted += delta;
    if (delta > 0) {
      a.inflow += delta;
    } else {
      a.outflow -= delta;
    }
  }

  /** Whether adding {@code delta} (not negative) to a lifetime total {@code total} passes a long. */
  static boolean overflows(long total, long delta) {
    return delta > Long.MAX_VALUE - total;
  }

  private List<Portion> debit(AccountId id, long amount) {
    Acc a = accounts.get(id);
    post(id, -amount);
    if (a.type != AccountType.WALLET) {
      return List.of();
    }
    List<Portion> taken = new ArrayList<>();
    long left = amount;
    for (MLot l : openLotsInSpendOrder(id)) {
      long take = Math.min(left, l.unheld());
      if (take > 0) {
        l.remaining -= take;
        left -= take;
        current.moves.add(new Move(l, -take));
        taken.add(new Portion(take, l.expiry));
      }
    }
    return taken;
  }

  /** Takes up to {@code amount} unheld points, preferred lots first; returns what it took. */
  private long take(AccountId id, long amount, List<MLot> preferred) {
    long left = amount;
    List<MLot> order = new ArrayList<>(preferred);
    order.addAll(openLotsInSpendOrder(id));
    for (MLot l : order) {
      long take = Math.min(left, l.unheld());
      if (take > 0) {
        l.remaining -= take;
        left -= take;
        current.moves.add(new Move(l, -take));
      }
    }
    return amount - left;
  }

  private void credit(AccountId id, long amount, List<Portion> portions, boolean counted) {
    Acc a = accounts.get(id);
    if (counted) {
      post(id, amount);
    } else {
      a.posted += amount;
    }
    if (a.type != AccountType.WALLET) {
      return;
    }
    for (Portion p : portions) {
      long repay = Math.min(a.debt, p.amount);
      a.debt -= repay;
      if (p.amount > repay) {
        MLot lot = new MLot(currentTx, nextLotIndex++, id, p.amount - repay, p.expiry, current.effective);
        lots.add(lot);
        current.moves.add(new Move(lot, p.amount - repay));
      }
    }
  }

  private static List<Portion> draw(List<Portion> pool, int[] next, long[] used, long amount) {
    List<Portion> out = new ArrayList<>();
    long left = amount;
    while (left > 0) {
      Portion p = pool.get(next[0]);
      long take = Math.min(p.amount - used[0], left);
      Portion last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && java.util.Objects.equals(last.expiry, p.expiry)) {
        out.set(out.size() - 1, new Portion(last.amount + take, p.expiry)); // one lot per date
      } else {
        out.add(new Portion(take, p.expiry));
      }
      left -= take;
      used[0] += take;
      if (used[0] == p.amount) {
        next[0]++;
        used[0] = 0;
      }
    }
    return out;
  }
}
