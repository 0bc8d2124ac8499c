package dev.loyalty.core.testing;

import dev.loyalty.core.ActivityJournal;
import dev.loyalty.core.InMemoryActivityJournal;
import dev.loyalty.core.JournalEntry;
import dev.loyalty.core.model.ActivityId;
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
  private final InMemoryActivityJournal delegate = new InMemoryActivityJournal();
  private final Predicate<JournalEntry> when;
  private final Consumer<JournalEntry> meanwhile;
  private final boolean crash;
  private final AtomicInteger left = new AtomicInteger(1);

  private CrashingJournal(Predicate<JournalEntry> when, Consumer<JournalEntry> meanwhile, boolean crash) {
    this.when = when;
    this.meanwhile = meanwhile;
    this.crash = crash;
  }

  /** A journal whose first update matching {@code when} throws and saves nothing. */
  public static CrashingJournal crashingOnce(Predicate<JournalEntry> when) {
    return new CrashingJournal(when, e -> { }, true);
  }

  /** A journal that runs {@code meanwhile} before it files the first entry matching {@code when}. */
  public static CrashingJournal interruptedOnce(Predicate<JournalEntry> when, Consumer<JournalEntry> meanwhile) {
    return new CrashingJournal(when, meanwhile, false);
  }

  private void maybe(JournalEntry entry) {
    if (when.test(entry) && left.getAndDecrement() > 0) {
      meanwhile.accept(entry);
      if (crash) {
        throw new IllegalStateException("process killed while saving " + entry.activity().id());
      }
    }
  }

  @Override
  public Optional<JournalEntry> find(ActivityId activity) {
    return delegate.find(activity);
  }

  @Override
  public Optional<JournalEntry> insertIfAbsent(JournalEntry entry) {
    maybe(entry);
    return delegate.insertIfAbsent(entry);
  }

  @Override
  public void update(JournalEntry entry) {
    maybe(entry);
    delegate.update(entry);
  }

  @Override
  public List<JournalEntry> returnsOf(ActivityId invoice) {
    return delegate.returnsOf(invoice);
  }

  @Override
  public List<JournalEntry> incomplete() {
    return delegate.incomplete();
  }
}
