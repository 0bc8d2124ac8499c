package dev.loyalty.core.event;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.spi.StoredEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox to named listeners, each from its own position. A listener that throws
 * stops at that event and gets it again at the next delivery; the others go on.
 *
 * <p>Thread-safe; one thread delivers at a time (so each listener is called by one thread at a time,
 * in outbox order). A delivery is a <em>turn</em>: every listener is handed everything after its
 * position, page by page, until a page comes back short. After its work a thread calls {@link
 * #deliverSoon()}: if no one is delivering it takes a turn itself, so a host that records from one
 * thread has its listeners called before the call returns; if another thread is delivering it
 * leaves a note and returns at once. Whoever ends a turn and finds a note (someone appended while it
 * delivered) hands the next turns to this dispatcher's own thread ({@code loyalty-events-N}, started
 * when first needed and stopped after a second idle), which takes turns while notes keep coming. So
 * no event appended before a {@code deliverSoon()} waits for a later call, and no caller ever takes
 * more than one turn: under steady concurrent work a recording thread is not held delivering the
 * others' events. {@link #deliver()} waits for a turn in progress and then takes one: what was
 * appended before it was called has been handed to every listener when it returns.
 *
 * <p>A listener's position goes to the outbox with its next page ({@link
 * EventOutbox#advanceAndPending}: one step per page, not two), so between deliveries the outbox's
 * position of a listener trails what it was handed by up to one page; {@link #deliver()} writes
 * every position before it returns. So delivery is at least once: a dispatcher dropped without a
 * {@link #deliver()} (a crash, a host that stops without flushing) leaves each listener's last page
 * to be handed again by the next dispatcher over the outbox, never more and never skipping an
 * event; one that was flushed before it was dropped leaves nothing to hand twice. Another instance
 * delivering under the same name may also be handed a page this one handed and has not written yet.
 */
public final class EventDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
  private static final int PAGE = 256;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final EventOutbox outbox;
  private final Map<String, LoyaltyListener> listeners;
  private final ReentrantLock delivering = new ReentrantLock();
  /** Set by every caller before it tries to deliver, cleared by the turn that starts after it. */
  private final AtomicBoolean missed = new AtomicBoolean();
  /** Whether the dispatcher's thread has a run of turns queued that has not started yet. */
  private final AtomicBoolean handedOn = new AtomicBoolean();
  private final ThreadPoolExecutor thread;
  /**
   * Per listener, the position it has handled up to that the outbox does not have yet: sent with its
   * next page, or by {@link #deliver()}. Only the thread holding {@link #delivering} touches it.
   */
  private final Map<String, Long> unwritten = new HashMap<>();

  /** Delivers {@code outbox} to {@code listeners} (name to listener; the name keys its position). */
  public EventDispatcher(EventOutbox outbox, Map<String, LoyaltyListener> listeners) {
    this.outbox = requireNonNull(outbox, "outbox");
    this.listeners = new LinkedHashMap<>(requireNonNull(listeners, "listeners"));
    this.thread = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "loyalty-events-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    thread.allowCoreThreadTimeOut(true);
  }

  /**
   * Delivers everything appended before this call to every listener, waiting for a delivery in
   * progress first (a host's scheduled call, a flush before shutdown), and writes every listener's
   * position to the outbox.
   *
   * @return how many deliveries this call made (events times listeners)
   * @throws RuntimeException what the outbox threw; the events wait for the next delivery
   */
  public int deliver() {
    if (listeners.isEmpty()) {
      return 0;
    }
    delivering.lock();
    return turnAndHandOn(true);
  }

  /**
   * Takes a turn now if no thread is delivering; otherwise leaves it to the delivering thread and
   * returns at once. Never takes more than one turn: what others appended meanwhile goes to the
   * dispatcher's thread.
   *
   * @return how many deliveries this call made (0 when another thread delivers for it)
   * @throws RuntimeException what the outbox threw; the events wait for the next delivery
   */
  public int deliverSoon() {
    if (listeners.isEmpty()) {
      return 0;
    }
    // The note goes before the try: a holder checks for it only after unlocking, so either this
    // thread gets the lock or the holder, unlocking after this failed try, sees the note.
    missed.set(true);
    return delivering.tryLock() ? turnAndHandOn(false) : 0;
  }

  /**
   * With the lock held: a turn (and if {@code write}, the positions written), then the lock released
   * and a note left during the turn handed on (also when the turn failed: a note-leaver relies on it).
   */
  private int turnAndHandOn(boolean write) {
    try {
      missed.set(false);
      int delivered = turn();
      if (write) {
        writePositions();
      }
      return delivered;
    } finally {
      delivering.unlock();
      handOnIfMissed();
    }
  }

  /** After a turn: a note left during it goes to the dispatcher's thread, not to another turn here. */
  private void handOnIfMissed() {
    if (missed.get() && handedOn.compareAndSet(false, true)) {
      thread.execute(this::turnsWhileMissed);
    }
  }

  /**
   * The dispatcher's thread: turns while notes keep coming. It leaves the lock to a thread waiting in
   * {@link #deliver()} (which hands on again if a note is left after its turn), and stops when
   * another thread holds it (which checks for notes after its turn).
   */
  private void turnsWhileMissed() {
    handedOn.set(false);
    while (missed.get() && !delivering.hasQueuedThreads() && delivering.tryLock()) {
      try {
        missed.set(false);
        turn();
      } catch (RuntimeException e) {
        LOG.warn("events could not be delivered now; they are delivered at the next delivery", e);
      } finally {
        delivering.unlock();
      }
    }
  }

  /**
   * Pages through the outbox for every listener while some listener got a full page (a shorter one
   * means it has caught up; events appended since come with a note).
   */
  private int turn() {
    int delivered = 0;
    boolean more = true;
    while (more) {
      more = false;
      for (Map.Entry<String, LoyaltyListener> e : listeners.entrySet()) {
        Page page = deliverTo(e.getKey(), e.getValue());
        delivered += page.delivered();
        more |= page.full() && page.delivered() > 0;
      }
    }
    return delivered;
  }

  /**
   * Writes the positions the outbox does not have yet. One that another instance delivering under
   * the same name has moved past already stays where it is.
   */
  private void writePositions() {
    for (var it = unwritten.entrySet().iterator(); it.hasNext();) {
      Map.Entry<String, Long> e = it.next();
      try {
        outbox.advance(e.getKey(), e.getValue());
      } catch (IllegalArgumentException refused) {
        if (outbox.position(e.getKey()) < e.getValue()) {
          throw refused;
        }
      }
      it.remove();
    }
  }

  /** What one page did for one listener. */
  private record Page(int delivered, boolean full) {
  }

  /**
   * Delivers one page to {@code listener} (what comes after its position, read in one step with the
   * position it reached before, if the outbox does not have that yet: {@link
   * EventOutbox#advanceAndPending}) and keeps the position it reaches now (after the page, or after
   * the last event it took, if it failed) to send with its next page: a crash in between hands it
   * the page's events again, which at-least-once allows.
   */
  private Page deliverTo(String name, LoyaltyListener listener) {
    int delivered = 0;
    Long owed = unwritten.get(name);
    List<StoredEvent> page = owed == null ? outbox.pending(name, PAGE) : outbox.advanceAndPending(name, owed, PAGE);
    unwritten.remove(name);
    if (page.isEmpty()) {
      return new Page(0, false);
    }
    // positions have no gaps, so the consumer's is the one before the page's first
    long position = page.get(0).position() - 1;
    long handled = position;
    for (StoredEvent stored : page) {
      try {
        listener.onEvent(stored.event());
      } catch (Exception | AssertionError failure) {
        LOG.warn("listener {} failed on event {} at outbox position {}; it gets the event again at the next delivery",
            name, stored.event().id(), stored.position(), failure);
        break;
      }
      handled = stored.position();
      delivered++;
    }
    if (handled > position) {
      unwritten.put(name, handled);
    }
    return new Page(delivered, page.size() == PAGE);
  }
}
