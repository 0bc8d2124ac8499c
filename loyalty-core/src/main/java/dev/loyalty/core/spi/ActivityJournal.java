package dev.loyalty.core.spi;

import dev.loyalty.core.model.ActivityId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine's record of every activity it has seen and the receipt it gave: what makes {@code
 * record} idempotent, what a return finds its invoice in, and what a restart resumes from. A host
 * that keeps its data in a database implements it there; {@link #inMemory()} keeps it for the life
 * of the JVM, and {@code dev.loyalty.core.jdbc.JdbcActivityJournal} in PostgreSQL.
 *
 * <p>Contract (the abstract {@code ActivityJournalContract} in core's test-jar checks it):
 * implementations are thread-safe; {@link #insertIfAbsent} is atomic, also against writers in other
 * processes sharing the journal (of concurrent inserts of one id exactly one succeeds); an entry is
 * read back equal to what was saved; returns of an invoice come in the order they were first filed,
 * whatever updates follow. The engine never saves two entries of one partner at once. No method
 * accepts or returns null.
 */
public interface ActivityJournal {

  /** A journal that keeps its entries in memory. */
  static ActivityJournal inMemory() {
    return new InMemoryActivityJournal();
  }

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

  /**
   * Hands every entry, complete or not, to {@code action}, in no particular order: one pass over
   * the journal for reports ({@code engine.insights()}). An entry filed or updated while the pass
   * runs may be seen as it was before or after; every entry filed before the call is seen once.
   * A store in a database streams the entries rather than loading them all at once.
   */
  void forEach(Consumer<JournalEntry> action);
}
