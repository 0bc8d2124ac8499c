package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.Rejection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * A key's outcome as the in-memory store keeps it: the fingerprint's 32 bytes in four longs and
 * the transaction's id as a long, in one object, where an {@link IdempotencyRecord} is four (the
 * record, the digest, its array, the optional id). Every command leaves one for the life of the
 * store, so this is the difference between one object and four for the collector to copy per
 * transaction. The record is rebuilt, equal to the one stored, when it is read. Immutable.
 */
final class KeyOutcome {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  /** Transaction ids are positive: 0 stands for "none". */
  private static final long NO_TRANSACTION = 0;

  private final long fingerprint0;
  private final long fingerprint1;
  private final long fingerprint2;
  private final long fingerprint3;
  private final long transaction;
  /** The refusal remembered under the key; null if none (most keys wrote a transaction). */
  private final Rejection rejection;

  private KeyOutcome(byte[] fingerprint, long transaction, Rejection rejection) {
    this.fingerprint0 = (long) LONGS.get(fingerprint, 0);
    this.fingerprint1 = (long) LONGS.get(fingerprint, 8);
    this.fingerprint2 = (long) LONGS.get(fingerprint, 16);
    this.fingerprint3 = (long) LONGS.get(fingerprint, 24);
    this.transaction = transaction;
    this.rejection = rejection;
  }

  static KeyOutcome of(IdempotencyRecord record) {
    byte[] fingerprint = new byte[32];
    record.fingerprint().copyTo(fingerprint, 0);
    return new KeyOutcome(fingerprint, record.transaction().map(TransactionId::value).orElse(NO_TRANSACTION),
        record.rejection().orElse(null));
  }

  /** The record this outcome was made of; {@code key} is the key it is stored under. */
  IdempotencyRecord record(IdempotencyKey key) {
    byte[] fingerprint = new byte[32];
    LONGS.set(fingerprint, 0, fingerprint0);
    LONGS.set(fingerprint, 8, fingerprint1);
    LONGS.set(fingerprint, 16, fingerprint2);
    LONGS.set(fingerprint, 24, fingerprint3);
    return new IdempotencyRecord(key, Digest.of(fingerprint),
        transaction == NO_TRANSACTION ? Optional.empty() : Optional.of(TransactionId.of(transaction)),
        Optional.ofNullable(rejection));
  }
}
