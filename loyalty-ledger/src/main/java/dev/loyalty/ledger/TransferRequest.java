package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves points between accounts in one balanced transaction.
 *
 * @param key         never null
 * @param entries     two or more, one per account, summing to zero; never null
 * @param reason      never null
 * @param metadata    never null
 * @param effectiveAt when the movement counts for as-of balances; empty means "now" (the ledger's
 *                    clock); never in the future
 */
public record TransferRequest(
    IdempotencyKey key,
    List<Entry> entries,
    String reason,
    Map<String, String> metadata,
    Optional<Instant> effectiveAt) implements LedgerCommand {

  public TransferRequest {
    requireNonNull(key, "key");
    entries = List.copyOf(requireNonNull(entries, "entries"));
    requireNonNull(reason, "reason");
    Checks.requireText(reason, "reason", 100);
    metadata = Checks.copyMetadata(metadata);
    requireNonNull(effectiveAt, "effectiveAt");
    if (entries.size() < 2) {
      throw new IllegalArgumentException("a transfer needs at least two entries, got " + entries.size());
    }
    long[] amounts = new long[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      // transfers have a few entries: a nested loop beats allocating a set
      for (int j = 0; j < i; j++) {
        if (entries.get(j).account().equals(e.account())) {
          throw new IllegalArgumentException("account " + e.account() + " appears twice in transfer " + key);
        }
      }
      amounts[i] = e.amount();
    }
    Checks.requireSumZero(amounts, "entries of transfer ", key);
  }

  /** A transfer effective now, without metadata. */
  public static TransferRequest of(IdempotencyKey key, String reason, Entry... entries) {
    return new TransferRequest(key, List.of(entries), reason, Map.of(), Optional.empty());
  }

  /** A copy with the given metadata. */
  public TransferRequest withMetadata(Map<String, String> newMetadata) {
    return new TransferRequest(key, entries, reason, newMetadata, effectiveAt);
  }

  /** A copy effective at {@code instant} (for example a late-arriving invoice). */
  public TransferRequest effectiveAt(Instant instant) {
    return new TransferRequest(key, entries, reason, metadata, Optional.of(instant));
  }
}
