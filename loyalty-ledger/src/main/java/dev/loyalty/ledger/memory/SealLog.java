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
 * has no links from before content hashes existed). The entries live in fixed chunks of
 * 4,096 entries (256 KiB of hashes) rather than one array grown by copying: with millions of transactions one array
 * would be tens of megabytes, and the collector treats each such array, and each larger copy of it,
 * as a humongous object that starts a concurrent cycle of its own.
 *
 * <p>Not thread-safe: guarded by the store's seal lock, except where a method says otherwise.
 */
final class SealLog {

  private static final int ENTRY = 64;
  private static final int LINK = 32;
  private static final byte[] ZERO = new byte[32];
  private static final int CHUNK_SHIFT = 12;

  private final int shift;
  private final int mask;

  private long[][] transactions = new long[16][];
  private byte[][] hashes = new byte[16][];
  private int size;
  private int linked;

  SealLog() {
    this(CHUNK_SHIFT);
  }

  /** With chunks of {@code 2^chunkShift} entries: small ones let a test cross chunk boundaries often. */
  SealLog(int chunkShift) {
    this.shift = chunkShift;
    this.mask = (1 << chunkShift) - 1;
  }

  /** How many transactions are linked: the chain's length. */
  int linked() {
    return linked;
  }

  /** Adds a committed transaction, to be linked after those added before it. */
  void addUnlinked(TransactionId transaction, Digest contentHash) {
    int at = add(transaction.value());
    contentHash.copyTo(hashes[(size - 1) >>> shift], at);
  }

  /**
   * {@link #addUnlinked(TransactionId, Digest)} of transaction {@code transaction} whose content hash
   * is the 32 bytes of {@code contentHash} at {@code offset}.
   */
  void addUnlinked(long transaction, byte[] contentHash, int offset) {
    int at = add(transaction);
    System.arraycopy(contentHash, offset, hashes[(size - 1) >>> shift], at, 32);
  }

  /** Appends an entry for {@code transaction}; where its content hash goes in its chunk of hashes. */
  private int add(long transaction) {
    int chunk = size >>> shift;
    if ((size & mask) == 0) {
      if (chunk == transactions.length) {
        transactions = Arrays.copyOf(transactions, chunk * 2);
        hashes = Arrays.copyOf(hashes, chunk * 2);
      }
      transactions[chunk] = new long[mask + 1];
      hashes[chunk] = new byte[(mask + 1) * ENTRY];
    }
    transactions[chunk][size & mask] = transaction;
    int at = (size & mask) * ENTRY;
    size++;
    return at;
  }

  /** The first {@code limit} transactions not linked yet, oldest first. */
  List<UnsealedTransaction> unlinked(int limit) {
    int to = (int) Math.min(size, (long) linked + Math.max(limit, 0));
    List<UnsealedTransaction> out = new ArrayList<>(to - linked);
    for (int i = linked; i < to; i++) {
      out.add(new UnsealedTransaction(TransactionId.of(transaction(i)), hash(i, 0)));
    }
    return out;
  }

  /**
   * Whether {@code seal} is the next link: at position {@link #linked()} + 1 + {@code ahead}, for the
   * transaction waiting there, with the content hash it was added with.
   */
  boolean continues(Seal seal, int ahead) {
    int i = linked + ahead;
    return seal.position() == i + 1L && i < size && seal.transaction().value() == transaction(i)
        && seal.contentHash().isPresent() && seal.contentHash().get().equals(hash(i, 0));
  }

  /** Makes the next transaction's link {@code hash}; the caller checked {@link #continues}. */
  void link(Digest hash) {
    hash.copyTo(hashes[linked >>> shift], (linked & mask) * ENTRY + LINK);
    linked++;
  }

  /** Where the work of {@link #linkPending} begins: the entries and the count linked, read under the lock. */
  record Pending(byte[][] hashes, int shift, int from, int to) {}

  /** Up to {@code limit} entries to link, as they are now; null if there are none. */
  Pending pending(int limit) {
    int to = (int) Math.min(size, (long) linked + limit);
    return to == linked ? null : new Pending(hashes, shift, linked, to);
  }

  /**
   * The links of {@code pending}'s entries, 32 bytes each, computed from its arrays with
   * {@code encoder}; needs no lock (entries up to {@code pending.to} never change once added, their
   * chunks stay where they are, and a grown array of chunks is a copy). The links are those
   * {@code ChainSealer} computes: SHA-256 of the previous link and the content hash.
   */
  static byte[] linkPending(Pending pending, CanonicalEncoder encoder) {
    byte[][] in = pending.hashes();
    int shift = pending.shift();
    int mask = (1 << shift) - 1;
    byte[] out = new byte[(pending.to() - pending.from()) * LINK];
    for (int i = pending.from(); i < pending.to(); i++) {
      int k = i - pending.from();
      byte[] chunk = in[i >>> shift];
      int at = (i & mask) * ENTRY;
      if (k > 0) {
        encoder.chainLink(out, (k - 1) * LINK, chunk, at, out, k * LINK);
      } else if (i > 0) {
        int previous = i - 1;
        encoder.chainLink(in[previous >>> shift], (previous & mask) * ENTRY + LINK, chunk, at, out, 0);
      } else {
        encoder.chainLink(ZERO, 0, chunk, at, out, 0);
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
      System.arraycopy(links, (i - pending.from()) * LINK, hashes[i >>> shift], (i & mask) * ENTRY + LINK, LINK);
    }
    linked = pending.to();
    return true;
  }

  /** The link at {@code position} (1-based, at most {@link #linked()}). */
  Seal get(long position) {
    int i = (int) (position - 1);
    return new Seal(position, TransactionId.of(transaction(i)), hash(i, 0), hash(i, LINK));
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

  private long transaction(int i) {
    return transactions[i >>> shift][i & mask];
  }

  private Digest hash(int i, int offset) {
    int at = (i & mask) * ENTRY + offset;
    return Digest.of(Arrays.copyOfRange(hashes[i >>> shift], at, at + 32));
  }
}
