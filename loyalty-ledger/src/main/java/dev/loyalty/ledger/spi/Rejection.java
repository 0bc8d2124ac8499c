package dev.loyalty.ledger.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.RejectionCode;

/**
 * A stored refusal: replaying the command with its key throws it again.
 *
 * @param code    never null
 * @param message never null
 */
public record Rejection(RejectionCode code, String message) {
  public Rejection {
    requireNonNull(code, "code");
    requireNonNull(message, "message");
  }
}
