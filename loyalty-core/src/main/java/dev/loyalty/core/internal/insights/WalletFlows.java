package dev.loyalty.core.internal.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.AccountId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The posted points of the program's wallets summed by wallet, by time bucket and by {@link
 * WalletFlow.Kind}: what the points figures of the reports are made of. Buckets are cut by
 * ascending boundaries {@code b0 < b1 < ... < bn}: bucket 0 holds the transactions effective before
 * {@code b1}, bucket {@code i} those effective from {@code bi} to before {@code b(i+1)}... see
 * {@link InsightsReads#walletFlows}. Filled by an {@link InsightsReads}. Not thread-safe; one per
 * report.
 */
public final class WalletFlows {

  /**
   * One wallet's movements of one kind in one bucket.
   *
   * @param wallet the wallet; never null
   * @param bucket the time bucket
   * @param kind   never null
   * @param amount the posted amounts, signed (positive for credits)
   * @param debits the negative amounts among them, summed (0 or less)
   */
  public record Flow(AccountId wallet, int bucket, WalletFlow.Kind kind, long amount, long debits) {
  }

  private record Key(AccountId wallet, int bucket, WalletFlow.Kind kind) {
  }

  private final Map<Key, long[]> sums = new HashMap<>();

  /** Adds one transaction's (or several's, summed) {@code amount} to a wallet's bucket and kind. */
  public void add(AccountId wallet, int bucket, WalletFlow.Kind kind, long amount, long debits) {
    long[] sum = sums.computeIfAbsent(new Key(requireNonNull(wallet, "wallet"), bucket, requireNonNull(kind, "kind")),
        k -> new long[2]);
    sum[0] = Math.addExact(sum[0], amount);
    sum[1] = Math.addExact(sum[1], debits);
  }

  /** Every wallet, bucket and kind with anything posted, in no particular order. */
  public void forEach(Consumer<Flow> action) {
    sums.forEach((k, v) -> action.accept(new Flow(k.wallet(), k.bucket(), k.kind(), v[0], v[1])));
  }
}
