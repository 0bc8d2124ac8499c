package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.function.IntUnaryOperator;

/**
 * The lots of one wallet, as numbers: all of them by id, and the open ones in spend order. A
 * {@link Lot} is made when one is read.
 *
 * <p>All lots: in id order, {@value #FIELDS} longs each (id, amounts, expiry and creation time) in
 * chunks of {@value #CHUNK} lots that are never copied. A lot kept as a {@code Lot} was five
 * objects (the record, its id, the id's transaction id, its optional expiry and that instant) for
 * the collector to copy into the old generation, and a new version at every change; as numbers it
 * is 64 bytes in an array that is already there, changed in place. Lots arrive in id order (a new
 * lot's id is the newest transaction's), and a single growing array was copied whole at every
 * growth.
 *
 * <p>Open lots: in spend order (soonest expiry, then id), interleaved in one {@code long[]},
 * {@value #OPEN_FIELDS} longs each: its expiry's seconds and nanos, its id's transaction, its id's
 * index with its position among all lots, and its unheld points. Finding a lot's place compares
 * numbers only, and a debit reads the lots it spends from (unheld points, id and expiry) in one or
 * two cache lines, where five parallel arrays and the lot's own fields among all lots were six
 * lines for the first lot (the lots of a thousand wallets do not stay in cache). The unheld points
 * are a copy of the lot's remaining less held, and a bit beside the nanos says whether any are held,
 * kept equal to the lot's by every write: a debit closes the lots it spent without reading their
 * own fields.
 *
 * <p>Not thread-safe: guarded by the store's lock.
 */
final class WalletLots {

  private static final int CHUNK = 256;
  private static final int FIELDS = 8;
  // the fields of a lot, at these offsets from its first long
  private static final int TRANSACTION = 0;
  private static final int INDEX = 1;
  private static final int ORIGINAL = 2;
  private static final int REMAINING = 3;
  private static final int HELD = 4;
  private static final int EXPIRY_SECONDS = 5;
  private static final int CREATED_SECONDS = 6;
  /** The expiry's nanos (high half; -1 when the lot never expires) and the creation time's (low half). */
  private static final int NANOS = 7;
  private static final int NEVER_EXPIRES = -1;
  /** The expiry of a lot that never expires, as {@link Lot#SPEND_ORDER} sorts it. */
  private static final Instant NEVER = Instant.MAX;

  // the fields of an open lot, at these offsets from its first long in the open list
  private static final int OPEN_FIELDS = 5;
  private static final int OPEN_SECONDS = 0;
  /** The expiry's nanos (low half) and, in bit {@value #HELD_BIT}, whether any of the lot's points are held. */
  private static final int OPEN_NANOS = 1;
  private static final int HELD_BIT = 32;
  /** The lot id's transaction and index: many lots share an expiry day, so ties are common. */
  private static final int OPEN_TRANSACTION = 2;
  /** The lot id's index (high half) and the lot's position among all lots (low half). */
  private static final int OPEN_INDEX_POSITION = 3;
  private static final int OPEN_UNHELD = 4;

  private final AccountId wallet;
  private long[][] chunks = new long[4][];
  private int allSize;
  /**
   * The id of the last lot among all (the newest), meaningless while there is none: a new lot is
   * compared with it, and the last lot's own fields are elsewhere in memory (a cache miss per credit).
   */
  private long lastTransaction;
  private int lastIndex;

  /**
   * The open lots in spend order, {@value #OPEN_FIELDS} longs each, from lot {@code openStart} on:
   * spending closes lots at the front, and with a place to start other than 0 that moves nothing
   * (with ~150 open lots per wallet, moving them all was kilobytes copied per debit).
   */
  private long[] open = new long[8 * OPEN_FIELDS];
  private int openStart;
  private int openSize;

  WalletLots(AccountId wallet) {
    this.wallet = wallet;
  }

  Optional<Lot> get(LotId id) {
    int i = indexById(id.transaction().value(), id.index());
    return i >= 0 ? Optional.of(lotAt(i)) : Optional.empty();
  }

