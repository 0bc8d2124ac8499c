package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.Rejection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The keys' outcomes, packed: an open-addressing table (linear probing) of the keys, with each
 * outcome's fingerprint in four {@code long}s and its transaction's id in a fifth, in one array
 * beside them; the rare refusal remembered under a key in a map of its own. An
 * {@link IdempotencyRecord} is made, equal to the one put, when one is read.
 *
 * <p>Every command leaves a key's outcome for the life of the store. In a {@code HashMap} of
 * outcome objects that was two objects per command (the map's entry and the outcome, about 90
 * bytes) for the collector to copy into the old generation; here it is a slot in arrays that are
 * already there. The key itself is the caller's object, kept by reference.
 *
 * <p>Not thread-safe: guarded by the store's lock.
 */
final class KeyTable {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final int FIELDS = 5;
  private static final int TRANSACTION = 4;
  /** Transaction ids are positive: 0 stands for "none". */
  private static final long NO_TRANSACTION = 0;

  private IdempotencyKey[] keys = new IdempotencyKey[1024];
  private long[] outcomes = new long[1024 * FIELDS];
  private int size;
  private final Map<IdempotencyKey, Rejection> rejections = new HashMap<>();

  /** How many keys have an outcome. */
  int size() {
    return size;
  }

  /** The outcome remembered under {@code key}, if any. */
  Optional<IdempotencyRecord> get(IdempotencyKey key) {
    int slot = slotOf(key);
    if (keys[slot] == null) {
      return Optional.empty();
    }
    byte[] fingerprint = new byte[32];
    int at = slot * FIELDS;
    for (int i = 0; i < 4; i++) {
      LONGS.set(fingerprint, i * 8, outcomes[at + i]);
    }
    long transaction = outcomes[at + TRANSACTION];
    return Optional.of(new IdempotencyRecord(keys[slot], Digest.of(fingerprint),
        transaction == NO_TRANSACTION ? Optional.empty() : Optional.of(TransactionId.of(transaction)),
        Optional.ofNullable(rejections.get(key))));
  }

  /** Remembers {@code record} under its key, in place of what was there. */
  void put(IdempotencyRecord record) {
    IdempotencyKey key = record.key();
    int slot = slotOf(key);
    if (keys[slot] == null) {
      if (size + 1 > keys.length / 4 * 3) {
        grow();
        slot = slotOf(key);
      }
      keys[slot] = key;
      size++;
    }
    byte[] fingerprint = new byte[32];
    record.fingerprint().copyTo(fingerprint, 0);
    int at = slot * FIELDS;
    for (int i = 0; i < 4; i++) {
      outcomes[at + i] = (long) LONGS.get(fingerprint, i * 8);
    }
    outcomes[at + TRANSACTION] = record.transaction().map(TransactionId::value).orElse(NO_TRANSACTION);
    if (record.rejection().isPresent()) {
      rejections.put(key, record.rejection().get());
    } else {
      rejections.remove(key);
    }
  }

  /** Forgets {@code key}'s outcome (a test's tampering); whether there was one. */
  boolean remove(IdempotencyKey key) {
    int slot = slotOf(key);
    if (keys[slot] == null) {
      return false;
    }
    rejections.remove(key);
    size--;
    // shift back the entries after it that probed past it, so that no probe stops short of them
    int mask = keys.length - 1;
    int gap = slot;
    for (int next = (gap + 1) & mask; keys[next] != null; next = (next + 1) & mask) {
      int home = home(keys[next], mask);
      // the entry at next may move to the gap if its home is not cyclically in (gap, next]
      if (((next - home) & mask) >= ((next - gap) & mask)) {
        keys[gap] = keys[next];
        System.arraycopy(outcomes, next * FIELDS, outcomes, gap * FIELDS, FIELDS);
        gap = next;
      }
    }
    keys[gap] = null;
    return true;
  }

  /** The slot that holds {@code key}, or the empty slot where it would go. */
  private int slotOf(IdempotencyKey key) {
    int mask = keys.length - 1;
    int slot = home(key, mask);
    while (keys[slot] != null && !keys[slot].equals(key)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private static int home(IdempotencyKey key, int mask) {
    int h = key.hashCode() * 0x9E3779B9; // spread: keys often differ in their last characters only
    return (h ^ (h >>> 16)) & mask;
  }

  private void grow() {
    IdempotencyKey[] oldKeys = keys;
    long[] oldOutcomes = outcomes;
    keys = new IdempotencyKey[oldKeys.length * 2];
    outcomes = new long[keys.length * FIELDS];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int slot = slotOf(oldKeys[i]);
        keys[slot] = oldKeys[i];
        System.arraycopy(oldOutcomes, i * FIELDS, outcomes, slot * FIELDS, FIELDS);
      }
    }
  }
}
