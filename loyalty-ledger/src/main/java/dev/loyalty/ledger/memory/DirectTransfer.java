package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransactionType;
import dev.loyalty.ledger.TransferRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A transfer planned against the store's own numbers: the account records' figures and the debited
 * wallets' open lots in place, where the general planner would make an {@code AccountState} per
 * account, a {@code Lot} per lot read, new versions of both, a working set and a change set, for
 * the store to take apart again. Two entries (an earn, a wallet-to-wallet move) or up to
 * {@value #MAX_ENTRIES} (an award that debits issuance and a budget and credits a dealer and its
 * reps).
 *
 * <p>It handles the common case only, and only when it will succeed: every account open (a
 * request names each account once) and out of debt, no debit of a wallet or budget backdated before the account's last credit
 * (no as-of check needed), each debited wallet's or budget's available balance and, for a wallet,
 * its unheld lots enough, no sum overflowing, an expiry only for a wallet, a carried expiry only in
 * a two-entry transfer from a wallet (with more entries the general planner shares the debits' lots
 * out among the credits). Anything else is left to the general planner ({@link #plan} returns
 * null), which writes it or refuses it with its own message. What it writes is what the general
 * planner writes for the same command: the same transaction (the debits' lot movements in entry
 * order, then the credits', the new lots numbered from 0 across the credits), the same figures
 * and lots.
 *
 * <p>One per store, planning one command at a time under the store's write lock: its working
 * arrays (the entries' records and amounts, the points taken from each debited wallet's lots, the
 * new lots' points, the lot movements) are kept from command to command rather than made for each,
 * about a dozen arrays a command; only what the transaction keeps is new. Not thread-safe.
 */
final class DirectTransfer {

  /** The most entries a transfer planned here has. */
  static final int MAX_ENTRIES = 8;

  /** Per entry, in entry order: the account's record, and the entry's amount (negative for a debit). */
  private final AccountRecord[] records = new AccountRecord[MAX_ENTRIES];
  private final long[] amounts = new long[MAX_ENTRIES];
  private int n;
  private Instant effectiveAt;
  private Transaction transaction;
  /**
   * Per entry: for a debited wallet, what it takes from each open lot it reads, in spend order (0 for
   * a fully held one), the first {@code tookCount[i]} of {@code took[i]}; -1 for any other entry.
   */
  private final long[][] took = new long[MAX_ENTRIES][];
  private final int[] tookCount = new int[MAX_ENTRIES];
  /** Per credit entry, the points of its new lots, the first {@code newLotCount[i]} of {@code newLots[i]}. */
  private final long[][] newLots = new long[MAX_ENTRIES][];
  private final int[] newLotCount = new int[MAX_ENTRIES];
  /** The lot movements being planned: the debits', then the credits'. */
  private LotMovement[] movements = new LotMovement[16];
  /** Per debit movement, the open lot (in spend order) it takes from. */
  private int[] takenFrom = new int[16];
  /** How many lot movements the debits have, and all of them. */
  private int debitMovements;
  private int moved;

  DirectTransfer() {
    for (int i = 0; i < MAX_ENTRIES; i++) {
      took[i] = new long[8];
      newLots[i] = new long[4];
    }
  }

  /**
   * Plans {@code t} as transaction {@code id} at {@code now}; false when it is not a case this class
   * handles (see the class comment). Reads only: changes nothing but this planner.
   *
   * @param records per entry of {@code t}, in order, the record of its account; null where that is not open
   */
  boolean plan(TransferRequest t, Instant now, TransactionId id, AccountRecord[] records) {
    transaction = null;
    List<Entry> entries = t.entries();
    int n = entries.size();
    Instant effectiveAt = t.effectiveAt().orElse(now);
    if (n < 2 || n > MAX_ENTRIES || records.length < n || effectiveAt.isAfter(now)) {
      return false;
    }
    long[] amounts = this.amounts;
    int debits = 0;
    for (int i = 0; i < n; i++) {
      AccountRecord r = records[i];
      if (r == null || r.debt() != 0) {
        return false;
      }
      Entry e = entries.get(i);
      long amount = e.amount();
      amounts[i] = amount;
      AccountType type = r.account().type();
      if (amount < 0) {
        debits++;
        long taken = -amount;
        if (type.isBoundedBelowByZero() && (r.posted() - r.pendingDebits() < taken || r.lastCreditAfter(effectiveAt))) {
          return false; // short, or backdated: the general planner refuses it or checks as of then
        }
        if (!fitsAfter(r.posted(), amount) || !fitsAfter(r.outflow(), taken)) {
          return false;
        }
      } else {
        if (!fitsAfter(r.posted(), amount) || !fitsAfter(r.inflow(), amount)) {
          return false;
        }
        Expiry expiry = e.expiry();
        if (!type.keepsLots() && expiry != Expiry.never() || expiry == Expiry.carried() && n != 2) {
          return false;
        }
      }
    }
    // the debits' movements, then the credits'; takenFrom[k]: the open lot the kth debit movement takes from
    int moved = 0;
    this.moved = 0;
    WalletLots carriedFrom = null;
    for (int i = 0; i < n; i++) {
      AccountRecord r = records[i];
      tookCount[i] = -1;
      if (amounts[i] > 0 || r.lots == null) {
        continue;
      }
      WalletLots lots = r.lots;
      carriedFrom = lots;
      int open = lots.openSize();
      long left = -amounts[i];
      long[] took = this.took[i];
      int lotsRead = 0;
      int first = moved;
      Optional<Instant> expiresAt = Optional.empty();
      while (left > 0 && lotsRead < open) {
        long take = Math.min(lots.openUnheld(lotsRead), left);
        if (lotsRead == took.length) {
          took = this.took[i] = Arrays.copyOf(took, lotsRead * 2);
        }
        took[lotsRead] = Math.max(take, 0);
        if (take > 0) {
          ensureMovements(moved + 1 + n);
          // lots taken one after another mostly share an expiry date: one Optional for them all
          if (moved == first || !lots.sameOpenExpiry(takenFrom[moved - 1], lotsRead)) {
            expiresAt = lots.openExpiry(lotsRead);
          }
          takenFrom[moved] = lotsRead;
          movements[moved++] = new LotMovement(entries.get(i).account(), lots.openId(lotsRead), -take, expiresAt);
          left -= take;
        }
        lotsRead++;
      }
      if (left > 0) {
        return false; // lots and balance disagree: the general planner says so
      }
      tookCount[i] = lotsRead;
    }
    int debitMovements = moved;
    ensureMovements(moved + n);
    int made = 0;
    for (int i = 0; i < n; i++) {
      Entry credit = entries.get(i);
      newLotCount[i] = 0;
      if (amounts[i] < 0 || records[i].lots == null) {
        continue;
      }
      if (credit.expiry() != Expiry.carried()) {
        newLots[i][0] = amounts[i];
        newLotCount[i] = 1;
        movements[moved++] = new LotMovement(credit.account(), new LotId(id, made++), amounts[i],
            credit.expiry() instanceof Expiry.At at ? Optional.of(at.instant()) : Optional.empty());
        continue;
      }
      if (carriedFrom == null || debits != 1) {
        return false; // carried from an account that keeps no lots: the general planner refuses it
      }
      // the debit's expiry dates, in spend order, one new lot per date
      long[] points = newLots[i];
      if (points.length < debitMovements) {
        points = newLots[i] = new long[Math.max(debitMovements, points.length * 2)];
      }
      int lots = 0;
      long sum = 0;
      for (int k = 0; k < debitMovements; k++) {
        LotMovement taken = movements[k];
        sum -= taken.amount();
        if (k + 1 == debitMovements || !carriedFrom.sameOpenExpiry(takenFrom[k + 1], takenFrom[k])) {
          ensureMovements(moved + 1);
          movements[moved++] = new LotMovement(credit.account(), new LotId(id, made++), sum, taken.expiresAt());
          points[lots++] = sum;
          sum = 0;
        }
      }
      newLotCount[i] = lots;
    }
    // immutable lists already, which the transaction keeps as they are instead of copying
    List<Posting> postings = n == 2
        ? List.of(new Posting(entries.get(0).account(), amounts[0]), new Posting(entries.get(1).account(), amounts[1]))
        : postings(entries, amounts, n);
    Transaction planned = new Transaction(id, TransactionType.TRANSFER, t.key(), t.reason(), t.metadata(),
        effectiveAt, now, postings, List.of(), movements(moved), Optional.empty(), Optional.empty(), List.of());
    System.arraycopy(records, 0, this.records, 0, n);
    this.n = n;
    this.effectiveAt = effectiveAt;
    this.debitMovements = debitMovements;
    this.moved = moved;
    this.transaction = planned;
    return true;
  }

  private static List<Posting> postings(List<Entry> entries, long[] amounts, int n) {
    Posting[] postings = new Posting[n];
    for (int i = 0; i < n; i++) {
      postings[i] = new Posting(entries.get(i).account(), amounts[i]);
    }
    return List.of(postings);
  }

  /** The first {@code count} planned movements as an immutable list (List.of copies an array it is given). */
  private List<LotMovement> movements(int count) {
    switch (count) {
      case 0:
        return List.of();
      case 1:
        return List.of(movements[0]);
      case 2:
        return List.of(movements[0], movements[1]);
      default:
        return List.of(Arrays.copyOf(movements, count));
    }
  }

  private void ensureMovements(int capacity) {
    if (capacity > movements.length) {
      int grown = Math.max(capacity, movements.length * 2);
      movements = Arrays.copyOf(movements, grown);
      takenFrom = Arrays.copyOf(takenFrom, grown);
    }
  }

  /** Whether {@code total + delta} stays within a long. */
  private static boolean fitsAfter(long total, long delta) {
    long sum = total + delta;
    return ((total ^ sum) & (delta ^ sum)) >= 0;
  }

  /** The transaction the last successful {@link #plan} planned. */
  Transaction transaction() {
    return transaction;
  }

  /**
   * Writes the last successful plan into the records and their lots (the journal and the key are the
   * store's), then forgets it.
   */
  void apply() {
    if (transaction == null) {
      throw new IllegalStateException("no plan to apply");
    }
    for (int i = 0; i < n; i++) {
      AccountRecord r = records[i];
      long amount = amounts[i];
      if (amount < 0) {
        r.debited(r.posted() + amount, r.outflow() - amount);
        int count = tookCount[i];
        if (count >= 0) {
          long[] took = this.took[i];
          for (int j = 0; j < count; j++) {
            if (took[j] > 0) {
              r.lots.takeFromOpen(j, took[j]);
            }
          }
          r.lots.closeSpent(count);
        }
      }
    }
    List<LotMovement> movements = transaction.lotMovements();
    int next = debitMovements;
    for (int i = 0; i < n; i++) {
      AccountRecord r = records[i];
      long amount = amounts[i];
      if (amount > 0) {
        r.credited(r.posted() + amount, r.inflow() + amount, effectiveAt);
        long[] points = newLots[i];
        for (int k = 0; k < newLotCount[i]; k++, next++) {
          LotId lot = movements.get(next).lot();
          r.lots.addNew(lot.transaction().value(), lot.index(), points[k], movements.get(next).expiresAt().orElse(null),
              effectiveAt);
        }
      }
    }
    // nothing kept alive from one command to the next: this planner lives as long as the store
    transaction = null;
    Arrays.fill(records, 0, n, null);
    Arrays.fill(this.movements, 0, this.moved, null);
  }
}