  /** Inserts or replaces {@code lot} (by id), a lot of this wallet. */
  void put(Lot lot) {
    if (!lot.account().equals(wallet)) {
      throw new IllegalArgumentException("lot " + lot.id() + " of " + lot.account() + " is not a lot of " + wallet);
    }
    long transaction = lot.id().transaction().value();
    int index = lot.id().index();
    int i = indexById(transaction, index);
    if (i < 0) {
      i = -i - 1;
      insertAt(i);
    }
    setAt(i, lot);
    if (i == allSize - 1) {
      lastTransaction = transaction;
      lastIndex = index;
    }
    Instant expiry = lot.expiresAt().orElse(NEVER);
    long seconds = expiry.getEpochSecond();
    int nanos = expiry.getNano();
    int j = indexInOpen(seconds, nanos, transaction, index);
    if (lot.remaining() > 0) {
      if (j >= 0) {
        open[slot(j) + OPEN_NANOS] = nanosAndHeld(nanos, lot.held());
        open[slot(j) + OPEN_INDEX_POSITION] = indexAndPosition(index, i);
        open[slot(j) + OPEN_UNHELD] = lot.unheld();
      } else {
        insertOpen(-j - 1, i, seconds, nanosAndHeld(nanos, lot.held()), transaction, index, lot.unheld());
      }
    } else if (j >= 0) {
      removeOpen(j);
    }
  }

  /**
   * Adds a new lot of {@code points} (above zero) with this id, expiry (null: never) and creation
   * time, none of whose remaining points is held: what {@link #put} of that {@link Lot} does,
   * without the {@code Lot}. A lot whose id comes after every lot's here (a new lot always does: its
   * transaction is the newest) is appended without a search of the lots by id; any other goes
   * through {@link #put}.
   */
  void addNew(long transaction, int index, long points, Instant expiresAt, Instant createdAt) {
    if (allSize > 0 && (lastTransaction > transaction || lastTransaction == transaction && lastIndex >= index)) {
      put(new Lot(new LotId(TransactionId.of(transaction), index), wallet, points, points, 0,
          Optional.ofNullable(expiresAt), createdAt));
      return;
    }
    if (points <= 0) {
      throw new IllegalArgumentException("a new lot of " + points + " points in " + wallet);
    }
    int i = allSize;
    insertAt(i);
    lastTransaction = transaction;
    lastIndex = index;
    long[] c = chunks[i / CHUNK];
    int at = i % CHUNK * FIELDS;
    c[at + TRANSACTION] = transaction;
    c[at + INDEX] = index;
    c[at + ORIGINAL] = points;
    c[at + REMAINING] = points;
    c[at + HELD] = 0;
    c[at + EXPIRY_SECONDS] = expiresAt == null ? 0 : expiresAt.getEpochSecond();
    c[at + CREATED_SECONDS] = createdAt.getEpochSecond();
    long expiryNanos = expiresAt == null ? NEVER_EXPIRES : expiresAt.getNano();
    c[at + NANOS] = expiryNanos << 32 | createdAt.getNano();
    Instant expiry = expiresAt == null ? NEVER : expiresAt;
    long seconds = expiry.getEpochSecond();
    int nanos = expiry.getNano();
    insertOpen(-openSearch(seconds, nanos, transaction, index) - 1, i, seconds, nanosAndHeld(nanos, 0), transaction, index,
        points);
  }

  /** How many lots are open (remaining above zero). */
  int openSize() {
    return openSize;
  }

  /** The unheld points of the {@code j}th open lot in spend order. */
  long openUnheld(int j) {
    return open[slot(j) + OPEN_UNHELD];
  }

  /** The id of the {@code j}th open lot in spend order. */
  LotId openId(int j) {
    return new LotId(TransactionId.of(open[slot(j) + OPEN_TRANSACTION]), openIndex(j));
  }

