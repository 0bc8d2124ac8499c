package dev.loyalty.core.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.StoreFailureException;
import dev.loyalty.core.jdbc.GroupCommit;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partners' work in shared PostgreSQL transactions: the engine's group commit ({@link
 * GroupCommit}). A caller's work joins the queue of the least busy lane; the caller that finds its
 * lane without a leader leads: it takes its own work and up to {@code maxActivities - 1} queued
 * pieces, opens one {@link JdbcUnitOfWork.Group} and hands it, in the order of the partners' ids,
 * to each piece's own thread (which keeps its in-JVM partner lock and thread state), where the
 * piece runs as a member: its savepoint and its partner's advisory lock in one round trip, its
 * work, its deferred writes with the savepoint's release. Then it commits once, wakes every caller
 * with its own result or exception, and delivers the events once.
 *
 * <p>Failures: a piece that throws is rolled back to its savepoint and its caller gets the
 * exception; the others go on. A piece that failed for a reason a new try may cure (a deadlock, a
 * lost race, a lost connection), and every piece of a group whose commit failed that way (the
 * ledger's budget check, a lost connection), is run again in a later group, up to {@value
 * #ATTEMPTS} times: the work is idempotent and what was rolled back left nothing. Partners' locks
 * in a group are taken in the order of their ids, so two groups (in this or another instance) never
 * wait for each other's partners in a cycle; the database breaks any other cycle, and the piece it
 * picked is run again.
 *
 * <p>Thread-safe.
 */
public final class GroupTransactions extends DatabaseTransactions {
  private static final Logger LOG = LoggerFactory.getLogger(GroupTransactions.class);
  private static final int ATTEMPTS = 8;
  private static final AtomicLong GROUPS = new AtomicLong();
  private static final AtomicLong PIECES = new AtomicLong();
  /** Whether the thread was interrupted while it waited in a lane, to be set again when its piece settled. */
  private static final ThreadLocal<Boolean> INTERRUPTED = ThreadLocal.withInitial(() -> Boolean.FALSE);

  private final int maxActivities;
  private final Runnable afterGroup;
  private final List<Lane> lanes = new ArrayList<>();

  /**
   * Groups on {@code dataSource} as {@code settings} say, running {@code afterGroup} (the events'
   * delivery) once after each group that committed something.
   */
  public GroupTransactions(DataSource dataSource, GroupCommit settings, Runnable afterGroup) {
    super(dataSource);
    this.maxActivities = settings.maxActivities();
    this.afterGroup = requireNonNull(afterGroup, "afterGroup");
    for (int i = 0; i < settings.lanes(); i++) {
      lanes.add(new Lane());
    }
  }

  /** Groups committed and pieces of work they committed, in this JVM since it started (for benchmarks). */
  public record Totals(long groups, long pieces) {
    /** The mean pieces of work per group commit since {@code before} (0 without groups). */
    public double meanGroupSince(Totals before) {
      long g = groups - before.groups;
      return g == 0 ? 0 : (double) (pieces - before.pieces) / g;
    }
  }

  /** The totals so far, over every engine of this JVM. */
  public static Totals totals() {
    return new Totals(GROUPS.get(), PIECES.get());
  }

  @Override
  public <T> T run(PartnerId partner, Supplier<T> work) {
    requireNonNull(partner, "partner");
    requireNonNull(work, "work");
    if (JdbcUnitOfWork.current(dataSource).isPresent()) {
      // work inside work (another partner's, say): it joins the transaction it is in
      PartnerTransactions.lock(dataSource, partner);
      return work.get();
    }
    for (int attempt = 1; ; attempt++) {
      Piece<T> piece = new Piece<>(partner, work);
      leastBusy().submit(piece);
      if (piece.error != null) {
        throw piece.error;
      }
      if (piece.failure == null) {
        return piece.result;
      }
      if (!piece.rerun || attempt == ATTEMPTS) {
        throw piece.failure;
      }
      LOG.debug("work of partner {} rolled back ({}); running it again (attempt {})", partner,
          piece.failure.getMessage(), attempt + 1);
      Database.backOff(attempt);
    }
  }

  private Lane leastBusy() {
    Lane best = lanes.get(0);
    int least = Integer.MAX_VALUE;
    for (Lane lane : lanes) {
      int load = lane.load();
      if (load < least) {
        best = lane;
        least = load;
      }
    }
    return best;
  }


  @Override
  public boolean deliversAfterCommit() {
    return true;
  }

  /** Where a piece of work is. */
  private enum State { QUEUED, GROUPED, TURN, RAN, SETTLED }

  /** One caller's work and, once settled, its outcome. Guarded by its lane's monitor. */
  private static final class Piece<T> {
    final PartnerId partner;
    final Supplier<T> work;
    State state = State.QUEUED;
    JdbcUnitOfWork.Group group;
    T result;
    RuntimeException failure;
    Error error;
    boolean rerun;
    boolean ran;

    Piece(PartnerId partner, Supplier<T> work) {
      this.partner = partner;
      this.work = work;
    }

    /** Runs the work as a member of {@code in}, on the calling thread (the caller's own). */
    void runIn(JdbcUnitOfWork.Group in) {
      try {
        result = in.run(PartnerLock.of(partner), work);
        ran = true;
      } catch (RuntimeException e) {
        failure = e;
        rerun = PartnerLock.isTransient(e);
      } catch (Error e) {
        error = e;
      }
    }

    /** The group's commit failed with {@code e}: a piece that ran is not committed. */
    void commitFailed(RuntimeException e) {
      if (ran) {
        ran = false;
        result = null;
        failure = e;
        rerun = PartnerLock.isTransient(e);
      }
    }
  }

  /** A queue of pieces and at most one group running from it. */
  private final class Lane {
    private final ArrayDeque<Piece<?>> queue = new ArrayDeque<>();
    private boolean leading;


    synchronized int load() {
      return queue.size() + (leading ? 1 : 0);
    }

    /** Returns once {@code piece} is settled: committed, failed, or to run again. */
    void submit(Piece<?> piece) {
      List<Piece<?>> group = null;
      synchronized (this) {
        queue.add(piece);
        while (group == null && piece.state != State.TURN && piece.state != State.SETTLED) {
          if (!leading && piece.state == State.QUEUED) {
            leading = true;
            group = take(piece);
          } else {
            await();
          }
        }
      }
      if (group != null) {
        lead(piece, group);
      } else if (piece.state == State.TURN) {
        follow(piece);
      }
      if (INTERRUPTED.get()) {
        INTERRUPTED.remove();
        Thread.currentThread().interrupt();
      }
    }

    /** Runs {@code piece}'s turn in the group its leader handed it, then waits for the group to settle. */
    private void follow(Piece<?> piece) {
      piece.runIn(piece.group);
      synchronized (this) {
        piece.state = State.RAN;
        notifyAll();
        while (piece.state != State.SETTLED) {
          await();
        }
      }
    }

    /** {@code leader}'s piece and the queue's first others, up to the cap, in the order of their partners. */
    private List<Piece<?>> take(Piece<?> leader) {
      queue.remove(leader);
      List<Piece<?>> group = new ArrayList<>();
      group.add(leader);
      while (group.size() < maxActivities && !queue.isEmpty()) {
        group.add(queue.poll());
      }
      group.forEach(p -> p.state = State.GROUPED);
      group.sort(Comparator.comparing(p -> p.partner.value()));
      return group;
    }

    private void lead(Piece<?> own, List<Piece<?>> pieces) {
      boolean committed = false;
      try {
        committed = runGroup(own, pieces);
      } finally {
        if (!committed) {
          // whatever ended the group (an Error say), a piece that ran is not committed and must not say so
          StoreFailureException lost = new StoreFailureException("the group of work did not commit", null, true);
          pieces.forEach(p -> p.commitFailed(lost));
        }
        synchronized (this) {
          pieces.forEach(p -> p.state = State.SETTLED);
          leading = false;
          notifyAll();
        }
      }
      if (committed) {
        afterGroup.run();
      }
    }

    /** Runs the pieces in one group and commits it: whether anything was committed. */
    private boolean runGroup(Piece<?> own, List<Piece<?>> pieces) {
      JdbcUnitOfWork.Group group;
      try {
        group = JdbcUnitOfWork.Group.open(dataSource);
      } catch (RuntimeException e) {
        pieces.forEach(p -> {
          p.failure = e;
          p.rerun = PartnerLock.isTransient(e);
        });
        return false;
      }
      try {
        for (Piece<?> piece : pieces) {
          if (piece == own) {
            piece.runIn(group);
          } else {
            handOver(piece, group);
          }
        }
        if (group.members() == 0) {
          return false;
        }
        try {
          group.commit();
        } catch (RuntimeException e) {
          pieces.forEach(p -> p.commitFailed(e));
          return false;
        }
        GROUPS.incrementAndGet();
        PIECES.addAndGet(group.members());
        return true;
      } finally {
        group.close();
      }
    }

    private void handOver(Piece<?> piece, JdbcUnitOfWork.Group group) {
      synchronized (this) {
        piece.group = group;
        piece.state = State.TURN;
        notifyAll();
        while (piece.state != State.RAN) {
          await();
        }
      }
    }

    /**
     * Waits on this lane's monitor. An interrupt does not end the wait (a group that others wait
     * for, or a commit under way, must not be abandoned); it is noted and set again once the
     * caller's piece has settled.
     */
    private void await() {
      try {
        wait();
      } catch (InterruptedException e) {
        INTERRUPTED.set(Boolean.TRUE);
      }
    }
  }
}
