package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransactionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory store's journal, packed: each transaction as a few dozen bytes in large shared
 * chunks, its accounts as numbers, its postings and lot movements as runs of variable-length
 * integers; the key, reason and metadata by reference (the key is the object the key's outcome is
 * stored under, the reason and metadata are usually shared by many transactions). A
 * {@link Transaction} is decoded, equal to the one added, when it is read.
 *
 * <p>Why: kept as objects, a transfer's transaction is about fifteen objects (the record, its
 * postings and lot movements, their lists, ids and optionals) that stay for the life of the store,
 * each copied by the collector out of the young generation and into the old; packed, it leaves
 * none but a slice of a chunk and three references. This is a store-private encoding, not the
 * canonical one the hash chain is built from (which spells account ids out in every posting), and
 * it can hold any transaction, so that a test may replace one behind the ledger's back.
 *
 * <p>Not thread-safe: guarded by the store's lock (added and replaced under the write lock).
 */
final class CompactJournal {

  private static final int CHUNK = 1 << 20;
  /** Where a deleted transaction was: nothing to decode. */
  private static final long ABSENT = -1;
  private static final TransactionType[] TYPES = TransactionType.values();
  private static final int HOLD = 1;
  private static final int REVERSES = 2;

  private final List<byte[]> chunks = new ArrayList<>();
  private byte[] chunk = new byte[0];
  private int used;
  /**
   * Per transaction (index = position), its chunk's number (high half) and offset there (low); and
   * its key, reason and metadata, three slots each: both in fixed chunks of 2^{@code shift}
   * transactions, not arrays grown by copying (at a million transactions the references were a
   * 12 MB array, copied at each doubling, each copy a humongous object to the collector).
   */
  private long[][] where = new long[16][];
  private Object[][] refs = new Object[16][];
  private static final int INDEX_SHIFT = 12;
  private final int shift;
  private final int mask;
  private int size;
  private int present;

  private final Map<AccountId, Integer> numbers = new HashMap<>();
  private final List<AccountId> accounts = new ArrayList<>();
  /** The two accounts {@link #number} was last asked for (by identity, the latest first), and their numbers. */
  private final AccountId[] recent = new AccountId[2];
  private final int[] recentNumbers = new int[2];

  private static final AccountId[] NONE = new AccountId[0];
  /** The accounts (by identity) of the transaction being added, and their numbers, when its adder knew them. */
  private AccountId[] primed = NONE;
  private int[] primedNumbers;
  private int primedCount;

  /** Scratch space for one transaction's bytes. */
  private byte[] out = new byte[256];
  private int length;

  CompactJournal() {
    this(INDEX_SHIFT);
  }

  /** With chunks of {@code 2^indexShift} transactions' places: small ones let a test cross them often. */
  CompactJournal(int indexShift) {
    this.shift = indexShift;
    this.mask = (1 << indexShift) - 1;
  }

  /** How many positions the journal has, deleted ones included. */
  int size() {
    return size;
  }

  /** How many transactions it holds (positions that were not deleted). */
  int present() {
    return present;
  }

  /** Appends {@code tx} at position {@link #size()}. */
  void add(Transaction tx) {
    int chunk = size >>> shift;
    if ((size & mask) == 0) {
      if (chunk == where.length) {
        where = Arrays.copyOf(where, chunk * 2);
        refs = Arrays.copyOf(refs, chunk * 2);
      }
      where[chunk] = new long[mask + 1];
      refs[chunk] = new Object[3 * (mask + 1)];
    }
    size++;
    present++;
    put(size - 1, tx);
  }

  /**
   * Appends {@code tx}, whose postings and lot movements name accounts the first {@code count} of
   * {@code named} (by these very objects), whose numbers here are the first {@code count} of
   * {@code numbers} (as {@link #numberOf} gave them): found without a lookup. Any other account it
   * names is looked up.
   */
  void add(Transaction tx, AccountId[] named, int[] numbers, int count) {
    primed = named;
    primedNumbers = numbers;
    primedCount = count;
    try {
      add(tx);
    } finally {
      primed = NONE;
      primedCount = 0;
    }
  }