  /** The expiry of the {@code j}th open lot in spend order; empty if it never expires. */
  Optional<Instant> openExpiry(int j) {
    return openNeverExpires(j) ? Optional.empty() : Optional.of(Instant.ofEpochSecond(openSeconds(j), openNanos(j)));
  }

  private long openSeconds(int j) {
    return open[slot(j) + OPEN_SECONDS];
  }

  private int openNanos(int j) {
    return (int) open[slot(j) + OPEN_NANOS];
  }

  private int openIndex(int j) {
    return (int) (open[slot(j) + OPEN_INDEX_POSITION] >>> 32);
  }

  /** The {@code j}th open lot's position among all lots. */
  private int openPosition(int j) {
    return (int) open[slot(j) + OPEN_INDEX_POSITION];
  }

  private static long nanosAndHeld(int nanos, long held) {
    return (held > 0 ? 1L << HELD_BIT : 0) | nanos;
  }

  /** Whether any of the {@code j}th open lot's points are held. */
  private boolean openHasHeld(int j) {
    return (open[slot(j) + OPEN_NANOS] & 1L << HELD_BIT) != 0;
  }

  private static long indexAndPosition(int index, int position) {
    return (long) index << 32 | (position & 0xFFFFFFFFL);
  }

  /**
   * Whether the {@code j}th open lot never expires. The spend order keeps such a lot as expiring at
   * {@link Instant#MAX}; only a lot with that very expiry needs its own flag read (the lot's fields,
   * elsewhere in memory: a cache miss that a direct transfer would pay per lot it reads).
   */
  private boolean openNeverExpires(int j) {
    return openSeconds(j) == NEVER.getEpochSecond() && openNanos(j) == NEVER.getNano()
        && (int) (field(openPosition(j), NANOS) >> 32) == NEVER_EXPIRES;
  }

  /** Whether the {@code j}th and {@code k}th open lots in spend order expire at the same time (or both never). */
  boolean sameOpenExpiry(int j, int k) {
    return openSeconds(j) == openSeconds(k) && openNanos(j) == openNanos(k)
        && openNeverExpires(j) == openNeverExpires(k);
  }

  /**
   * Takes {@code take} points, at most its unheld ones, from the {@code j}th open lot in spend
   * order; the lot stays in the open list until {@link #closeSpent(int)}.
   */
  void takeFromOpen(int j, long take) {
    if (take <= 0 || take > openUnheld(j)) {
      throw new IllegalArgumentException("cannot take " + take + " from open lot " + openId(j) + " of " + wallet);
    }
    long unheld = openUnheld(j) - take;
    open[slot(j) + OPEN_UNHELD] = unheld;
    int i = openPosition(j);
    long[] c = chunks[i / CHUNK];
    if (openHasHeld(j)) {
      c[i % CHUNK * FIELDS + REMAINING] -= take;
    } else {
      // nothing held: what remains is what is unheld, written without reading the lot's fields
      // (a cache miss the store buffer absorbs, where a read would wait for it)
      c[i % CHUNK * FIELDS + REMAINING] = unheld;
    }
  }

  /** Drops from the open list the lots among its first {@code count} that nothing remains of. */
  void closeSpent(int count) {
    for (int j = Math.min(count, openSize) - 1; j >= 0; j--) {
      // nothing remains where nothing is unheld and nothing held (the lot's own fields, elsewhere in memory, are not read)
      if (openUnheld(j) == 0 && !openHasHeld(j)) {
        removeOpen(j);
      }
    }
  }

  /** The open lots in spend order; a live view, read only while the store's lock is held. */
  List<Lot> openView() {
    return new OpenView();
  }

  /** Whether the soonest-expiring open lot expires at or before {@code asOf}. */
  boolean hasLotExpiringBy(Instant asOf) {
    return openSize > 0 && (openSeconds(0) < asOf.getEpochSecond()
        || openSeconds(0) == asOf.getEpochSecond() && openNanos(0) <= asOf.getNano());
  }

