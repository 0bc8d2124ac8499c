package dev.loyalty.core.internal.recording;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.ActivityRefusedException;
import dev.loyalty.core.DuplicateActivityException;
import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.claims.ClaimFacts;
import dev.loyalty.core.internal.Completion;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.internal.returns.Returns;
import dev.loyalty.core.internal.review.Review;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.spi.JournalEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The recording capability: an activity in, its receipt out. Checks the activity, returns the
 * stored receipt of an activity seen before (finishing it if it was interrupted), plans a new one
 * (a return through {@link Returns}, anything else through {@link EarningPlan}), files the plan in
 * the journal before anything else is written, and finishes it. Activities of one partner are
 * recorded one at a time. Thread-safe.
 */
public final class Recording {
  private final Clock clock;
  private final ActivityChecks checks;
  private final EarningPlan earning;
  private final Returns returns;
  private final Journal journal;
  private final Completion completion;

  /** Records activities on {@code clock}'s "now". */
  public Recording(Clock clock, ActivityChecks checks, EarningPlan earning, Returns returns, Journal journal,
      Completion completion) {
    this.clock = requireNonNull(clock, "clock");
    this.checks = requireNonNull(checks, "checks");
    this.earning = requireNonNull(earning, "earning");
    this.returns = requireNonNull(returns, "returns");
    this.journal = requireNonNull(journal, "journal");
    this.completion = requireNonNull(completion, "completion");
  }

  /**
   * Records {@code activity}; see {@code LoyaltyEngine.record}.
   *
   * @throws ActivityRefusedException if the ledger refuses its points for good (now or before)
   */
  public Receipt record(Activity activity) {
    requireNonNull(activity, "activity");
    if (activity.id().value().startsWith(Review.CLAIM_PREFIX)) {
      throw new InvalidActivityException("activity ids starting with '" + Review.CLAIM_PREFIX
          + "' are the activities of claims; submit a claim instead of recording " + activity.id());
    }
    Receipt receipt = write(activity, Optional.empty(), planned -> { });
    if (receipt.status() == Receipt.Status.REFUSED) {
      throw new ActivityRefusedException("activity " + activity.id() + " was refused by the ledger and nothing was "
          + "posted: " + receipt.refusal().orElseThrow());
    }
    return receipt;
  }

  /**
   * Records the activity a claim became, with the claim's risk facts for the rules. {@code
   * beforeWrite} sees the planned receipt before anything is written (nothing is when it throws);
   * an activity recorded before is replayed without it. A receipt the ledger refused is returned
   * as {@code REFUSED}, not thrown.
   */
  public Receipt recordClaim(Activity activity, ClaimFacts facts, Consumer<Receipt> beforeWrite) {
    requireNonNull(activity, "activity");
    requireNonNull(facts, "facts");
    requireNonNull(beforeWrite, "beforeWrite");
    return write(activity, Optional.of(facts), beforeWrite);
  }

  /** What recording {@code activity} would plan now, with a claim's facts if any; writes nothing. */
  public Receipt dryRun(Activity activity, Optional<ClaimFacts> facts) {
    requireNonNull(activity, "activity");
    return completion.forPartner(activity.partner(), () -> plan(activity, facts));
  }

  private Receipt write(Activity activity, Optional<ClaimFacts> facts, Consumer<Receipt> beforeWrite) {
    // the plan reads the partner's and the member's state first: a database may read it with the lock
    List<ParticipantId> participants = new ArrayList<>(2);
    participants.add(activity.partner());
    activity.member().ifPresent(participants::add);
    return completion.forPartner(activity.partner(), participants, () -> {
      Optional<JournalEntry> seen = journal.find(activity.id());
      if (seen.isPresent()) {
        return replay(seen.get(), activity);
      }
      Receipt plan = plan(activity, facts);
      beforeWrite.accept(plan);
      JournalEntry planned = new JournalEntry(activity, plan, false, 0);
      Optional<JournalEntry> raced = journal.file(planned);
      // Another partner's activity with the same id got in first (it held another lock).
      return raced.isPresent() ? replay(raced.get(), activity) : completion.finish(planned);
    });
  }

  private Receipt replay(JournalEntry entry, Activity activity) {
    if (!entry.activity().equals(activity)) {
      throw new DuplicateActivityException("activity " + activity.id() + " was recorded before with different content ("
          + entry.activity().kind() + " of partner " + entry.activity().partner() + " at "
          + entry.activity().occurredAt() + "); a new activity needs a new id");
    }
    return entry.complete() ? entry.receipt() : completion.finish(entry);
  }

  private Receipt plan(Activity activity, Optional<ClaimFacts> facts) {
    Instant now = clock.instant();
    checks.notInFuture(activity, now);
    Partner partner = checks.activePartner(activity.partner(), "activity " + activity.id());
    Optional<Member> member = activity.member().map(id -> checks.activeMember(id, partner, activity));
    if (activity instanceof SaleReturn r) {
      return returns.plan(r, now);
    }
    return earning.plan(activity, partner, member, now, facts);
  }
}
