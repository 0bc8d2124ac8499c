package dev.loyalty.core.simulation.internal;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.JournalEntry;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The journal of a lean simulation ({@code Simulator.lean()}): in memory, and once an activity is
 * complete its receipt is kept without the rules' decisions, the "applied" and "not applied"
 * sentences that only a person reading that receipt needs and that are about a third of what a run
 * keeps per activity. Everything the engine reads back (the activity, the status, the awards with
 * their rules and campaigns, the holds, the returns) is kept as it was, so the figures are the same;
 * {@code record} still returns the whole receipt. Not for hosts: it keeps less than it is given.
 */
public final class LeanJournal implements ActivityJournal {
  private final ActivityJournal store = ActivityJournal.inMemory();

  @Override
  public Optional<JournalEntry> find(ActivityId activity) {
    return store.find(activity);
  }

  @Override
  public Optional<JournalEntry> insertIfAbsent(JournalEntry entry) {
    return store.insertIfAbsent(entry);
  }

  @Override
  public void update(JournalEntry entry) {
    store.update(entry.complete() ? lean(entry) : entry);
  }

  @Override
  public List<JournalEntry> returnsOf(ActivityId invoice) {
    return store.returnsOf(invoice);
  }

  @Override
  public List<JournalEntry> incomplete() {
    return store.incomplete();
  }

  @Override
  public void forEach(Consumer<JournalEntry> action) {
    store.forEach(action);
  }

  private static JournalEntry lean(JournalEntry entry) {
    Receipt r = entry.receipt();
    if (r.decisions().isEmpty()) {
      return entry;
    }
    Receipt kept = new Receipt(r.activity(), r.status(), r.recordedAt(), r.awards(), r.returns(), r.shortfalls(),
        List.of(), r.badges(), r.riskFlags(), r.qualifications(), r.tierChanges(), r.transaction(), r.holds(),
        r.refusal());
    return new JournalEntry(entry.activity(), kept, entry.complete(), entry.attempt());
  }
}
