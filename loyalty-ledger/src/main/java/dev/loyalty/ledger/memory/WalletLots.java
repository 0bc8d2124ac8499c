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
 * <p>Open lots: in spend order (soonest expiry, then id), each as its position among all lots with
 * its expiry's seconds and nanos and its id's transaction and index in primitive arrays beside it,
 * so that finding a lot's place compares numbers only.
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

  private final AccountId wallet;
  private long[][] chunks = new long[4][];
  private int allSize;

  /** Position among all lots of each open lot, in spend order. */
  private int[] open = new int[8];
  private long[] openSeconds = new long[8];
  private int[] openNanos = new int[8];
  /** The lot id's transaction and index: many lots share an expiry day, so ties are common. */
  private long[] openTransactions = new long[8];
  private int[] openIndexes = new int[8];
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
    Instant expiry = lot.expiresAt().orElse(NEVER);
    long seconds = expiry.getEpochSecond();
    int nanos = expiry.getNano();
    int j = indexInOpen(seconds, nanos, transaction, index);
    if (lot.remaining() > 0) {
      if (j >= 0) {
        open[j] = i;
      } else {
        insertOpen(-j - 1, i, seconds, nanos, transaction, index);
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
    if (allSize > 0 && compareId(allSize - 1, transaction, index) >= 0) {
      put(new Lot(new LotId(TransactionId.of(transaction), index), wallet, points, points, 0,
          Optional.ofNullable(expiresAt), createdAt));
      return;
    }
    if (points <= 0) {
      throw new IllegalArgumentException("a new lot of " + points + " points in " + wallet);
    }
    int i = allSize;
    insertAt(i);
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
    insertOpen(-openSearch(seconds, nanos, transaction, index) - 1, i, seconds, nanos, transaction, index);
  }

  /** How many lots are open (remaining above zero). */
  int openSize() {
    return openSize;
  }

  /** The unheld points of the {@code j}th open lot in spend order. */
  long openUnheld(int j) {
    long[] c = chunks[open[j] / CHUNK];
    int at = open[j] % CHUNK * FIELDS;
    return c[at + REMAINING] - c[at + HELD];
  }

  /** The id of the {@code j}th open lot in spend order. */
  LotId openId(int j) {
    return new LotId(TransactionId.of(openTransactions[j]), openIndexes[j]);
  }

  /** The expiry of the {@code j}th open lot in spend order; empty if it never expires. */
  Optional<Instant> openExpiry(int j) {
    return openNeverExpires(j) ? Optional.empty() : Optional.of(Instant.ofEpochSecond(openSeconds[j], openNanos[j]));
  }

  /**
   * Whether the {@code j}th open lot never expires. The spend order keeps such a lot as expiring at
   * {@link Instant#MAX}; only a lot with that very expiry needs its own flag read (the lot's fields,
   * elsewhere in memory: a cache miss that a direct transfer would pay per lot it reads).
   */
  private boolean openNeverExpires(int j) {
    return openSeconds[j] == NEVER.getEpochSecond() && openNanos[j] == NEVER.getNano()
        && (int) (field(open[j], NANOS) >> 32) == NEVER_EXPIRES;
  }

  /** Whether the {@code j}th and {@code k}th open lots in spend order expire at the same time (or both never). */
  boolean sameOpenExpiry(int j, int k) {
    return openSeconds[j] == openSeconds[k] && openNanos[j] == openNanos[k]
        && openNeverExpires(j) == openNeverExpires(k);
  }

  /**
   * Takes {@code take} points, at most its unheld ones, from the {@code j}th open lot in spend
   * order; the lot stays in the open list until {@link #closeSpent(int)}.
   */
  void takeFromOpen(int j, long take) {
    long[] c = chunks[open[j] / CHUNK];
    int at = open[j] % CHUNK * FIELDS;
    if (take <= 0 || take > c[at + REMAINING] - c[at + HELD]) {
      throw new IllegalArgumentException("cannot take " + take + " from open lot " + openId(j) + " of " + wallet);
    }
    c[at + REMAINING] -= take;
  }

  /** Drops from the open list the lots among its first {@code count} that nothing remains of. */
  void closeSpent(int count) {
    for (int j = Math.min(count, openSize) - 1; j >= 0; j--) {
      if (field(open[j], REMAINING) == 0) {
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
    return openSize > 0 && (openSeconds[0] < asOf.getEpochSecond()
        || openSeconds[0] == asOf.getEpochSecond() && openNanos[0] <= asOf.getNano());
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
      if (open[j] >= index) {
        open[j]++;
      }
    }
    allSize++;
  }

  private void insertOpen(int at, int position, long seconds, int nanos, long transaction, int index) {
    if (openSize == open.length) {
      int capacity = openSize * 2;
      open = Arrays.copyOf(open, capacity);
      openSeconds = Arrays.copyOf(openSeconds, capacity);
      openNanos = Arrays.copyOf(openNanos, capacity);
      openTransactions = Arrays.copyOf(openTransactions, capacity);
      openIndexes = Arrays.copyOf(openIndexes, capacity);
    }
    int moved = openSize - at;
    System.arraycopy(open, at, open, at + 1, moved);
    System.arraycopy(openSeconds, at, openSeconds, at + 1, moved);
    System.arraycopy(openNanos, at, openNanos, at + 1, moved);
    System.arraycopy(openTransactions, at, openTransactions, at + 1, moved);
    System.arraycopy(openIndexes, at, openIndexes, at + 1, moved);
    open[at] = position;
    openSeconds[at] = seconds;
    openNanos[at] = nanos;
    openTransactions[at] = transaction;
    openIndexes[at] = index;
    openSize++;
  }

  private void removeOpen(int at) {
    int moved = openSize - at - 1;
    System.arraycopy(open, at + 1, open, at, moved);
    System.arraycopy(openSeconds, at + 1, openSeconds, at, moved);
    System.arraycopy(openNanos, at + 1, openNanos, at, moved);
    System.arraycopy(openTransactions, at + 1, openTransactions, at, moved);
    System.arraycopy(openIndexes, at + 1, openIndexes, at, moved);
    openSize--;
  }

  /** {@link Lot#SPEND_ORDER} of open lot {@code i} against a lot with this expiry and id. */
  private int compareOpen(int i, long seconds, int nanos, long transaction, int index) {
    int c = Long.compare(openSeconds[i], seconds);
    if (c == 0) {
      c = Integer.compare(openNanos[i], nanos);
    }
    if (c == 0) {
      c = Long.compare(openTransactions[i], transaction);
    }
    return c != 0 ? c : Integer.compare(openIndexes[i], index);
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
      return lotAt(open[index]);
    }

    @Override
    public int size() {
      return openSize;
    }
  }
}
