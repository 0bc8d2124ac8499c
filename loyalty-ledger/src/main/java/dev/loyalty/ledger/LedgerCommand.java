package dev.loyalty.ledger;

import java.util.Map;

/**
 * A request that changes the ledger. Every command carries an idempotency key: executing the
 * same command again with its key returns the first outcome and writes nothing.
 */
public sealed interface LedgerCommand
    permits TransferRequest, HoldRequest, PostHoldRequest, VoidHoldRequest, ReversalRequest, ExpiryRequest {

  /** Never null. */
  IdempotencyKey key();

  /** The caller's reason code, recorded on the transaction; never null. */
  String reason();

  /** The caller's metadata, recorded on the transaction; never null. */
  Map<String, String> metadata();
}
