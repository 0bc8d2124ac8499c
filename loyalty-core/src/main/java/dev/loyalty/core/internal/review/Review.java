package dev.loyalty.core.internal.review;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.UnknownActivityException;
import dev.loyalty.core.internal.Completion;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.spi.JournalEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review capability: a reviewer approves or rejects an activity that risk rules (or the
 * program's points ceiling) held for review. The decision is filed in the journal first, then
 * {@link ReviewHolds} posts or releases the activity's holds and the entry is finished as any
 * other: an approved activity counts in figures and tiers as of its own date. Thread-safe.
 */
public final class Review {
  private static final Logger LOG = LoggerFactory.getLogger(Review.class);

  private final Journal journal;
  private final Completion completion;

  /** Reviews activities in {@code journal}. */
  public Review(Journal journal, Completion completion) {
    this.journal = requireNonNull(journal, "journal");
    this.completion = requireNonNull(completion, "completion");
  }

  /** Approves ({@code approve}) or rejects activity {@code id}; see {@code LoyaltyEngine.approve}. */
  public Receipt decide(ActivityId id, String reviewer, boolean approve) {
    requireNonNull(id, "activity");
    requireNonNull(reviewer, "reviewer");
    if (reviewer.isBlank()) {
      throw new IllegalArgumentException("reviewer must not be blank");
    }
    JournalEntry filed = journal.find(id).orElseThrow(() -> new UnknownActivityException("activity " + id
        + " was not recorded"));
    return completion.forPartner(filed.activity().partner(), () -> {
      JournalEntry entry = journal.find(id).orElseThrow();
      if (!entry.complete()) {
        completion.finish(entry); // holds whose opening was interrupted, or a decision interrupted
        entry = journal.find(id).orElseThrow();
      }
      if (entry.receipt().status() != Receipt.Status.IN_REVIEW) {
        throw new UnknownActivityException("activity " + id + " is not in review; it is "
            + entry.receipt().status());
      }
      if (entry.activity().member().filter(m -> m.value().equals(reviewer)).isPresent()) {
        throw new InvalidActivityException("member " + reviewer + " reported activity " + id
            + " and cannot review it; another person must");
      }
      Receipt r = entry.receipt();
      JournalEntry decided = journal.save(entry.planned(r.withAwards(approve ? Receipt.Status.RECORDED
          : Receipt.Status.REJECTED, r.awards())));
      LOG.info("activity {} {} by {}", id, approve ? "approved" : "rejected", reviewer);
      return completion.finish(decided);
    });
  }
}
