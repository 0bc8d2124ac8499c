package dev.loyalty.ledger.memory;

import java.time.Instant;
import java.util.Arrays;

/**
 * One account's posted amounts by effective time, one entry per instant (transactions effective at
 * the same instant add up in one entry), answering {@link #mostPostedAfter}: the most that the
 * amounts effective after some time from a given one on add up to. That is what a backdated debit
 * may not take ({@code StoreTransaction.mostPostedAfter}): the least balance as of any time from
 * the debit's on is the posted balance less it.
 *
 * <p>A B+ tree over primitive arrays: leaves of up to {@value #FANOUT} entries (seconds, nanoseconds
 * and amount in three parallel arrays, no object per entry), inner nodes of up to {@value #FANOUT}
 * children, and in every node the sum of its amounts and the most a suffix of them adds up to.
 * Adding an amount (at any time, in any order) and answering a query read one node per level:
 * O(log n) with a small base, about 23 bytes per entry when entries come in time order (full
 * leaves) and up to about twice that when they come in random order. A full node splits where the
 * new entry goes, but never below half, so appends in time order leave full nodes behind and any
 * order leaves nodes at least half full on average.
 *
 * <p>Sums cannot overflow: every subset of an account's postings adds up to between minus its
 * lifetime outflow and its lifetime inflow, which the ledger keeps within a {@code long}. Not
 * thread-safe: guarded by the store's lock, like the {@link AccountRecord} that holds it.
 */
final class PostedByTime {

  /** Most entries in a leaf, most children of an inner node. */
  static final int FANOUT = 32;

  private Node root = new Leaf(4);

  /** Adds {@code amount} (posted to the account by a transaction effective {@code at}); 0 changes nothing. */
  void add(Instant at, long amount) {
    if (amount == 0) {
      return;
    }
    Node right = root.add(at.getEpochSecond(), at.getNano(), amount);
    if (right != null) {
      root = new Inner(root, right);
    }
  }

  /**
   * The most that the amounts effective after {@code s} add up to, over every {@code s} at or after
   * {@code from}; 0 when no such sum is positive (as for an {@code s} after every entry).
   */
  long mostPostedAfter(Instant from) {
    long second = from.getEpochSecond();
    int nano = from.getNano();
    long later = 0; // the sum of the entries right of the current node, all of them after "from"
    long most = 0;
    Node node = root;
    while (node instanceof Inner inner) {
      int i = inner.size - 1;
      while (i >= 0 && compare(inner.seconds[i], inner.nanos[i], second, nano) > 0) {
        Node child = inner.children[i];
        most = Math.max(most, child.most + later);
        later += child.sum;
        i--;
      }
      if (i < 0) {
        return most;
      }
      node = inner.children[i]; // begins at or before "from": only part of it may be after
    }
    Leaf leaf = (Leaf) node;
    for (int i = leaf.size - 1; i >= 0 && compare(leaf.seconds[i], leaf.nanos[i], second, nano) > 0; i--) {
      later += leaf.amounts[i];
      most = Math.max(most, later);
    }
    return most;
  }

  /** Entries held; for tests. */
  int size() {
    return root.entries();
  }

  /** Bytes of heap this index holds (objects and arrays, 64-bit JVM with compressed references). */
  long bytes() {
    return 16 + root.bytes();
  }

  private static int compare(long secondA, int nanoA, long secondB, int nanoB) {
    int bySecond = Long.compare(secondA, secondB);
    return bySecond != 0 ? bySecond : Integer.compare(nanoA, nanoB);
  }

  /** Where a full node of {@code size} splits when something goes in at {@code at}: there, but never below half. */
  private static int splitPoint(int size, int at) {
    return Math.max(size / 2, at);
  }

  private static long arrayBytes(int elements, int width) {
    return align(16L + (long) elements * width);
  }

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  /**
   * A subtree: the sum of its amounts and the most a suffix of them (in time order) adds up to, at
   * least 0; and instants in time order, each split in two arrays (a leaf's entries', an inner
   * node's children's first).
   */
  private abstract static class Node {
    long sum;
    long most;
    long[] seconds;
    int[] nanos;

    /** Adds the amount; returns the new right sibling if this node had to split, else null. */
    abstract Node add(long second, int nano, long amount);

    final long firstSecond() {
      return seconds[0];
    }

    final int firstNano() {
      return nanos[0];
    }

    abstract int entries();

    abstract long bytes();
  }

  private static final class Leaf extends Node {
    long[] amounts;
    int size;

    Leaf(int capacity) {
      seconds = new long[capacity];
      nanos = new int[capacity];
      amounts = new long[capacity];
    }

