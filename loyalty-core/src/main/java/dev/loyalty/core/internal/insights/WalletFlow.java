package dev.loyalty.core.internal.insights;

import dev.loyalty.core.program.Program;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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
   * @param kind   never null
   * @param amount the wallet's posted amount, signed (positive for a credit)
   */
  record Effect(Kind kind, long amount) {
  }

  private final AccountId issuance;
  private final AccountId clearing;
  private final Set<AccountId> budgets = new HashSet<>();

  WalletFlow(Program program) {
    this.issuance = program.accounts().issuance();
    this.clearing = program.accounts().redemptionClearing();
    program.campaigns().forEach(c -> budgets.add(program.accounts().budget(c.id())));
  }

  /** The clearing account redemptions post to. */
  AccountId clearing() {
    return clearing;
  }

  /**
   * The points a return's reversal {@code tx} asked of each wallet that the wallet no longer had, so
   * the ledger booked them to the clawback account: what was asked (its reversed postings) less what
   * the wallet gave. A wallet that gave nothing has no posting in {@code tx}, so this is read from
   * the clawback account's side; empty for any other transaction.
   */
  Map<AccountId, Long> shortfalls(Transaction tx) {
    if (tx.type() != TransactionType.REVERSAL || tx.reversedPostings().isEmpty()) {
      return Map.of();
    }
    Map<AccountId, Long> shortfalls = new HashMap<>();
    for (Posting asked : tx.reversedPostings()) {
      if (asked.amount() < 0) {
        long gave = -tx.amountFor(asked.account());
        long missing = Math.subtractExact(-asked.amount(), gave);
        if (missing > 0) {
          shortfalls.merge(asked.account(), missing, Math::addExact);
        }
      }
    }
    return shortfalls;
  }

  /** What {@code tx} did to {@code wallet}; an effect of 0 points when it posted nothing to it. */
  Effect of(Transaction tx, AccountId wallet) {
    long amount = tx.amountFor(wallet);
    if (tx.type() == TransactionType.EXPIRY) {
      return new Effect(Kind.EXPIRED, amount);
    }
    boolean clearingSide = false;
    boolean payingSide = false;
    for (Posting p : tx.postings()) {
      clearingSide |= p.account().equals(clearing);
      payingSide |= p.account().equals(issuance) || budgets.contains(p.account());
    }
    if (clearingSide) {
      return new Effect(Kind.REDEEMED, amount);
    }
    if (payingSide && tx.type() == TransactionType.REVERSAL) {
      return new Effect(Kind.TAKEN_BACK, amount);
    }
    if (payingSide && amount > 0
        && (tx.type() == TransactionType.TRANSFER || tx.type() == TransactionType.HOLD_POST)) {
      return new Effect(Kind.ISSUED, amount);
    }
    return new Effect(Kind.OTHER, amount);
  }
}
