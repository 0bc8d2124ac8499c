package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.Rejection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The keys' outcomes, packed: the keys in order of arrival with each outcome's fingerprint in four
 * {@code long}s and its transaction's id in a fifth, in one array beside them, found through an
 * open-addressing index (linear probing) whose slots hold each key's hash code beside its entry, so
 * that a probe follows a key only when the hash codes agree; the rare refusal remembered under a key
 * in a map of its own. An {@link IdempotencyRecord} is made, equal to the one put, when one is read.
 *
 * <p>Every command leaves a key's outcome for the life of the store. In a {@code HashMap} of
 * outcome objects that was two objects per command (the map's entry and the outcome, about 90
 * bytes) for the collector to copy into the old generation; here it is about 70 bytes in arrays
 * that are already there. The key itself is the caller's object, kept by reference.
 *
 * <p>The keys and their outcomes live in fixed chunks of entries (4,096 by default) rather than
 * arrays grown by copying: with a key per command, one array would be copied whole at every growth
 * (a tenth of the bytes a command allocated, in a probe of scenario 1) and, once large, be a
 * humongous object to the collector each time. Only the index is grown by copying (it must be
 * rehashed anyway), and it holds one {@code long} per slot.
 *
 * <p>Not thread-safe: guarded by the store's lock.
 */
final class KeyTable {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final int FIELDS = 5;
  private static final int TRANSACTION = 4;
  /** Transaction ids are positive: 0 stands for "none". */
  private static final long NO_TRANSACTION = 0;

  /** Per slot, the key's hash code (high half) and 1 + its entry (low half); 0 for an empty slot. At most half full. */
  private long[] slots = new long[2048];
  private static final int CHUNK_SHIFT = 12;
  private final int shift;
  private final int mask;
  /** Per entry, in order of arrival, its key (null where a key was forgotten), in chunks of 2^shift entries. */
  private IdempotencyKey[][] keys = new IdempotencyKey[16][];
  /** Per entry, its fingerprint and transaction id, {@value #FIELDS} longs, in chunks of 2^shift entries. */
  private long[][] outcomes = new long[16][];
  private int entries;
  private int size;
  private final Map<IdempotencyKey, Rejection> rejections = new HashMap<>();
  /**
   * The key {@link #get} last found no outcome for, and the empty slot where it would go: a command
   * looks its key up, then puts its outcome, and the second probe would find the same slot (a
   * random one in a large index: a cache miss). Valid until the index changes.
   */
  private IdempotencyKey missedKey;
  private int missedSlot;
  /** Scratch space for a fingerprint's bytes on their way to or from the longs. */
  private final byte[] fingerprintBytes = new byte[32];

  KeyTable() {
    this(CHUNK_SHIFT);
  }

  /** With chunks of {@code 2^chunkShift} entries: small ones let a test cross chunk boundaries often. */
  KeyTable(int chunkShift) {
    this.shift = chunkShift;
    this.mask = (1 << chunkShift) - 1;
  }

  /** How many keys have an outcome. */
  int size() {
    return size;
  }

  /** The outcome remembered under {@code key}, if any. */
  Optional<IdempotencyRecord> get(IdempotencyKey key) {
    int slot = slotOf(key);
    if (slots[slot] == 0) {
      missedKey = key;
      missedSlot = slot;
      return Optional.empty();
    }
    int entry = entryAt(slot);
    long[] chunk = outcomes[entry >>> shift];
    int at = (entry & mask) * FIELDS;
    for (int i = 0; i < 4; i++) {
      LONGS.set(fingerprintBytes, i * 8, chunk[at + i]);
    }
    long transaction = chunk[at + TRANSACTION];
    return Optional.of(new IdempotencyRecord(key(entry), Digest.of(fingerprintBytes),
        transaction == NO_TRANSACTION ? Optional.empty() : Optional.of(TransactionId.of(transaction)),
        Optional.ofNullable(rejections.get(key))));
  }

  /** Remembers {@code record} under its key, in place of what was there. */
  void put(IdempotencyRecord record) {
    IdempotencyKey key = record.key();
    put(key, record.fingerprint(), record.transaction().map(TransactionId::value).orElse(NO_TRANSACTION));
    if (record.rejection().isPresent()) {
      rejections.put(key, record.rejection().get());
    }
  }

