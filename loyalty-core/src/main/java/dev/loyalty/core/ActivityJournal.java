package dev.loyalty.core;

import dev.loyalty.core.model.ActivityId;
import java.util.List;
import java.util.Optional;

/**
 * The engine's record of every activity it has seen and the receipt it gave: what makes {@code
 * record} idempotent, what a return finds its invoice in, and what a restart resumes from. A host
 * that keeps its data in a database implements it there; {@link InMemoryActivityJournal} is the
 * default. Implementations must be thread-safe; the engine never saves two entries of one partner
 * at once.
 */
public interface ActivityJournal {

  /** The entry of {@code activity}, if any. */
  Optional<JournalEntry> find(ActivityId activity);

  /**
   * Inserts {@code entry} unless an entry with the same activity id exists, atomically.
   *
   * @return the existing entry, or empty if {@code entry} was inserted
   */
  Optional<JournalEntry> insertIfAbsent(JournalEntry entry);

  /** Replaces the entry with the same activity id, which must exist. */
  void update(JournalEntry entry);

  /** The entries of returns of {@code invoice}, in the order they were first saved. */
  List<JournalEntry> returnsOf(ActivityId invoice);

  /** The entries that are not complete. */
  List<JournalEntry> incomplete();
}
