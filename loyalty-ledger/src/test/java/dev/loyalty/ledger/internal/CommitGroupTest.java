package dev.loyalty.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.StoreTransaction;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit over a store that records what it was asked to write: a lone unit is written
 * alone, units that queue behind a write in progress are written together, and every thread gets
 * its own unit's result or failure, also when the grouped write fails as a whole.
 */
class CommitGroupTest {

  /** A store that records calls; its writes run the works with no transaction (they ignore it). */
  private static final class RecordingStore {
    final List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
    final List<String> alone = Collections.synchronizedList(new ArrayList<>());
    volatile boolean failGroups;
    volatile CountDownLatch holdFirstWrite = new CountDownLatch(0);
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);

    @SuppressWarnings("unchecked")
    LedgerStore store() {
      return (LedgerStore) Proxy.newProxyInstance(LedgerStore.class.getClassLoader(), new Class<?>[] {LedgerStore.class},
          (proxy, method, args) -> switch (method.getName()) {
            case "write" -> {
              Function<StoreTransaction, Object> work = (Function<StoreTransaction, Object>) args[0];
              firstWriteStarted.countDown();
              holdFirstWrite.await(10, TimeUnit.SECONDS);
              Object result = work.apply(null);
              alone.add(String.valueOf(result));
              yield result;
            }
            case "writeEach" -> {
              List<Function<StoreTransaction, Object>> works = (List<Function<StoreTransaction, Object>>) args[0];
              groupSizes.add(works.size());
              if (failGroups) {
                throw new IllegalStateException("the group's transaction failed");
              }
              List<Object> results = new ArrayList<>();
              for (Function<StoreTransaction, Object> work : works) {
                results.add(work.apply(null));
              }
              yield results;
            }
            case "toString" -> "RecordingStore";
            default -> throw new UnsupportedOperationException(method.getName());
          });
    }
  }

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void aUnitThatFindsNobodyWritingIsWrittenAloneAtOnce() {
    RecordingStore recording = new RecordingStore();
    CommitGroup<String> group = new CommitGroup<>(recording.store());

    assertThat(group.write(tx -> "one")).isEqualTo("one");
    assertThat(group.write(tx -> "two")).isEqualTo("two");

    assertThat(recording.alone).containsExactly("one", "two");
    assertThat(recording.groupSizes).isEmpty();
  }

  @Test
  void unitsThatQueueBehindAWriteAreWrittenTogetherAndEachGetsItsOwnResult() throws Exception {
    HeldWrite held = new HeldWrite(false);
    List<Future<String>> others = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String name = "unit-" + i;
      others.add(held.queue(tx -> name));
    }
    held.awaitQueued(5);
    held.release();

    for (int i = 0; i < 5; i++) {
      assertThat(others.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("unit-" + i);
    }
    assertThat(held.recording.alone).containsExactly("first");
    assertThat(held.recording.groupSizes).containsExactly(5);
  }

  @Test
  void whenTheGroupFailsEachUnitIsWrittenAloneAndOnlyItsOwnFailureReachesItsThread() throws Exception {
    HeldWrite held = new HeldWrite(true);
    Future<String> fine = held.queue(tx -> "fine");
    Future<String> broken = held.queue(tx -> {
      throw new IllegalArgumentException("this unit is broken");
    });
    held.awaitQueued(2);
    held.release();

    assertThat(fine.get(10, TimeUnit.SECONDS)).isEqualTo("fine");
    assertThatThrownBy(() -> broken.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("this unit is broken");
    assertThat(held.recording.groupSizes).containsExactly(2);
    assertThat(held.recording.alone).containsExactlyInAnyOrder("first", "fine");
  }

  @Test
  void anInterruptedThreadWritesItsGroupUndisturbedAndKeepsItsInterruptStatus() throws Exception {
    RecordingStore recording = new RecordingStore();
    CommitGroup<String> group = new CommitGroup<>(recording.store());

    // the fake store's write waits on a latch, which throws at once for an interrupted thread
    Future<String> result = threads.submit(() -> {
      Thread.currentThread().interrupt();
      return withInterruptStatus(group.write(tx -> "mine"));
    });

    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("mine, interrupted");
    assertThat(recording.alone).containsExactly("mine");
  }

  @Test
  void aWaitingThreadThatIsInterruptedStillGetsItsResultAndKeepsItsInterruptStatus() throws Exception {
    HeldWrite held = new HeldWrite(false);
    Future<String> interrupted = held.queue(tx -> "mine");
    held.awaitQueued(1);
    held.queued.get(0).interrupt();
    held.release();

    assertThat(interrupted.get(10, TimeUnit.SECONDS)).isEqualTo("mine, interrupted");
  }

  private static String withInterruptStatus(String result) {
    return result + (Thread.currentThread().isInterrupted() ? ", interrupted" : "");
  }

  /** A group whose first unit, "first", is being written (the fake store holds it) while others queue. */
  private final class HeldWrite {
    final RecordingStore recording = new RecordingStore();
    final CommitGroup<String> group = new CommitGroup<>(recording.store());
    final List<Thread> queued = Collections.synchronizedList(new ArrayList<>());
    private final Future<String> first;

    HeldWrite(boolean failGroups) throws InterruptedException {
      recording.holdFirstWrite = new CountDownLatch(1);
      recording.failGroups = failGroups;
      first = threads.submit(() -> group.write(tx -> "first"));
      recording.firstWriteStarted.await(10, TimeUnit.SECONDS);
    }

    /** Submits {@code work} from a new thread; its result says whether the thread ends interrupted. */
    Future<String> queue(Function<StoreTransaction, String> work) {
      return threads.submit(() -> {
        queued.add(Thread.currentThread());
        return withInterruptStatus(group.write(work));
      });
    }

    void awaitQueued(int count) throws InterruptedException {
      awaitWaiting(queued, count);
    }

    /** Lets the first write finish, and checks its own result. */
    void release() throws Exception {
      recording.holdFirstWrite.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
    }
  }

  /** Until {@code count} threads have queued and wait on the group's monitor. */
  private static void awaitWaiting(List<Thread> queued, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      synchronized (queued) {
        if (queued.size() == count && queued.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
          return;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the threads did not queue: " + queued);
  }
}
