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
 * wallet's balance to the point. A transaction is on the clearing account's side, or the paying
 * side (the issuance account, a campaign budget), when it moved that account's points: a non-zero
 * net amount, which is also what the ledger's tables keep per account and transaction, so the
 * database's SQL ({@code JdbcInsightsReads}) classifies alike. Thread-safe.
 */
public final class WalletFlow {

  /** The kinds of movement of a wallet. */
  public enum Kind {
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

  private final AccountId issuance;
  private final AccountId clearing;
  private final Set<AccountId> budgets = new HashSet<>();

  /** The classification of {@code program}'s wallets' movements. */
  public WalletFlow(Program program) {
    this.issuance = program.accounts().issuance();
    this.clearing = program.accounts().redemptionClearing();
    program.campaigns().forEach(c -> budgets.add(program.accounts().budget(c.id())));
  }

  /**
   * The points a return's reversal {@code tx} asked of each wallet that the wallet no longer had, so
   * the ledger booked them to the clawback account: what was asked (its reversed postings) less what
   * the wallet gave. A wallet that gave nothing has no posting in {@code tx}, so this is read from
   * the clawback account's side; empty for any other transaction.
   */
  public Map<AccountId, Long> shortfalls(Transaction tx) {
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

  /**
   * What kind of movement {@code tx} is for {@code wallet}: an expiry run's; one that moved the
   * clearing account's points (a redemption or its refund); a reversal that moved the paying side's
   * (a return); a transfer or hold post that moved them and credited the wallet (an award); anything
   * else.
   */
  public Kind kindOf(Transaction tx, AccountId wallet) {
    if (tx.type() == TransactionType.EXPIRY) {
      return Kind.EXPIRED;
    }
    if (tx.amountFor(clearing) != 0) {
      return Kind.REDEEMED;
    }
    boolean payingSide = tx.amountFor(issuance) != 0 || budgets.stream().anyMatch(b -> tx.amountFor(b) != 0);
    if (payingSide && tx.type() == TransactionType.REVERSAL) {
      return Kind.TAKEN_BACK;
    }
    if (payingSide && tx.amountFor(wallet) > 0
        && (tx.type() == TransactionType.TRANSFER || tx.type() == TransactionType.HOLD_POST)) {
      return Kind.ISSUED;
    }
    return Kind.OTHER;
  }

  /** The clearing account redemptions post to. */
  public AccountId clearing() {
    return clearing;
  }

  /** The accounts awards are paid from: the issuance account and every campaign's budget. */
  public Set<AccountId> payers() {
    Set<AccountId> payers = new java.util.LinkedHashSet<>(budgets);
    payers.add(issuance);
    return payers;
  }
}
