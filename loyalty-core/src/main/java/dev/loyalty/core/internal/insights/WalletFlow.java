package dev.loyalty.core.internal.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.program.Program;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
   * What {@code tx} is for the wallets it moved, read once per transaction: an expiry run's; one
   * that moved the clearing account's points (a redemption or its refund); one that moved the paying
   * side's (an award, or a return's reversal of one).
   */
  public Movement movement(Transaction tx) {
    boolean clearingSide = tx.amountFor(clearing) != 0;
    boolean payingSide = !clearingSide && (tx.amountFor(issuance) != 0
        || budgets.stream().anyMatch(b -> tx.amountFor(b) != 0));
    return new Movement(tx.type(), clearingSide, payingSide);
  }

  /**
   * A transaction as {@link #movement} read it, which gives each wallet it moved its {@link Kind}.
   *
   * @param type         the transaction's type; never null
   * @param clearingSide whether it moved the clearing account's points
   * @param payingSide   whether it moved the issuance account's or a campaign budget's points (read
   *                     only when it did not move the clearing account's)
   */
  public record Movement(TransactionType type, boolean clearingSide, boolean payingSide) {
    /** Requires the type. */
    public Movement {
      requireNonNull(type, "type");
    }

    /**
     * The kind of a wallet's {@code amount} (its net posted amount in the transaction, signed):
     * expired by an expiry run; redeemed where the clearing account moved; taken back by a reversal
     * that moved the paying side; issued by a transfer or hold post that moved it and credited the
     * wallet; anything else.
     */
    public Kind kindOf(long amount) {
      if (type == TransactionType.EXPIRY) {
        return Kind.EXPIRED;
      }
      if (clearingSide) {
        return Kind.REDEEMED;
      }
      if (payingSide && type == TransactionType.REVERSAL) {
        return Kind.TAKEN_BACK;
      }
      if (payingSide && amount > 0 && (type == TransactionType.TRANSFER || type == TransactionType.HOLD_POST)) {
        return Kind.ISSUED;
      }
      return Kind.OTHER;
    }
  }

  /** The clearing account redemptions post to. */
  public AccountId clearing() {
    return clearing;
  }

  /** The accounts awards are paid from: the issuance account and every campaign's budget. */
  public Set<AccountId> payers() {
    Set<AccountId> payers = new LinkedHashSet<>(budgets);
    payers.add(issuance);
    return payers;
  }
}
