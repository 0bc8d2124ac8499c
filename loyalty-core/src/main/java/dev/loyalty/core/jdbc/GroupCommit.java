package dev.loyalty.core.jdbc;

/**
 * How an engine on PostgreSQL ({@code LoyaltyEngine.Builder.postgres}) gathers concurrent
 * callers' work into shared transactions: the <em>group commit</em>. Work of different partners
 * that arrives while a transaction is running waits in one of {@code lanes} queues; the thread
 * that finds its lane idle runs up to {@code maxActivities} of the queued pieces of work, one after
 * another, each under a savepoint and its partner's lock, in one database transaction with one
 * {@code COMMIT}, then delivers the events once. Every caller still gets its own receipt or
 * exception and returns once its work is durable. {@link #off()}, the default, runs each piece of
 * work in a transaction of its own. Immutable.
 *
 * @param lanes         how many groups may run at once (each on a connection of its own); 1 to 64
 * @param maxActivities the most pieces of work one transaction holds (1: no grouping); at most
 *                      {@value #MOST}, below PostgreSQL's cache of a transaction's subtransactions
 */
public record GroupCommit(int lanes, int maxActivities) {
  /** The most pieces of work one group holds. */
  public static final int MOST = 48;

  /**
   * Where to start when turning it on: 2 lanes (so both the JVM and the server have work while a
   * group waits for its commit, as on the 2 cores the engine's benchmark runs on) of at most 16
   * pieces of work. A group holds what queued in its lane while the one before ran, so more lanes
   * make smaller groups: with 8 threads, 2 lanes made groups of about 2 activities, 4 lanes of
   * about 1.1. Not the engine's default ({@link #off()} is): see docs/ENGINE.md for what it gained.
   */
  public static final GroupCommit TWO_LANES = new GroupCommit(2, 16);

  /** Validates. */
  public GroupCommit {
    if (lanes < 1 || lanes > 64) {
      throw new IllegalArgumentException("lanes must be 1 to 64, got " + lanes);
    }
    if (maxActivities < 1 || maxActivities > MOST) {
      throw new IllegalArgumentException("maxActivities must be 1 to " + MOST + ", got " + maxActivities);
    }
  }

  /** No grouping: each piece of work is a transaction of its own, committed by its own thread. */
  public static GroupCommit off() {
    return new GroupCommit(1, 1);
  }

  /** Whether work is grouped at all. */
  public boolean enabled() {
    return maxActivities > 1;
  }
}
