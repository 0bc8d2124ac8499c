package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.internal.CanonicalEncoder;
import dev.loyalty.ledger.spi.Seal;
import dev.loyalty.ledger.spi.UnsealedTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hash chain, packed: per committed transaction, in commit order, its id in a {@code long[]}
 * and its content hash and (once linked) its link hash in 64 bytes of a {@code byte[]}. The first
 * {@link #linked()} entries are the chain's links (entry i is the link at position i + 1); the
 * rest wait to be linked. A {@link Seal} or {@link UnsealedTransaction} is made only when one is
 * read through the store's SPI; the store links its own entries ({@link #linkPending}) without
 * either, where a queue of {@code UnsealedTransaction}s and a {@code Seal} per link cost about 230
 * bytes per transaction for the collector. Every link here has a content hash (an in-memory ledger
 * has no links from before content hashes existed).
 *
 * <p>Not thread-safe: guarded by the store's seal lock, except where a method says otherwise.
 */
final class SealLog {

  private static final int ENTRY = 64;
  private static final int LINK = 32;
  private static final byte[] ZERO = new byte[32];

  private long[] transactions = new long[1024];
  private byte[] hashes = new byte[1024 * ENTRY];
  private int size;
  private int linked;

  /** How many transactions are linked: the chain's length. */
  int linked() {
    return linked;
  }

  /** Adds a committed transaction, to be linked after those added before it. */
  void addUnlinked(TransactionId transaction, Digest contentHash) {
    if (size == transactions.length) {
      transactions = Arrays.copyOf(transactions, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2 * ENTRY);
    }
    transactions[size] = transaction.value();
    contentHash.copyTo(hashes, size * ENTRY);
    size++;
  }

  /** The first {@code limit} transactions not linked yet, oldest first. */
  List<UnsealedTransaction> unlinked(int limit) {
    int to = (int) Math.min(size, (long) linked + Math.max(limit, 0));
    List<UnsealedTransaction> out = new ArrayList<>(to - linked);
    for (int i = linked; i < to; i++) {
      out.add(new UnsealedTransaction(TransactionId.of(transactions[i]), hash(i, 0)));
    }
    return out;
  }

  /**
   * Whether {@code seal} is the next link: at position {@link #linked()} + 1 + {@code ahead}, for the
   * transaction waiting there, with the content hash it was added with.
   */
  boolean continues(Seal seal, int ahead) {
    int i = linked + ahead;
    return seal.position() == i + 1L && i < size && seal.transaction().value() == transactions[i]
        && seal.contentHash().isPresent() && seal.contentHash().get().equals(hash(i, 0));
  }

  /** Makes the next transaction's link {@code hash}; the caller checked {@link #continues}. */
  void link(Digest hash) {
    hash.copyTo(hashes, linked * ENTRY + LINK);
    linked++;
  }

  /** Where the work of {@link #linkPending} begins: the entries and the count linked, read under the lock. */
  record Pending(byte[] hashes, int from, int to) {}

  /** Up to {@code limit} entries to link, as they are now; null if there are none. */
  Pending pending(int limit) {
    int to = (int) Math.min(size, (long) linked + limit);
    return to == linked ? null : new Pending(hashes, linked, to);
  }

  /**
   * The links of {@code pending}'s entries, 32 bytes each, computed from its arrays with
   * {@code encoder}; needs no lock (entries up to {@code pending.to} never change once added, and a
   * grown array is a copy). The links are those {@code ChainSealer} computes: SHA-256 of the
   * previous link and the content hash.
   */
  static byte[] linkPending(Pending pending, CanonicalEncoder encoder) {
    byte[] in = pending.hashes();
    byte[] out = new byte[(pending.to() - pending.from()) * LINK];
    for (int i = pending.from(); i < pending.to(); i++) {
      int k = i - pending.from();
      if (k > 0) {
        encoder.chainLink(out, (k - 1) * LINK, in, i * ENTRY, out, k * LINK);
      } else if (i > 0) {
        encoder.chainLink(in, (i - 1) * ENTRY + LINK, in, i * ENTRY, out, 0);
      } else {
        encoder.chainLink(ZERO, 0, in, 0, out, 0);
      }
    }
    return out;
  }

  /** Takes the links {@link #linkPending} computed for {@code pending}, unless the chain moved meanwhile; whether it took them. */
  boolean linkAll(Pending pending, byte[] links) {
    if (linked != pending.from()) {
      return false;
    }
    for (int i = pending.from(); i < pending.to(); i++) {
      System.arraycopy(links, (i - pending.from()) * LINK, hashes, i * ENTRY + LINK, LINK);
    }
    linked = pending.to();
    return true;
  }

  /** The link at {@code position} (1-based, at most {@link #linked()}). */
  Seal get(long position) {
    int i = (int) (position - 1);
    return new Seal(position, TransactionId.of(transactions[i]), hash(i, 0), hash(i, LINK));
  }

  /** Links after {@code afterPosition}, at most {@code limit}. */
  List<Seal> after(long afterPosition, int limit) {
    int from = (int) Math.min(Math.max(afterPosition, 0), linked);
    int to = (int) Math.min(linked, (long) from + limit);
    List<Seal> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(get(i + 1L));
    }
    return out;
  }

  private Digest hash(int i, int offset) {
    return Digest.of(Arrays.copyOfRange(hashes, i * ENTRY + offset, i * ENTRY + offset + 32));
  }
}
