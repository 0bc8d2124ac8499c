package dev.loyalty.core.internal.insights;

import dev.loyalty.core.program.Program;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionType;
import java.util.HashSet;
import java.util.Set;

/**
 * What one ledger transaction did to one wallet, in the terms of the KPIs (docs/INSIGHTS.md,
 * "Points"): every posted amount of a wallet falls in exactly one kind, so the kinds add up to the
 * wallet's balance to the point. Thread-safe.
 */
final class WalletFlow {

  /** The kinds of movement of a wallet. */
  enum Kind {
    /** Awarded from the issuance account or a campaign budget. */
    ISSUED,
    /** Taken back by a return (the reversal of an award). */
    TAKEN_BACK,
    /** Posted to (or refunded from) the redemption clearing account. */
    REDEEMED,
    /** Moved to breakage by an expiry run. */
    EXPIRED,
    /** Anything else: adjustments, transfers between wallets. */
    OTHER
  }

  /**
   * One transaction's effect on a wallet.
   *
   * @param kind      never null
   * @param amount    the wallet's posted amount, signed (positive for a credit)
   * @param shortfall for a take-back, the points asked that the wallet no longer had (booked to
   *                  clawback); otherwise 0
   */
  record Effect(Kind kind, long amount, long shortfall) {
  }

  private final AccountId issuance;
  private final AccountId clearing;
  private final Set<AccountId> budgets = new HashSet<>();

  WalletFlow(Program program) {
    this.issuance = program.accounts().issuance();
    // The account a redemption's hold pays into, ProgramAccounts' naming of it (docs/REWARDS.md).
    this.clearing = AccountId.of(program.accounts().prefix() + ":system:redemption-clearing");
    program.campaigns().forEach(c -> budgets.add(program.accounts().budget(c.id())));
  }

  /** The clearing account redemptions post to. */
  AccountId clearing() {
    return clearing;
  }

  /** What {@code tx} did to {@code wallet}; an effect of 0 points when it posted nothing to it. */
  Effect of(Transaction tx, AccountId wallet) {
    long amount = tx.amountFor(wallet);
    if (tx.type() == TransactionType.EXPIRY) {
      return new Effect(Kind.EXPIRED, amount, 0);
    }
    boolean clearingSide = false;
    boolean payingSide = false;
    for (Posting p : tx.postings()) {
      clearingSide |= p.account().equals(clearing);
      payingSide |= p.account().equals(issuance) || budgets.contains(p.account());
    }
    if (clearingSide) {
      return new Effect(Kind.REDEEMED, amount, 0);
    }
    if (payingSide && tx.type() == TransactionType.REVERSAL) {
      long asked = -amount;
      if (!tx.reversedPostings().isEmpty()) {
        asked = 0;
        for (Posting p : tx.reversedPostings()) {
          if (p.account().equals(wallet)) {
            asked = Math.subtractExact(asked, p.amount());
          }
        }
      }
      return new Effect(Kind.TAKEN_BACK, amount, Math.max(0, Math.subtractExact(asked, -amount)));
    }
    if (payingSide && amount > 0
        && (tx.type() == TransactionType.TRANSFER || tx.type() == TransactionType.HOLD_POST)) {
      return new Effect(Kind.ISSUED, amount, 0);
    }
    return new Effect(Kind.OTHER, amount, 0);
  }
}
