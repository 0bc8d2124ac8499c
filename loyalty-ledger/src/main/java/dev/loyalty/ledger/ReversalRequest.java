package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Takes back what a {@link TransactionType#TRANSFER} or {@link TransactionType#HOLD_POST} did:
 * all that is left of it (a full reversal, {@link #of}), or a part ({@link #partial}). Points
 * taken from a wallet come first from the lots the original created there, then from the
 * wallet's other lots (soonest expiry first); a shortfall follows {@code policy}. Points given
 * back to a wallet get the expiry dates of the lots the original took from it, in the original's
 * order, continuing where earlier reversals of the same original stopped.
 *
 * <p>An original may be reversed in several parts; per account, all its reversals together never
 * take back more than the original posted there. A full reversal takes back what the earlier
 * ones left, and is refused ({@link AlreadyReversedException}) only when nothing is left.
 *
 * @param key         never null
 * @param original    never null
 * @param postings    empty for a full reversal; for a partial one, the reversal's own signed
 *                    postings (positive raises the account's balance, as {@link Posting}), two or
 *                    more, non-zero, summing to zero, kept in account order; never null
 * @param policy      never null
 * @param reason      never null
 * @param metadata    never null
 * @param effectiveAt empty means now; never in the future
 */
public record ReversalRequest(
    IdempotencyKey key,
    TransactionId original,
    Map<AccountId, Long> postings,
    ShortfallPolicy policy,
    String reason,
    Map<String, String> metadata,
    Optional<Instant> effectiveAt) implements LedgerCommand {

  public ReversalRequest {
    requireNonNull(key, "key");
    requireNonNull(original, "original");
    postings = copyPostings(requireNonNull(postings, "postings"), key);
    requireNonNull(policy, "policy");
    requireNonNull(reason, "reason");
    Checks.requireText(reason, "reason", 100);
    metadata = Checks.copyMetadata(metadata);
    requireNonNull(effectiveAt, "effectiveAt");
  }

  private static Map<AccountId, Long> copyPostings(Map<AccountId, Long> postings, IdempotencyKey key) {
    if (postings.isEmpty()) {
      return Map.of();
    }
    if (postings.size() < 2) {
      throw new IllegalArgumentException("partial reversal " + key + " needs at least two postings, got "
          + postings.size());
    }
    SortedMap<AccountId, Long> sorted = new TreeMap<>();
    long[] amounts = new long[postings.size()];
    int i = 0;
    for (Map.Entry<AccountId, Long> e : postings.entrySet()) {
      AccountId account = requireNonNull(e.getKey(), "posting account");
      long amount = requireNonNull(e.getValue(), "posting amount for " + account);
      if (amount == 0 || amount == Long.MIN_VALUE) {
        throw new IllegalArgumentException("partial reversal " + key + " has a posting of " + amount + " for "
            + account);
      }
      amounts[i++] = amount;
      sorted.put(account, amount);
    }
    Checks.requireSumZero(amounts, "postings of partial reversal ", key);
    return Collections.unmodifiableSortedMap(sorted);
  }

  /** Reverses all that is left of {@code original}, now, refusing any shortfall. */
  public static ReversalRequest of(IdempotencyKey key, TransactionId original, String reason) {
    return new ReversalRequest(key, original, Map.of(), ShortfallPolicy.refuse(), reason, Map.of(), Optional.empty());
  }

  /**
   * Reverses part of {@code original}, now, refusing any shortfall. {@code postings} are the
   * reversal's own signed postings and must sum to zero; each account must have a posting of the
   * opposite sign in the original, and per account they must not exceed what the original posted
   * there minus what earlier reversals of it took back there (else {@link InvalidCommandException}).
   * A return of 40% of an invoice that credited a wallet with 1,000 from issuance:
   * {@code Map.of(wallet, -400L, issuance, 400L)}.
   */
  public static ReversalRequest partial(IdempotencyKey key, TransactionId original, Map<AccountId, Long> postings,
      String reason) {
    if (requireNonNull(postings, "postings").isEmpty()) {
      throw new IllegalArgumentException("partial reversal " + key + " has no postings; use ReversalRequest.of "
          + "to reverse all that is left");
    }
    return new ReversalRequest(key, original, postings, ShortfallPolicy.refuse(), reason, Map.of(), Optional.empty());
  }

  /** Whether this reverses a part given by {@link #postings()} rather than all that is left. */
  public boolean isPartial() {
    return !postings.isEmpty();
  }

  /** A copy with another shortfall policy. */
  public ReversalRequest withPolicy(ShortfallPolicy newPolicy) {
    return new ReversalRequest(key, original, postings, newPolicy, reason, metadata, effectiveAt);
  }

  /** A copy with the given metadata. */
  public ReversalRequest withMetadata(Map<String, String> newMetadata) {
    return new ReversalRequest(key, original, postings, policy, reason, newMetadata, effectiveAt);
  }

  /** A copy effective at {@code instant} (a return booked late). */
  public ReversalRequest effectiveAt(Instant instant) {
    return new ReversalRequest(key, original, postings, policy, reason, metadata, Optional.of(instant));
  }
}
