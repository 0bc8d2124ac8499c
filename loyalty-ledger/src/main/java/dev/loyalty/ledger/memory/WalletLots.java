package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.function.IntUnaryOperator;

/**
 * The lots of one wallet: all of them by id, and the open ones in spend order.
 *
 * <p>All lots: in id order, in chunks of {@value #CHUNK} that are never copied. A wallet may hold
 * thousands of lots, lots arrive in id order (a new lot's id is the newest transaction's), and a
 * single growing array was copied whole at every growth, each copy a large young object for the
 * collector to move.
 *
 * <p>Open lots: in spend order (soonest expiry, then id), each with its expiry's seconds and nanos
 * and its id's transaction and index in primitive arrays beside it, so that finding a lot's place
 * compares numbers in arrays rather than following each candidate lot to its optional expiry and
 * that to its instant, or to its id and that to its transaction id.
 *
 * <p>Not thread-safe: guarded by the store's lock.
 */
final class WalletLots {

  private static final int CHUNK = 256;
  /** The expiry of a lot that never expires, as {@link Lot#SPEND_ORDER} sorts it. */
  private static final Instant NEVER = Instant.MAX;

  private Lot[][] chunks = new Lot[4][];
  private int allSize;

  private Lot[] open = new Lot[8];
  private long[] openSeconds = new long[8];
  private int[] openNanos = new int[8];
  /** The lot id's transaction and index: many lots share an expiry day, so ties are common. */
  private long[] openTransactions = new long[8];
  private int[] openIndexes = new int[8];
  private int openSize;

  Optional<Lot> get(LotId id) {
    int i = indexById(id);
    return i >= 0 ? Optional.of(lotAt(i)) : Optional.empty();
  }

  /** Inserts or replaces {@code lot} (by id). */
  void put(Lot lot) {
    int i = indexById(lot.id());
    if (i >= 0) {
      setAt(i, lot);
    } else {
      insertAt(-i - 1, lot);
    }
    Instant expiry = lot.expiresAt().orElse(NEVER);
    long seconds = expiry.getEpochSecond();
    int nanos = expiry.getNano();
    int j = indexInOpen(seconds, nanos, lot.id().transaction().value(), lot.id().index());
    if (lot.remaining() > 0) {
      if (j >= 0) {
        open[j] = lot;
      } else {
        insertOpen(-j - 1, lot, seconds, nanos);
      }
    } else if (j >= 0) {
      removeOpen(j);
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
      return List.of(Arrays.copyOf(open, openSize));
    }
    List<Lot> copy = new ArrayList<>(allSize);
    for (int i = 0; i < allSize; i++) {
      copy.add(lotAt(i));
    }
    copy.sort(Lot.SPEND_ORDER);
    return copy;
  }

  private Lot lotAt(int i) {
    return chunks[i / CHUNK][i % CHUNK];
  }

  private void setAt(int i, Lot lot) {
    chunks[i / CHUNK][i % CHUNK] = lot;
  }

  /** Appends, or (never in practice: lots arrive in id order) shifts the later lots up by one. */
  private void insertAt(int index, Lot lot) {
    int chunk = allSize / CHUNK;
    if (chunk == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunks.length * 2);
    }
    if (chunks[chunk] == null) {
      chunks[chunk] = new Lot[CHUNK];
    }
    for (int k = allSize; k > index; k--) {
      setAt(k, lotAt(k - 1));
    }
    setAt(index, lot);
    allSize++;
  }

  private void insertOpen(int index, Lot lot, long seconds, int nanos) {
    if (openSize == open.length) {
      int capacity = openSize * 2;
      open = Arrays.copyOf(open, capacity);
      openSeconds = Arrays.copyOf(openSeconds, capacity);
      openNanos = Arrays.copyOf(openNanos, capacity);
      openTransactions = Arrays.copyOf(openTransactions, capacity);
      openIndexes = Arrays.copyOf(openIndexes, capacity);
    }
    int moved = openSize - index;
    System.arraycopy(open, index, open, index + 1, moved);
    System.arraycopy(openSeconds, index, openSeconds, index + 1, moved);
    System.arraycopy(openNanos, index, openNanos, index + 1, moved);
    System.arraycopy(openTransactions, index, openTransactions, index + 1, moved);
    System.arraycopy(openIndexes, index, openIndexes, index + 1, moved);
    open[index] = lot;
    openSeconds[index] = seconds;
    openNanos[index] = nanos;
    openTransactions[index] = lot.id().transaction().value();
    openIndexes[index] = lot.id().index();
    openSize++;
  }

  private void removeOpen(int index) {
    int moved = openSize - index - 1;
    System.arraycopy(open, index + 1, open, index, moved);
    System.arraycopy(openSeconds, index + 1, openSeconds, index, moved);
    System.arraycopy(openNanos, index + 1, openNanos, index, moved);
    System.arraycopy(openTransactions, index + 1, openTransactions, index, moved);
    System.arraycopy(openIndexes, index + 1, openIndexes, index, moved);
    open[--openSize] = null;
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
    return search(openSize, i -> compareOpen(i, seconds, nanos, transaction, index));
  }

  /** Where the lot with this id is among all lots (in id order), as {@link #search} says. */
  private int indexById(LotId id) {
    return search(allSize, i -> lotAt(i).id().compareTo(id));
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

  /** The open lots as a read-only list, over the arrays as they are when it is read. */
  private final class OpenView extends AbstractList<Lot> implements RandomAccess {
    @Override
    public Lot get(int index) {
      if (index < 0 || index >= openSize) {
        throw new IndexOutOfBoundsException("open lot " + index + " of " + openSize);
      }
      return open[index];
    }

    @Override
    public int size() {
      return openSize;
    }
  }
}
