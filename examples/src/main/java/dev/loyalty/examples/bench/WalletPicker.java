package dev.loyalty.examples.bench;

import java.util.SplittableRandom;

/**
 * Picks wallet indexes for one thread: from all wallets (shared), or only from the wallets whose
 * index is congruent to the thread's index (disjoint: no two threads touch the same wallet).
 */
final class WalletPicker {

  private final int thread;
  private final int stride;
  private final int count;

  /**
   * @param thread   this thread's index
   * @param threads  how many threads share the wallets
   * @param wallets  how many wallets there are
   * @param disjoint whether each thread keeps to its own wallets
   */
  WalletPicker(int thread, int threads, int wallets, boolean disjoint) {
    this.thread = disjoint ? thread : 0;
    this.stride = disjoint ? threads : 1;
    this.count = disjoint ? (wallets - thread + threads - 1) / threads : wallets;
    if (count < 2) {
      throw new IllegalArgumentException("thread " + thread + " would have fewer than two wallets");
    }
  }

  int pick(SplittableRandom random) {
    return thread + stride * random.nextInt(count);
  }

  /** A wallet other than {@code not}. */
  int pickOther(SplittableRandom random, int not) {
    int w;
    do {
      w = pick(random);
    } while (w == not);
    return w;
  }

  /** The wallet indexes this picker can return, in order. */
  int[] all() {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = thread + stride * i;
    }
    return out;
  }
}
