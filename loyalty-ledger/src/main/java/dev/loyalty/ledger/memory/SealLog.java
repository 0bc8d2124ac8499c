package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.Seal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hash chain's links, packed: per link the transaction id in a {@code long[]} and its content
 * hash and link hash in 64 bytes of a {@code byte[]}, where {@link Seal} objects would cost about
 * 180 bytes a link (the record, the id, two digests and their arrays). A {@link Seal} is made only
 * when read. Every link here has a content hash (an in-memory ledger has no links from before
 * content hashes existed). Not thread-safe: guarded by the store's seal lock.
 */
final class SealLog {

  private static final int HASHES = 64;

  private long[] transactions = new long[1024];
  private byte[] hashes = new byte[1024 * HASHES];
  private int size;

  int size() {
    return size;
  }

  void add(Seal seal) {
    if (seal.position() != size + 1L || seal.contentHash().isEmpty()) {
      throw new IllegalArgumentException("seal " + seal.position() + " does not follow link " + size
          + " with a content hash");
    }
    if (size == transactions.length) {
      transactions = Arrays.copyOf(transactions, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2 * HASHES);
    }
    transactions[size] = seal.transaction().value();
    seal.contentHash().get().copyTo(hashes, size * HASHES);
    seal.hash().copyTo(hashes, size * HASHES + 32);
    size++;
  }

  /** The link at {@code position} (1-based). */
  Seal get(long position) {
    int i = (int) (position - 1);
    return new Seal(position, TransactionId.of(transactions[i]),
        Digest.of(Arrays.copyOfRange(hashes, i * HASHES, i * HASHES + 32)),
        Digest.of(Arrays.copyOfRange(hashes, i * HASHES + 32, i * HASHES + HASHES)));
  }

  /** Links after {@code afterPosition}, at most {@code limit}. */
  List<Seal> after(long afterPosition, int limit) {
    int from = (int) Math.min(Math.max(afterPosition, 0), size);
    int to = (int) Math.min(size, (long) from + limit);
    List<Seal> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(get(i + 1L));
    }
    return out;
  }
}