  /**
   * The number of {@code account} in this journal, the next one if it had none: fixed for the
   * journal's life, so that a caller may keep it (the store keeps it on the account's record).
   */
  int numberOf(AccountId account) {
    return lookUp(account);
  }

  /** The transaction at {@code index}; null where one was deleted. */
  Transaction get(int index) {
    long at = where(index);
    if (at == ABSENT) {
      return null;
    }
    return new Reader(chunks.get((int) (at >>> 32)), (int) at).transaction(index);
  }

  /** Replaces the transaction at {@code index} (a test's tampering); {@code tx} null deletes it. */
  void set(int index, Transaction tx) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("journal position " + index + " of " + size);
    }
    boolean was = where(index) != ABSENT;
    if (tx == null) {
      where[index >>> shift][index & mask] = ABSENT;
      present -= was ? 1 : 0;
      return;
    }
    present += was ? 0 : 1;
    put(index, tx);
  }

  private void put(int index, Transaction tx) {
    encode(index, tx);
    if (used + length > chunk.length) {
      chunk = new byte[Math.max(CHUNK, length)];
      chunks.add(chunk);
      used = 0;
    }
    System.arraycopy(out, 0, chunk, used, length);
    where[index >>> shift][index & mask] = (long) (chunks.size() - 1) << 32 | used;
    used += length;
    Object[] r = refs[index >>> shift];
    int at = 3 * (index & mask);
    r[at] = tx.key();
    r[at + 1] = tx.reason();
    r[at + 2] = tx.metadata();
  }

  private void encode(int index, Transaction tx) {
    length = 0;
    long id = tx.id().value();
    writeLong(id - (index + 1L)); // 0 but where a test put another transaction's row here
    writeInt(tx.type().ordinal());
    // times relative to one another: a transaction is mostly effective when it is recorded, and its
    // lots expire within a year or so of it
    long recorded = tx.recordedAt().getEpochSecond();
    long effective = tx.effectiveAt().getEpochSecond();
    writeInstant(tx.recordedAt(), 0);
    writeInstant(tx.effectiveAt(), recorded);
    writeInt((tx.hold().isPresent() ? HOLD : 0) | (tx.reverses().isPresent() ? REVERSES : 0));
    // not ifPresent with a lambda: it captured id, an object per transaction
    if (tx.hold().isPresent()) {
      writeLong(tx.hold().get().transaction().value() - id);
    }
    if (tx.reverses().isPresent()) {
      writeLong(tx.reverses().get().value() - id);
    }
    writePostings(tx.postings());
    writePostings(tx.pending());
    writePostings(tx.reversedPostings());
    List<LotMovement> movements = tx.lotMovements();
    writeInt(movements.size());
    // indexed: the lists are small immutable ones, and their iterators showed in profiles
    for (int i = 0; i < movements.size(); i++) {
      LotMovement m = movements.get(i);
      writeInt(number(m.account()));
      writeLong(m.lot().transaction().value() - id);
      writeInt(m.lot().index());
      writeLong(m.amount());
      if (m.expiresAt().isPresent()) {
        writeInt(1);
        writeInstant(m.expiresAt().get(), effective);
      } else {
        writeInt(0);
      }
    }
  }

  private void writePostings(List<Posting> postings) {
    writeInt(postings.size());
    for (int i = 0; i < postings.size(); i++) {
      Posting p = postings.get(i);
      writeInt(number(p.account()));
      writeLong(p.amount());
    }
  }

  /** An instant as its seconds after {@code baseSeconds} (a difference of two instants' seconds fits a long) and its nanos. */
  private void writeInstant(Instant instant, long baseSeconds) {
    writeLong(instant.getEpochSecond() - baseSeconds);
    writeInt(instant.getNano());
  }

  private int number(AccountId account) {
    for (int i = 0; i < primedCount; i++) {
      if (primed[i] == account) {
        return primedNumbers[i];
      }
    }
    // a transaction names the same two or three accounts (the same objects) in its postings and lot
    // movements: remember the last two by identity rather than hash each id every time
    if (account == recent[0]) {
      return recentNumbers[0];
    }
    if (account != recent[1]) {
      recent[1] = account;
      recentNumbers[1] = lookUp(account);
    }
    recent[1] = recent[0];
    recent[0] = account;
    int number = recentNumbers[1];
    recentNumbers[1] = recentNumbers[0];
    recentNumbers[0] = number;
    return number;
  }

  private int lookUp(AccountId account) {
    Integer known = numbers.get(account);
    if (known != null) {
      return known;
    }
    int number = accounts.size();
    accounts.add(account);
    numbers.put(account, number);
    return number;
  }

  /** A non-negative int, seven bits a byte. */
  private void writeInt(int value) {
    writeUnsigned(value & 0xFFFFFFFFL);
  }

  /** A signed long, zigzag-coded so that small negative numbers stay short. */
  private void writeLong(long value) {
    writeUnsigned((value << 1) ^ (value >> 63));
  }

  private void writeUnsigned(long value) {
    if (length + 10 > out.length) {
      out = Arrays.copyOf(out, out.length * 2);
    }
    while ((value & ~0x7FL) != 0) {
      out[length++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[length++] = (byte) value;
  }

  private long where(int index) {
    return where[index >>> shift][index & mask];
  }

  /** Decodes one transaction from its chunk. */
  private final class Reader {
    private final byte[] in;
    private int at;

    Reader(byte[] in, int at) {
      this.in = in;
      this.at = at;
    }

    @SuppressWarnings("unchecked")
    Transaction transaction(int index) {
      long id = index + 1L + readLong();
      TransactionType type = TYPES[readInt()];
      Instant recordedAt = readInstant(0);
      Instant effectiveAt = readInstant(recordedAt.getEpochSecond());
      long effective = effectiveAt.getEpochSecond();
      int flags = readInt();
      Optional<HoldId> hold = (flags & HOLD) != 0 ? Optional.of(HoldId.of(id + readLong())) : Optional.empty();
      Optional<TransactionId> reverses = (flags & REVERSES) != 0
          ? Optional.of(TransactionId.of(id + readLong())) : Optional.empty();
      List<Posting> postings = readPostings();
      List<Posting> pending = readPostings();
      List<Posting> reversed = readPostings();
      int movements = readInt();
      List<LotMovement> lotMovements = new ArrayList<>(movements);
      for (int i = 0; i < movements; i++) {
        AccountId account = accounts.get(readInt());
        LotId lot = new LotId(TransactionId.of(id + readLong()), readInt());
        long amount = readLong();
        Optional<Instant> expiresAt = readInt() == 1 ? Optional.of(readInstant(effective)) : Optional.empty();
        lotMovements.add(new LotMovement(account, lot, amount, expiresAt));
      }
      Object[] r = refs[index >>> shift];
      int slot = 3 * (index & mask);
      return new Transaction(TransactionId.of(id), type, (IdempotencyKey) r[slot], (String) r[slot + 1],
          (Map<String, String>) r[slot + 2], effectiveAt, recordedAt, postings, pending, lotMovements, hold,
          reverses, reversed);
    }

    private List<Posting> readPostings() {
      int n = readInt();
      if (n == 0) {
        return List.of();
      }
      List<Posting> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new Posting(accounts.get(readInt()), readLong()));
      }
      return out;
    }

    private Instant readInstant(long baseSeconds) {
      long seconds = baseSeconds + readLong();
      return Instant.ofEpochSecond(seconds, readInt());
    }

    private int readInt() {
      return (int) readUnsigned();
    }

    private long readLong() {
      long v = readUnsigned();
      return (v >>> 1) ^ -(v & 1);
    }

    private long readUnsigned() {
      long value = 0;
      int shift = 0;
      while (true) {
        byte b = in[at++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
        shift += 7;
      }
    }
  }
}
