package dev.loyalty.core.testing;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.JournalEntry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An in-memory journal that dies like a process would: the first update matching a condition
 * throws instead of being saved, as if the process stopped between the step before and the save.
 * It can also run something at that moment (another thread spending a budget, say) and then save.
 */
public final class CrashingJournal implements ActivityJournal {
  private final ActivityJournal delegate = ActivityJournal.inMemory();
  private final Predicate<JournalEntry> when;
  private final Consumer<JournalEntry> meanwhile;
  private final Mode mode;
  private final AtomicInteger left = new AtomicInteger(1);

  /** When the process dies, around the save that matches. */
  private enum Mode {
    BEFORE_SAVING, AFTER_SAVING, NOT_AT_ALL
  }

  private CrashingJournal(Predicate<JournalEntry> when, Consumer<JournalEntry> meanwhile, Mode mode) {
    this.when = when;
    this.meanwhile = meanwhile;
    this.mode = mode;
  }

  /** A journal whose first save matching {@code when} throws and saves nothing. */
  public static CrashingJournal crashingOnce(Predicate<JournalEntry> when) {
    return new CrashingJournal(when, e -> { }, Mode.BEFORE_SAVING);
  }

  /** A journal that saves the first entry matching {@code when} and then throws, before the next step. */
  public static CrashingJournal crashingOnceAfterSaving(Predicate<JournalEntry> when) {
    return new CrashingJournal(when, e -> { }, Mode.AFTER_SAVING);
  }

  /** A journal that runs {@code meanwhile} before it saves the first entry matching {@code when}. */
  public static CrashingJournal interruptedOnce(Predicate<JournalEntry> when, Consumer<JournalEntry> meanwhile) {
    return new CrashingJournal(when, meanwhile, Mode.NOT_AT_ALL);
  }

  private <T> T save(JournalEntry entry, java.util.function.Supplier<T> saving) {
    if (!when.test(entry) || left.getAndDecrement() <= 0) {
      return saving.get();
    }
    meanwhile.accept(entry);
    if (mode == Mode.BEFORE_SAVING) {
      throw new IllegalStateException("process killed while saving " + entry.activity().id());
    }
    T saved = saving.get();
    if (mode == Mode.AFTER_SAVING) {
      throw new IllegalStateException("process killed after saving " + entry.activity().id());
    }
    return saved;
  }

  @Override
  public Optional<JournalEntry> find(ActivityId activity) {
    return delegate.find(activity);
  }

  @Override
  public Optional<JournalEntry> insertIfAbsent(JournalEntry entry) {
    return save(entry, () -> delegate.insertIfAbsent(entry));
  }

  @Override
  public void update(JournalEntry entry) {
    save(entry, () -> {
      delegate.update(entry);
      return null;
    });
  }

  @Override
  public List<JournalEntry> returnsOf(ActivityId invoice) {
    return delegate.returnsOf(invoice);
  }

  @Override
  public List<JournalEntry> incomplete() {
    return delegate.incomplete();
  }

  @Override
  public void forEach(Consumer<JournalEntry> action) {
    delegate.forEach(action);
  }
}
