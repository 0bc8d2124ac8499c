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
 * <p>Lives for one command, under the store's write lock.
 */
final class DirectTransfer {

  /** The most entries a transfer planned here has. */
  static final int MAX_ENTRIES = 8;

  /** Per entry, in entry order: the account's record, and the entry's amount (negative for a debit). */
  private final AccountRecord[] records;
  private final long[] amounts;
  private final Instant effectiveAt;
  private final Transaction transaction;
  /** Per entry: for a debited wallet, what it takes from each open lot it reads, in spend order (0 for a fully held one). */
  private final long[][] takes;
  /** Per credit entry, the points of its new lots (their movements follow the debits', in entry order). */
  private final long[][] newLots;
  /** How many lot movements the debits have. */
  private final int debitMovements;

  private DirectTransfer(AccountRecord[] records, long[] amounts, Instant effectiveAt, Transaction transaction,
      long[][] takes, long[][] newLots, int debitMovements) {
    this.records = records;
    this.amounts = amounts;
    this.effectiveAt = effectiveAt;
    this.transaction = transaction;
    this.takes = takes;
    this.newLots = newLots;
    this.debitMovements = debitMovements;
  }

  /**
   * The plan of {@code t} as transaction {@code id} at {@code now}, or null when it is not a case
   * this class handles (see the class comment). Reads only: changes nothing.
   *
   * @param records per entry of {@code t}, in order, the record of its account; null where that is not open
   */
  static DirectTransfer plan(TransferRequest t, Instant now, TransactionId id, AccountRecord[] records) {
    List<Entry> entries = t.entries();
    int n = entries.size();
    Instant effectiveAt = t.effectiveAt().orElse(now);
    if (n < 2 || n > MAX_ENTRIES || records.length != n || effectiveAt.isAfter(now)) {
      return null;
    }
    long[] amounts = new long[n];
    int debits = 0;
    for (int i = 0; i < n; i++) {
      AccountRecord r = records[i];
      if (r == null || r.debt() != 0) {
        return null;
      }
      Entry e = entries.get(i);
      long amount = e.amount();
      amounts[i] = amount;
      AccountType type = r.account().type();
      if (amount < 0) {
        debits++;
        long taken = -amount;
        if (type.isBoundedBelowByZero() && (r.posted() - r.pendingDebits() < taken || r.lastCreditAfter(effectiveAt))) {
          return null; // short, or backdated: the general planner refuses it or checks as of then
        }
        if (!fitsAfter(r.posted(), amount) || !fitsAfter(r.outflow(), taken)) {
          return null;
        }
      } else {
        if (!fitsAfter(r.posted(), amount) || !fitsAfter(r.inflow(), amount)) {
          return null;
        }
        Expiry expiry = e.expiry();
        if (!type.keepsLots() && expiry != Expiry.never() || expiry == Expiry.carried() && n != 2) {
          return null;
        }
      }
    }
    // the debits' movements, then the credits'; takenFrom[k]: the open lot the kth debit movement takes from
    LotMovement[] movements = new LotMovement[4];
    int[] takenFrom = new int[4];
    int moved = 0;
    long[][] takes = new long[n][];
    WalletLots carriedFrom = null;
    for (int i = 0; i < n; i++) {
      AccountRecord r = records[i];
      if (amounts[i] > 0 || r.lots == null) {
        continue;
      }
      WalletLots lots = r.lots;
      carriedFrom = lots;
      int open = lots.openSize();
      long left = -amounts[i];
      long[] took = new long[Math.min(open, 8)];
      int lotsRead = 0;
      int first = moved;
      Optional<Instant> expiresAt = Optional.empty();
      while (left > 0 && lotsRead < open) {
        long take = Math.min(lots.openUnheld(lotsRead), left);
        if (lotsRead == took.length) {
          took = Arrays.copyOf(took, lotsRead * 2);
        }
        took[lotsRead] = Math.max(take, 0);
        if (take > 0) {
          if (moved + 1 + n >= movements.length) {
            movements = Arrays.copyOf(movements, movements.length * 2 + n);
          }
          if (moved == takenFrom.length) {
            takenFrom = Arrays.copyOf(takenFrom, moved * 2);
          }
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
        return null; // lots and balance disagree: the general planner says so
      }
      takes[i] = Arrays.copyOf(took, lotsRead);
    }
    int debitMovements = moved;
    if (moved + n > movements.length) {
      movements = Arrays.copyOf(movements, moved + n);
    }
    long[][] newLots = new long[n][];
    int made = 0;
    for (int i = 0; i < n; i++) {
      Entry credit = entries.get(i);
      if (amounts[i] < 0 || records[i].lots == null) {
        continue;
      }
      if (credit.expiry() != Expiry.carried()) {
        newLots[i] = new long[] {amounts[i]};
        movements[moved++] = new LotMovement(credit.account(), new LotId(id, made++), amounts[i],
            credit.expiry() instanceof Expiry.At at ? Optional.of(at.instant()) : Optional.empty());
        continue;
      }
      if (carriedFrom == null || debits != 1) {
        return null; // carried from an account that keeps no lots: the general planner refuses it
      }
      // the debit's expiry dates, in spend order, one new lot per date
      long[] points = new long[debitMovements];
      int lots = 0;
      long sum = 0;
      for (int k = 0; k < debitMovements; k++) {
        LotMovement taken = movements[k];
        sum -= taken.amount();
        if (k + 1 == debitMovements || !carriedFrom.sameOpenExpiry(takenFrom[k + 1], takenFrom[k])) {
          if (moved == movements.length) {
            movements = Arrays.copyOf(movements, moved * 2);
          }
          movements[moved++] = new LotMovement(credit.account(), new LotId(id, made++), sum, taken.expiresAt());
          points[lots++] = sum;
          sum = 0;
        }
      }
      newLots[i] = Arrays.copyOf(points, lots);
    }
    Posting[] postings = new Posting[n];
    for (int i = 0; i < n; i++) {
      postings[i] = new Posting(entries.get(i).account(), amounts[i]);
    }
    // immutable lists already, which the transaction keeps as they are instead of copying
    List<LotMovement> lotMovements = moved == 0 ? List.of() : List.of(Arrays.copyOf(movements, moved));
    Transaction transaction = new Transaction(id, TransactionType.TRANSFER, t.key(), t.reason(), t.metadata(),
        effectiveAt, now, List.of(postings), List.of(), lotMovements, Optional.empty(), Optional.empty(), List.of());
    return new DirectTransfer(records, amounts, effectiveAt, transaction, takes, newLots, debitMovements);
  }

  /** Whether {@code total + delta} stays within a long. */
  private static boolean fitsAfter(long total, long delta) {
    long sum = total + delta;
    return ((total ^ sum) & (delta ^ sum)) >= 0;
  }

  Transaction transaction() {
    return transaction;
  }

  /** Writes the plan into the records and their lots (the journal and the key are the store's). */
  void apply() {
    for (int i = 0; i < records.length; i++) {
      AccountRecord r = records[i];
      long amount = amounts[i];
      if (amount < 0) {
        r.debited(r.posted() + amount, r.outflow() - amount);
        long[] took = takes[i];
        if (took != null) {
          for (int j = 0; j < took.length; j++) {
            if (took[j] > 0) {
              r.lots.takeFromOpen(j, took[j]);
            }
          }
          r.lots.closeSpent(took.length);
        }
      }
    }
    List<LotMovement> movements = transaction.lotMovements();
    int next = debitMovements;
    for (int i = 0; i < records.length; i++) {
      AccountRecord r = records[i];
      long amount = amounts[i];
      if (amount > 0) {
        r.credited(r.posted() + amount, r.inflow() + amount, effectiveAt);
        long[] points = newLots[i];
        for (int k = 0; points != null && k < points.length; k++, next++) {
          LotId lot = movements.get(next).lot();
          r.lots.addNew(lot.transaction().value(), lot.index(), points[k], movements.get(next).expiresAt().orElse(null),
              effectiveAt);
        }
      }
    }
  }
}
