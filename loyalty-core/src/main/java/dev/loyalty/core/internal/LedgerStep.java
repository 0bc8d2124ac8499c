package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.spi.JournalEntry;
import java.util.List;

/**
 * The ledger part of finishing one kind of journal entry (an earning's transfer, a review's holds,
 * a return's take-back). Each capability that writes to the ledger provides one; {@link Completion}
 * runs it first. It must be idempotent: the commands it writes are built from the entry alone,
 * under keys derived from the activity, so running it again after a crash replays them.
 */
@FunctionalInterface
public interface LedgerStep {

  /** A step for entries that write nothing. */
  LedgerStep NOTHING = entry -> new Written(entry, List.of());

  /**
   * Writes the entry's commands, saving progress to the journal as it goes.
   *
   * @return what was written, or why the ledger refused it for good
   * @throws RuntimeException for anything a retry may cure (a store that is down); the entry then
   *                          stays incomplete for {@code recover()}
   */
  Result write(JournalEntry entry);

  /** What a step came to. */
  sealed interface Result {
    /** The entry as it stands after the step. */
    JournalEntry entry();
  }

  /**
   * Written (or nothing to write).
   *
   * @param entry  with what was written (transaction, holds); never null
   * @param events what the writes tell listeners; never null
   */
  record Written(JournalEntry entry, List<LoyaltyEvent> events) implements Result {
    public Written {
      requireNonNull(entry, "entry");
      events = List.copyOf(requireNonNull(events, "events"));
    }
  }

  /**
   * Refused by the ledger for a reason no retry changes; nothing of it stays written.
   *
   * @param entry  never null
   * @param reason the ledger's message; never null
   */
  record Refused(JournalEntry entry, String reason) implements Result {
    public Refused {
      requireNonNull(entry, "entry");
      requireNonNull(reason, "reason");
    }
  }
}
