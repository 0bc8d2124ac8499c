package dev.loyalty.core.internal.recovery;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.RecoveryReport;
import dev.loyalty.core.internal.Completion;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.spi.JournalEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recovery capability: finishes every journal entry whose steps were interrupted, one at a
 * time under its partner's lock, and delivers what they add to the outbox. One entry that cannot
 * be finished does not stop the others: it is reported, and tried again at the next recovery.
 * Thread-safe.
 */
public final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final Journal journal;
  private final Completion completion;

  /** Recovers the entries of {@code journal}. */
  public Recovery(Journal journal, Completion completion) {
    this.journal = requireNonNull(journal, "journal");
    this.completion = requireNonNull(completion, "completion");
  }

  /** Finishes every interrupted activity; see {@code LoyaltyEngine.recover}. */
  public RecoveryReport recover() {
    List<ActivityId> finished = new ArrayList<>();
    Map<ActivityId, String> refused = new LinkedHashMap<>();
    Map<ActivityId, String> unfinished = new LinkedHashMap<>();
    for (JournalEntry e : journal.incomplete()) {
      ActivityId id = e.activity().id();
      try {
        Optional<Receipt> done = completion.forPartner(e.activity().partner(), () -> journal.find(id)
            .filter(current -> !current.complete()).map(completion::finish));
        done.ifPresent(r -> {
          if (r.status() == Receipt.Status.REFUSED) {
            refused.put(id, r.refusal().orElseThrow());
          } else {
            finished.add(id);
          }
        });
      } catch (RuntimeException failure) {
        LOG.warn("recovery could not finish activity {}; the next recovery tries again", id, failure);
        unfinished.put(id, failure.getMessage() != null ? failure.getMessage() : failure.toString());
      }
    }
    return new RecoveryReport(finished, refused, unfinished);
  }
}