  List<Lot> snapshot(boolean includeSpent) {
    if (!includeSpent) {
      return List.copyOf(openView());
    }
    List<Lot> copy = new ArrayList<>(allSize);
    for (int i = 0; i < allSize; i++) {
      copy.add(lotAt(i));
    }
    copy.sort(Lot.SPEND_ORDER);
    return copy;
  }

  private long field(int i, int field) {
    return chunks[i / CHUNK][i % CHUNK * FIELDS + field];
  }

  private Lot lotAt(int i) {
    long[] c = chunks[i / CHUNK];
    int at = i % CHUNK * FIELDS;
    int expiryNanos = (int) (c[at + NANOS] >> 32);
    Optional<Instant> expiresAt = expiryNanos == NEVER_EXPIRES ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(c[at + EXPIRY_SECONDS], expiryNanos));
    return new Lot(new LotId(TransactionId.of(c[at + TRANSACTION]), (int) c[at + INDEX]), wallet, c[at + ORIGINAL],
        c[at + REMAINING], c[at + HELD], expiresAt, Instant.ofEpochSecond(c[at + CREATED_SECONDS], (int) c[at + NANOS]));
  }

  private void setAt(int i, Lot lot) {
    long[] c = chunks[i / CHUNK];
    int at = i % CHUNK * FIELDS;
    c[at + TRANSACTION] = lot.id().transaction().value();
    c[at + INDEX] = lot.id().index();
    c[at + ORIGINAL] = lot.original();
    c[at + REMAINING] = lot.remaining();
    c[at + HELD] = lot.held();
    Instant expiry = lot.expiresAt().orElse(null);
    c[at + EXPIRY_SECONDS] = expiry == null ? 0 : expiry.getEpochSecond();
    c[at + CREATED_SECONDS] = lot.createdAt().getEpochSecond();
    long expiryNanos = expiry == null ? NEVER_EXPIRES : expiry.getNano();
    c[at + NANOS] = expiryNanos << 32 | lot.createdAt().getNano();
  }

  /**
   * Makes room at position {@code index}: appends, or (never in practice: lots arrive in id order)
   * shifts the later lots up by one, and the open lots' positions with them.
   */
  private void insertAt(int index) {
    int chunk = allSize / CHUNK;
    if (chunk == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunks.length * 2);
    }
    if (chunks[chunk] == null) {
      chunks[chunk] = new long[CHUNK * FIELDS];
    }
    for (int k = allSize; k > index; k--) {
      System.arraycopy(chunks[(k - 1) / CHUNK], (k - 1) % CHUNK * FIELDS, chunks[k / CHUNK], k % CHUNK * FIELDS, FIELDS);
    }
    for (int j = 0; index < allSize && j < openSize; j++) {
      if (openPosition(j) >= index) {
        open[slot(j) + OPEN_INDEX_POSITION]++;
      }
    }
    allSize++;
  }

  /** Where the {@code j}th open lot's first long is in {@link #open}. */
  private int slot(int j) {
    return (openStart + j) * OPEN_FIELDS;
  }

  /**
   * Makes room for an open lot at {@code at} in spend order and writes it there. The lots before it
   * move one place towards the front when there is room there and they are fewer, else the lots
   * after it move towards the back (which grows, or the lots move back to near the front, when the
   * back is full).
   */
  private void insertOpen(int at, int position, long seconds, long nanosAndHeld, long transaction, int index, long unheld) {
    if (openStart > 0 && at < openSize / 2) {
      System.arraycopy(open, slot(0), open, slot(-1), at * OPEN_FIELDS);
      openStart--;
    } else {
      int capacity = open.length / OPEN_FIELDS;
      if (openStart + openSize == capacity) {
        // full at the back: double when more than half full, else move the lots to near the front
        long[] to = openSize + 1 > capacity / 2 ? new long[capacity * 2 * OPEN_FIELDS] : open;
        int start = (to.length / OPEN_FIELDS - openSize - 1) / 4;
        System.arraycopy(open, slot(0), to, start * OPEN_FIELDS, openSize * OPEN_FIELDS);
        open = to;
        openStart = start;
      }
      System.arraycopy(open, slot(at), open, slot(at + 1), (openSize - at) * OPEN_FIELDS);
    }
    int from = slot(at);
    open[from + OPEN_SECONDS] = seconds;
    open[from + OPEN_NANOS] = nanosAndHeld;
    open[from + OPEN_TRANSACTION] = transaction;
    open[from + OPEN_INDEX_POSITION] = indexAndPosition(index, position);
    open[from + OPEN_UNHELD] = unheld;
    openSize++;
  }

  /**
   * Removes the open lot at {@code at} in spend order: the lots before it move one place towards the
   * back when they are fewer (none for the first, which spending closes most), else the lots after
   * it move towards the front.
   */
  private void removeOpen(int at) {
    if (at < openSize / 2) {
      System.arraycopy(open, slot(0), open, slot(1), at * OPEN_FIELDS);
      openStart++;
    } else {
      System.arraycopy(open, slot(at + 1), open, slot(at), (openSize - at - 1) * OPEN_FIELDS);
    }
    openSize--;
    if (openSize == 0) {
      openStart = 0;
    }
  }

  /** {@link Lot#SPEND_ORDER} of open lot {@code i} against a lot with this expiry and id. */
  private int compareOpen(int i, long seconds, int nanos, long transaction, int index) {
    int at = slot(i);
    int c = Long.compare(open[at + OPEN_SECONDS], seconds);
    if (c == 0) {
      c = Integer.compare((int) open[at + OPEN_NANOS], nanos);
    }
    if (c == 0) {
      c = Long.compare(open[at + OPEN_TRANSACTION], transaction);
    }
    return c != 0 ? c : Integer.compare((int) (open[at + OPEN_INDEX_POSITION] >>> 32), index);
  }

  /** Where the lot with this expiry and id is among the open lots (in spend order), as {@link #search} says. */
  private int indexInOpen(long seconds, int nanos, long transaction, int index) {
    // spent lots leave from the front: try it before searching
    if (openSize > 1 && compareOpen(0, seconds, nanos, transaction, index) == 0) {
      return 0;
    }
    return openSearch(seconds, nanos, transaction, index);
  }

  /** {@link #search} of the open lots for this expiry and id. */
  private int openSearch(long seconds, int nanos, long transaction, int index) {
    return search(openSize, i -> compareOpen(i, seconds, nanos, transaction, index));
  }

  /** The order of lot {@code i} (among all) against the lot with this id. */
  private int compareId(int i, long transaction, int index) {
    int c = Long.compare(field(i, TRANSACTION), transaction);
    return c != 0 ? c : Integer.compare((int) field(i, INDEX), index);
  }

  /** Where the lot with this id is among all lots (in id order), as {@link #search} says. */
  private int indexById(long transaction, int index) {
    return search(allSize, i -> compareId(i, transaction, index));
  }

  /**
   * A binary search of positions {@code 0..n-1}, sorted, where {@code compare} gives the sign of
   * position i's element against the one sought; the last position first, since new lots mostly
   * go last. The position found, or {@code -(insertion point) - 1}.
   */
  private static int search(int n, IntUnaryOperator compare) {
    if (n == 0) {
      return -1;
    }
    int last = compare.applyAsInt(n - 1);
    if (last < 0) {
      return -n - 1;
    }
    if (last == 0) {
      return n - 1;
    }
    int lo = 0;
    int hi = n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare.applyAsInt(mid);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -lo - 1;
  }

  /** The open lots as a read-only list, each made from the numbers as they are when it is read. */
  private final class OpenView extends AbstractList<Lot> implements RandomAccess {
    @Override
    public Lot get(int index) {
      if (index < 0 || index >= openSize) {
        throw new IndexOutOfBoundsException("open lot " + index + " of " + openSize);
      }
      return lotAt(openPosition(index));
    }

    @Override
    public int size() {
      return openSize;
    }
  }
}