    @Override
    Node add(long second, int nano, long amount) {
      int at = search(second, nano);
      if (at >= 0) {
        amounts[at] += amount;
        summarize();
        return null;
      }
      at = -at - 1;
      if (size < FANOUT) {
        insert(at, second, nano, amount);
        summarize();
        return null;
      }
      int split = splitPoint(size, at);
      Leaf right = new Leaf(Math.max(4, size - split + 1));
      right.size = size - split;
      System.arraycopy(seconds, split, right.seconds, 0, right.size);
      System.arraycopy(nanos, split, right.nanos, 0, right.size);
      System.arraycopy(amounts, split, right.amounts, 0, right.size);
      size = split;
      if (at >= split) {
        right.insert(at - split, second, nano, amount);
      } else {
        insert(at, second, nano, amount);
      }
      summarize();
      right.summarize();
      return right;
    }

    /** The entry's index if there is one at that instant, else {@code -(where it would go) - 1}. */
    private int search(long second, int nano) {
      int low = 0;
      int high = size - 1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        int c = compare(seconds[mid], nanos[mid], second, nano);
        if (c < 0) {
          low = mid + 1;
        } else if (c > 0) {
          high = mid - 1;
        } else {
          return mid;
        }
      }
      return -low - 1;
    }

    private void insert(int at, long second, int nano, long amount) {
      if (size == seconds.length) {
        int capacity = Math.min(FANOUT, size * 2);
        seconds = Arrays.copyOf(seconds, capacity);
        nanos = Arrays.copyOf(nanos, capacity);
        amounts = Arrays.copyOf(amounts, capacity);
      }
      System.arraycopy(seconds, at, seconds, at + 1, size - at);
      System.arraycopy(nanos, at, nanos, at + 1, size - at);
      System.arraycopy(amounts, at, amounts, at + 1, size - at);
      seconds[at] = second;
      nanos[at] = nano;
      amounts[at] = amount;
      size++;
    }

    private void summarize() {
      long later = 0;
      long best = 0;
      for (int i = size - 1; i >= 0; i--) {
        later += amounts[i];
        best = Math.max(best, later);
      }
      sum = later;
      most = best;
    }

    @Override
    int entries() {
      return size;
    }

    @Override
    long bytes() {
      // header 12, sum and most 16, three references 12, size 4
      return align(44) + arrayBytes(seconds.length, 8) + arrayBytes(nanos.length, 4) + arrayBytes(amounts.length, 8);
    }
  }

  /** Children in time order, each with its first instant (where it begins, for the descent). */
  private static final class Inner extends Node {
    final Node[] children = new Node[FANOUT];
    int size;

    /** A new root over the old one and its new right sibling. */
    Inner(Node left, Node right) {
      this();
      put(0, left);
      put(1, right);
      size = 2;
      summarize();
    }

    private Inner() {
      seconds = new long[FANOUT];
      nanos = new int[FANOUT];
    }

    @Override
    Node add(long second, int nano, long amount) {
      int i = size - 1;
      while (i > 0 && compare(seconds[i], nanos[i], second, nano) > 0) {
        i--;
      }
      Node split = children[i].add(second, nano, amount);
      put(i, children[i]); // its first instant moves when something earlier goes into the first child
      if (split == null) {
        summarize();
        return null;
      }
      int at = i + 1;
      if (size < FANOUT) {
        insert(at, split);
        summarize();
        return null;
      }
      int point = splitPoint(size, at);
      Inner right = new Inner();
      right.size = size - point;
      System.arraycopy(children, point, right.children, 0, right.size);
      System.arraycopy(seconds, point, right.seconds, 0, right.size);
      System.arraycopy(nanos, point, right.nanos, 0, right.size);
      Arrays.fill(children, point, size, null);
      size = point;
      if (at >= point) {
        right.insert(at - point, split);
      } else {
        insert(at, split);
      }
      summarize();
      right.summarize();
      return right;
    }

    private void put(int i, Node child) {
      children[i] = child;
      seconds[i] = child.firstSecond();
      nanos[i] = child.firstNano();
    }

    private void insert(int at, Node child) {
      System.arraycopy(children, at, children, at + 1, size - at);
      System.arraycopy(seconds, at, seconds, at + 1, size - at);
      System.arraycopy(nanos, at, nanos, at + 1, size - at);
      put(at, child);
      size++;
    }

    private void summarize() {
      long later = 0;
      long best = 0;
      for (int i = size - 1; i >= 0; i--) {
        best = Math.max(best, children[i].most + later);
        later += children[i].sum;
      }
      sum = later;
      most = best;
    }

    @Override
    int entries() {
      int n = 0;
      for (int i = 0; i < size; i++) {
        n += children[i].entries();
      }
      return n;
    }

    @Override
    long bytes() {
      long bytes = align(44) + arrayBytes(FANOUT, 4) + arrayBytes(FANOUT, 8) + arrayBytes(FANOUT, 4);
      for (int i = 0; i < size; i++) {
        bytes += children[i].bytes();
      }
      return bytes;
    }
  }
}
