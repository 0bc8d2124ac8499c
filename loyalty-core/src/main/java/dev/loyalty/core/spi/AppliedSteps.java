package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;

/**
 * Which steps of which activities the in-memory performance store applied to one participant (a
 * bit per step, at most seven), kept for every activity the participant ever had, as the
 * at-most-once contract needs: an open-addressing table of the activity ids and a byte of bits
 * each, about 7 bytes per activity, instead of a hash map's entry object and table slot (about 40
 * bytes; one to two per recorded activity). Not thread-safe: the store's participant lock guards it.
 */
final class AppliedSteps {
  private static final int MAX_BIT = 1 << 6;

  private ActivityId[] ids = new ActivityId[8];
  private byte[] bits = new byte[8];
  private int size;

  /** Whether {@code bit} was marked for {@code activity}. */
  boolean has(ActivityId activity, int bit) {
    int i = slot(requireNonNull(activity, "activity"));
    return ids[i] != null && (bits[i] & bit) != 0;
  }

  /**
   * Marks {@code bit} (a power of two up to 64) for {@code activity}, keeping its other bits.
   */
  void mark(ActivityId activity, int bit) {
    if (bit <= 0 || bit > MAX_BIT || Integer.bitCount(bit) != 1) {
      throw new IllegalArgumentException("a step is one bit of the seven lowest, got " + bit);
    }
    int i = slot(requireNonNull(activity, "activity"));
    if (ids[i] != null) {
      bits[i] |= (byte) bit;
      return;
    }
    ids[i] = activity;
    bits[i] = (byte) bit;
    size++;
    // at most three quarters full, so a probe meets an empty slot soon
    if (size * 4 > ids.length * 3) {
      grow();
    }
  }

  /** How many activities have a bit marked. */
  int size() {
    return size;
  }

  /** The slot of {@code activity}: where it is, or the empty slot it would take. */
  private int slot(ActivityId activity) {
    int mask = ids.length - 1;
    int i = spread(activity.hashCode()) & mask;
    while (ids[i] != null && !ids[i].equals(activity)) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** Spreads the string hash of similar ids ("INV-1001", "INV-1002", ...) over the table. */
  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private void grow() {
    ActivityId[] oldIds = ids;
    byte[] oldBits = bits;
    ids = new ActivityId[oldIds.length * 2];
    bits = new byte[ids.length];
    for (int j = 0; j < oldIds.length; j++) {
      if (oldIds[j] != null) {
        int i = slot(oldIds[j]);
        ids[i] = oldIds[j];
        bits[i] = oldBits[j];
      }
    }
  }
}