  /**
   * Remembers that {@code key}'s command, fingerprint {@code fingerprint}, wrote transaction
   * {@code transaction} (above zero), in place of what was there: {@link #put(IdempotencyRecord)}
   * of that outcome without the record, its optionals and a boxed id, on every command's path.
   */
  void putWritten(IdempotencyKey key, Digest fingerprint, long transaction) {
    if (transaction <= NO_TRANSACTION) {
      throw new IllegalArgumentException("transaction id " + transaction + " of key " + key);
    }
    put(key, fingerprint, transaction);
  }

  private void put(IdempotencyKey key, Digest fingerprint, long transaction) {
    int slot = key == missedKey ? missedSlot : slotOf(key);
    missedKey = null;
    if (slots[slot] == 0) {
      int chunk = entries >>> shift;
      if ((entries & mask) == 0) {
        if (chunk == keys.length) {
          keys = Arrays.copyOf(keys, chunk * 2);
          outcomes = Arrays.copyOf(outcomes, chunk * 2);
        }
        keys[chunk] = new IdempotencyKey[mask + 1];
        outcomes[chunk] = new long[(mask + 1) * FIELDS];
      }
      keys[chunk][entries & mask] = key;
      entries++;
      size++;
      slots[slot] = slotValue(key, entries - 1);
      if (size > slots.length / 2) {
        reindex(slots.length * 2);
        slot = slotOf(key);
      }
    }
    fingerprint.copyTo(fingerprintBytes, 0);
    int entry = entryAt(slot);
    long[] chunk = outcomes[entry >>> shift];
    int at = (entry & mask) * FIELDS;
    for (int i = 0; i < 4; i++) {
      chunk[at + i] = (long) LONGS.get(fingerprintBytes, i * 8);
    }
    chunk[at + TRANSACTION] = transaction;
    if (!rejections.isEmpty()) {
      rejections.remove(key);
    }
  }

  /** Forgets {@code key}'s outcome (a test's tampering); whether there was one. */
  boolean remove(IdempotencyKey key) {
    missedKey = null;
    int slot = slotOf(key);
    if (slots[slot] == 0) {
      return false;
    }
    int entry = entryAt(slot);
    keys[entry >>> shift][entry & mask] = null;
    rejections.remove(key);
    size--;
    // shift back the slots after it that probed past it, so that no probe stops short of them
    int mask = slots.length - 1;
    int gap = slot;
    for (int next = (gap + 1) & mask; slots[next] != 0; next = (next + 1) & mask) {
      int home = home((int) (slots[next] >>> 32), mask);
      // the slot at next may move to the gap unless its home is cyclically in (gap, next]
      if (((next - home) & mask) >= ((next - gap) & mask)) {
        slots[gap] = slots[next];
        gap = next;
      }
    }
    slots[gap] = 0;
    return true;
  }

  /** The slot that holds {@code key}, or the empty slot where it would go. */
  private int slotOf(IdempotencyKey key) {
    int mask = slots.length - 1;
    int hash = key.hashCode();
    int slot = home(hash, mask);
    while (slots[slot] != 0 && ((int) (slots[slot] >>> 32) != hash || !key(entryAt(slot)).equals(key))) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private IdempotencyKey key(int entry) {
    return keys[entry >>> shift][entry & mask];
  }

  private int entryAt(int slot) {
    return (int) slots[slot] - 1;
  }

  private static long slotValue(IdempotencyKey key, int entry) {
    return (long) key.hashCode() << 32 | (entry + 1L);
  }

  private static int home(int hashCode, int mask) {
    int h = hashCode * 0x9E3779B9; // spread: keys often differ in their last characters only
    return (h ^ (h >>> 16)) & mask;
  }

  private void reindex(int capacity) {
    slots = new long[capacity];
    for (int entry = 0; entry < entries; entry++) {
      IdempotencyKey key = key(entry);
      if (key != null) {
        slots[slotOf(key)] = slotValue(key, entry);
      }
    }
  }
}
