package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Ledger#voidTimedOutHolds()} did: the voids it wrote, and the due holds it could not
 * void, each with the refusal it got (the sweep went on with the others).
 *
 * @param voided the void transactions, in hold id order; never null
 * @param failed per hold it could not void, why, in hold id order; never null
 */
public record TimeoutSweep(List<Transaction> voided, Map<HoldId, LedgerException> failed) {
  public TimeoutSweep {
    voided = List.copyOf(requireNonNull(voided, "voided"));
    failed = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(failed, "failed")));
  }

  /** Whether every due hold was voided. */
  public boolean isComplete() {
    return failed.isEmpty();
  }
}
