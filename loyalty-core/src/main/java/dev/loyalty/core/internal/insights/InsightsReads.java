package dev.loyalty.core.internal.insights;

import dev.loyalty.core.insights.DateRange;
import dev.loyalty.ledger.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the reports of {@code engine.insights()} get the sums they are made of, from the ledger and
 * the activity journal: {@link StoreReads} computes them from any stores through their ports; the
 * engine on PostgreSQL ({@code postgres(dataSource)}) asks the database for them as SQL aggregates
 * ({@code dev.loyalty.core.jdbc.internal.JdbcInsightsReads}). Both give the same sums to the point;
 * the definitions are docs/INSIGHTS.md's. Implementations are thread-safe; nothing is null.
 */
public interface InsightsReads {

  /** The parts of {@link ActivityFacts} a report needs; an implementation may fill more. */
  enum Part {
    /** Who was active, who trained or certified. */
    PARTICIPATION,
    /** Net sales per participant. */
    SALES,
    /** Points awarded and taken back per rule, campaign and beneficiary. */
    COSTS
  }

  /**
   * What the journal's complete entries say about {@code period}, at least the {@code parts} asked:
   * activities count by their time, their points by {@link AwardTiming}.
   */
  ActivityFacts activities(DateRange period, Set<Part> parts);

  /**
   * The posted points of those of {@code wallets} that are the program's wallets, effective before
   * the last of {@code boundaries} (ascending instants, at least one), summed per wallet, bucket and
   * kind: bucket {@code i} holds what is effective before {@code boundaries.get(i)} and, for {@code i
   * > 0}, at or after {@code boundaries.get(i - 1)}. A flow is present only where some transaction
   * moved the wallet (a non-zero amount); a wallet not in the ledger has none.
   */
  WalletFlows walletFlows(Set<AccountId> wallets, List<Instant> boundaries);

  /**
   * Every wallet of the program together (every account the program's {@code walletOwner}
   * recognises): the posted points effective before the last of {@code boundaries}, summed per
   * bucket (as {@link #walletFlows}); a bucket is present only where some transaction moved a wallet.
   */
  Map<Integer, Long> walletChanges(List<Instant> boundaries);
}
