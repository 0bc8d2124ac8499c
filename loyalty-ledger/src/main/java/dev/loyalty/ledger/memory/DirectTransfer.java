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
 * A two-entry transfer (one debit, one credit) planned against the store's own numbers: the
 * account records' figures and the debited wallet's open lots in place, where the general planner
 * would make an {@code AccountState} per account, a {@code Lot} per lot read, new versions of
 * both, a working set and a change set, for the store to take apart again.
 *
 * <p>It handles the common case only, and only when it will succeed: both accounts open and out of
 * debt, the debit not backdated before the debited account's last credit (no as-of check needed),
 * the debited account's available balance and, for a wallet, its unheld lots enough, no sum
 * overflowing, a carried expiry only from a wallet, an expiry only for a wallet. Anything else is
 * left to the general planner ({@link #plan} returns null), which writes it or refuses it with its
 * own message. What it writes is what the general planner writes for the same command: the same
 * transaction (lot movements in the same order, the same lot ids), the same figures and lots.
 *
 * <p>Lives for one command, under the store's write lock.
 */
final class DirectTransfer {

  private static final long[] NO_TAKES = new long[0];
  private static final int[] NO_LOTS = new int[0];

  private final AccountRecord debited;
  private final AccountRecord credited;
  private final long amount;
  private final Instant effectiveAt;
  private final Transaction transaction;
  /** Per open lot of the debited wallet the debit reads, in spend order, what it takes (0 for a fully held one). */
  private final long[] takes;
  private final int lotsRead;
  /** The points of each of the credit's new lots, numbered from 0; their movements follow the debit's in the transaction. */
  private final long[] newLots;
  /** How many lot movements the debit has. */
  private final int debits;

  private DirectTransfer(AccountRecord debited, AccountRecord credited, long amount, Instant effectiveAt,
      Transaction transaction, long[] takes, int lotsRead, long[] newLots, int debits) {
    this.debited = debited;
    this.credited = credited;
    this.amount = amount;
    this.effectiveAt = effectiveAt;
    this.transaction = transaction;
    this.takes = takes;
    this.lotsRead = lotsRead;
    this.newLots = newLots;
    this.debits = debits;
  }

  /**
   * The plan of {@code t} as transaction {@code id} at {@code now}, or null when it is not a case
   * this class handles (see the class comment). Reads only: changes nothing.
   *
   * @param debitedRecord  the record of the account {@code t} debits; null if it is not open
   * @param creditedRecord the record of the account {@code t} credits; null if it is not open
   */
  static DirectTransfer plan(TransferRequest t, Instant now, TransactionId id, AccountRecord debitedRecord,
      AccountRecord creditedRecord) {
    if (t.entries().size() != 2 || debitedRecord == null || creditedRecord == null) {
      return null;
    }
    Entry first = t.entries().get(0);
    Entry debit = first.isCredit() ? t.entries().get(1) : first;
    Entry credit = first.isCredit() ? first : t.entries().get(1);
    Instant effectiveAt = t.effectiveAt().orElse(now);
    if (debit.isCredit() || !credit.isCredit() || effectiveAt.isAfter(now)
        || debitedRecord.debt() != 0 || creditedRecord.debt() != 0) {
      return null;
    }
    long amount = credit.amount();
    AccountType from = debitedRecord.account().type();
    AccountType to = creditedRecord.account().type();
    if (from.isBoundedBelowByZero() && (debitedRecord.posted() - debitedRecord.pendingDebits() < amount
        || debitedRecord.lastCreditAfter(effectiveAt))) {
      return null; // short, or backdated: the general planner refuses it or checks as of then
    }
    if (!fitsAfter(debitedRecord.posted(), -amount) || !fitsAfter(debitedRecord.outflow(), amount)
        || !fitsAfter(creditedRecord.posted(), amount) || !fitsAfter(creditedRecord.inflow(), amount)) {
      return null;
    }
    Expiry expiry = credit.expiry();
    if (!to.keepsLots() && expiry != Expiry.never() || expiry == Expiry.carried() && !from.keepsLots()) {
      return null;
    }
    int lotsRead = 0;
    long[] takes = NO_TAKES;
    // the debit's movements, then the credit's; takenFrom[k]: the open lot the debit's kth movement takes from
    LotMovement[] movements = new LotMovement[4];
    int[] takenFrom = NO_LOTS;
    int debits = 0;
    if (from.keepsLots()) {
      WalletLots lots = debitedRecord.lots;
      int open = lots.openSize();
      long left = amount;
      takes = new long[Math.min(open, 8)];
      takenFrom = new int[takes.length];
      Optional<Instant> expiresAt = Optional.empty();
      while (left > 0 && lotsRead < open) {
        long take = Math.min(lots.openUnheld(lotsRead), left);
        if (lotsRead == takes.length) {
          takes = Arrays.copyOf(takes, lotsRead * 2);
        }
        takes[lotsRead] = Math.max(take, 0);
        if (take > 0) {
          if (debits + 2 >= movements.length) {
            movements = Arrays.copyOf(movements, movements.length * 2);
          }
          if (debits == takenFrom.length) {
            takenFrom = Arrays.copyOf(takenFrom, debits * 2);
          }
          // lots taken one after another mostly share an expiry date: one Optional for them all
          if (debits == 0 || !lots.sameOpenExpiry(takenFrom[debits - 1], lotsRead)) {
            expiresAt = lots.openExpiry(lotsRead);
          }
          takenFrom[debits] = lotsRead;
          movements[debits++] = new LotMovement(debit.account(), lots.openId(lotsRead), -take, expiresAt);
          left -= take;
        }
        lotsRead++;
      }
      if (left > 0) {
        return null; // lots and balance disagree: the general planner says so
      }
    }
    int moved = debits;
    long[] newLots = NO_TAKES;
    if (to.keepsLots() && expiry != Expiry.carried()) {
      newLots = new long[] {amount};
      movements[moved++] = new LotMovement(credit.account(), new LotId(id, 0), amount,
          expiry instanceof Expiry.At at ? Optional.of(at.instant()) : Optional.empty());
    } else if (to.keepsLots()) {
      // the debit's expiry dates, in spend order, one new lot per date (numbered from 0, as the general planner does)
      WalletLots lots = debitedRecord.lots;
      newLots = new long[debits];
      int made = 0;
      long points = 0;
      for (int k = 0; k < debits; k++) {
        LotMovement taken = movements[k];
        points -= taken.amount();
        if (k + 1 == debits || !lots.sameOpenExpiry(takenFrom[k + 1], takenFrom[k])) {
          if (moved == movements.length) {
            movements = Arrays.copyOf(movements, moved * 2);
          }
          movements[moved++] = new LotMovement(credit.account(), new LotId(id, made), points, taken.expiresAt());
          newLots[made++] = points;
          points = 0;
        }
      }
      newLots = Arrays.copyOf(newLots, made);
    }
    List<Posting> postings = List.of(new Posting(first.account(), first.amount()),
        new Posting(t.entries().get(1).account(), t.entries().get(1).amount()));
    // an immutable list already, which the transaction keeps as it is instead of copying
    List<LotMovement> lotMovements = moved == 0 ? List.of() : List.of(Arrays.copyOf(movements, moved));
    Transaction transaction = new Transaction(id, TransactionType.TRANSFER, t.key(), t.reason(), t.metadata(),
        effectiveAt, now, postings, List.of(), lotMovements, Optional.empty(), Optional.empty(), List.of());
    return new DirectTransfer(debitedRecord, creditedRecord, amount, effectiveAt, transaction, takes, lotsRead,
        newLots, debits);
  }

  /** Whether {@code total + delta} stays within a long. */
  private static boolean fitsAfter(long total, long delta) {
    long sum = total + delta;
    return ((total ^ sum) & (delta ^ sum)) >= 0;
  }

  Transaction transaction() {
    return transaction;
  }

  /** The debited account's record. */
  AccountRecord debited() {
    return debited;
  }

  /** The credited account's record. */
  AccountRecord credited() {
    return credited;
  }

  /** Writes the plan into the two records and their lots (the journal and the key are the store's). */
  void apply() {
    debited.debited(debited.posted() - amount, debited.outflow() + amount);
    if (debited.lots != null) {
      for (int j = 0; j < lotsRead; j++) {
        if (takes[j] > 0) {
          debited.lots.takeFromOpen(j, takes[j]);
        }
      }
      debited.lots.closeSpent(lotsRead);
    }
    credited.credited(credited.posted() + amount, credited.inflow() + amount, effectiveAt);
    List<LotMovement> movements = transaction.lotMovements();
    for (int k = 0; k < newLots.length; k++) {
      credited.lots.addNew(transaction.id().value(), k, newLots[k], movements.get(debits + k).expiresAt().orElse(null),
          effectiveAt);
    }
  }
}
