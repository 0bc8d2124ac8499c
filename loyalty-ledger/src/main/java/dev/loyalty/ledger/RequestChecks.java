package dev.loyalty.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * What the ledger refuses in a request before it reads or writes anything, identically whatever
 * the store: instants outside the accepted range, and keys in the ledger's reserved namespace.
 * Such a refusal is not remembered under the key (the request itself is at fault, not the
 * ledger's state). Stateless.
 */
final class RequestChecks {

  private RequestChecks() {}

  /** The refusal of {@code command} by its shape, if any. */
  static Optional<InvalidCommandException> refusal(LedgerCommand command) {
    if (command.key().isReserved()) {
      return Optional.of(new InvalidCommandException("idempotency key " + command.key()
          + " is in the ledger's reserved namespace (keys starting with \"" + IdempotencyKey.RESERVED_PREFIX
          + "\"): the ledger makes those keys for its own commands; choose another key"));
    }
    if (command instanceof TransferRequest t) {
      Optional<InvalidCommandException> bad = outOfRange(command, "effectiveAt", t.effectiveAt());
      for (Entry e : t.entries()) {
        if (bad.isEmpty() && e.expiry() instanceof Expiry.At at && !isAccepted(at.instant())) {
          bad = outOfRange(command, "expiry of the credit to " + e.account(), Optional.of(at.instant()));
        }
      }
      return bad;
    } else if (command instanceof HoldRequest h) {
      Optional<InvalidCommandException> bad = outOfRange(command, "timeoutAt", h.timeoutAt());
      if (bad.isEmpty() && h.toExpiry() instanceof Expiry.At at) {
        bad = outOfRange(command, "toExpiry", Optional.of(at.instant()));
      }
      return bad;
    } else if (command instanceof ReversalRequest r) {
      return outOfRange(command, "effectiveAt", r.effectiveAt());
    } else if (command instanceof ExpiryRequest x) {
      return outOfRange(command, "asOf", Optional.of(x.asOf()));
    }
    return Optional.empty();
  }

  /** The refusal of a command planned at {@code now}, when the ledger's clock reads outside the range. */
  static Optional<InvalidCommandException> clockRefusal(Instant now, String what) {
    return outOfRange(what, "the ledger's clock", Optional.of(now));
  }

  /** {@link #outOfRange(String, String, Optional)}, describing the command only when it is refused. */
  private static Optional<InvalidCommandException> outOfRange(LedgerCommand command, String field,
      Optional<Instant> instant) {
    return instant.isEmpty() || isAccepted(instant.get()) ? Optional.empty()
        : outOfRange(describe(command), field, instant);
  }

  private static Optional<InvalidCommandException> outOfRange(String what, String field, Optional<Instant> instant) {
    if (instant.isEmpty() || isAccepted(instant.get())) {
      return Optional.empty();
    }
    return Optional.of(new InvalidCommandException(what + ": " + field + " " + instant.get()
        + " is outside the instants the ledger accepts (" + Ledger.EARLIEST_INSTANT + " to " + Ledger.LATEST_INSTANT
        + ", to the nanosecond)"));
  }

  static boolean isAccepted(Instant instant) {
    return !instant.isBefore(Ledger.EARLIEST_INSTANT) && !instant.isAfter(Ledger.LATEST_INSTANT);
  }

  private static String describe(LedgerCommand command) {
    String kind = command instanceof TransferRequest ? "transfer"
        : command instanceof HoldRequest ? "hold"
        : command instanceof PostHoldRequest ? "post of a hold"
        : command instanceof VoidHoldRequest ? "void of a hold"
        : command instanceof ReversalRequest ? "reversal"
        : "expiry run";
    return kind + " " + command.key();
  }
}
