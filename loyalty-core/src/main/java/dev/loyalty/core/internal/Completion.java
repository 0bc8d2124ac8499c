package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.TierChange;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes a planned journal entry: the steps after the plan, each idempotent, in an order that
 * makes a crash anywhere recoverable by running them again. The ledger first (the capability's
 * {@link LedgerStep}), then the figures and the earned points (each activity, and each step of its
 * points, applied to a participant at most once), then the tiers (their events appended before the
 * standing is saved), then the badges (each filed at most once), then the entry's events,
 * and the journal entry completed last. Recording, review and recovery all finish entries here.
 * Callers run it as the activity's partner's work ({@link #forPartner}). Where every store shares
 * one database that work is one transaction, so the steps commit together and a crash leaves none
 * of them; elsewhere the order makes a crash anywhere recoverable. Thread-safe.
 */
public final class Completion {
  private static final Logger LOG = LoggerFactory.getLogger(Completion.class);

  private final Journal journal;
  private final Events events;
  private final ParticipantFigures figures;
  private final TierKeeper tiers;
  private final Badges badges;
  private final PartnerWork work;
  private final Function<JournalEntry, LedgerStep> steps;
  /** Set while a partner's work runs again with the ledger first, after a refusal (see {@link #forPartner}). */
  private final ThreadLocal<Boolean> ledgerFirst = ThreadLocal.withInitial(() -> Boolean.FALSE);

  /**
   * Finishes entries with the ledger step {@code steps} gives for each (by its status and what it
   * holds).
   */
  public Completion(Journal journal, Events events, ParticipantFigures figures, TierKeeper tiers, Badges badges,
      PartnerWork work, Function<JournalEntry, LedgerStep> steps) {
    this.journal = requireNonNull(journal, "journal");
    this.events = requireNonNull(events, "events");
    this.figures = requireNonNull(figures, "figures");
    this.tiers = requireNonNull(tiers, "tiers");
    this.badges = requireNonNull(badges, "badges");
    this.work = requireNonNull(work, "work");
    this.steps = requireNonNull(steps, "steps");
  }

  /**
   * Runs {@code steps} as {@code partner}'s work (its lock, which {@link #finish} needs, and, where
   * the stores share a database, one transaction), then delivers what it added to the outbox: how
   * every capability that finishes entries does its work.
   */
  public <T> T forPartner(PartnerId partner, Supplier<T> steps) {
    return forPartner(partner, List.of(), steps);
  }

  /**
   * As {@link #forPartner(PartnerId, Supplier)}, for steps that read {@code participants}' state
   * first (an activity's partner and member), which the transaction may read with the partner's lock.
   */
  public <T> T forPartner(PartnerId partner, List<ParticipantId> participants, Supplier<T> steps) {
    T result;
    try {
      result = work.forPartner(partner, participants, steps);
    } catch (CountedBeforeARefusal rolledBack) {
      // the ledger refused an entry whose figures were counted first: run the work again with the
      // ledger first, as the staged order does, so that a refusal counts nothing
      ledgerFirst.set(Boolean.TRUE);
      try {
        result = work.forPartner(partner, participants, steps);
      } finally {
        ledgerFirst.remove();
      }
    }
    events.deliverQuietly();
    return result;
  }

  /**
   * Runs {@code action} once the calling thread's partner work has committed: at once when the
   * stores do not share one transaction, never for a try the database rolled back.
   */
  public void afterCommit(Runnable action) {
    work.afterCommit(action);
  }

  /** Whether a partner's work commits in one transaction, all or nothing (a failure then changed nothing). */
  public boolean atomic() {
    return work.atomic();
  }

  /**
   * Runs the remaining steps of {@code planned} and completes it.
   *
   * @return the final receipt; {@link Receipt.Status#REFUSED} when the ledger refused it for good
   */
  public Receipt finish(JournalEntry planned) {
    Activity activity = planned.activity();
    work.requireHeld(activity.partner(), "finishing " + activity.id());
    if (work.atomic() && !ledgerFirst.get()) {
      return finishLedgerLast(planned);
    }
    LedgerStep.Result result = steps.apply(planned).write(planned);
    if (result instanceof LedgerStep.Refused refused) {
      // Nothing was posted, so nothing counts and nobody is told of points.
      return journal.complete(refused.entry(), refused.entry().receipt().refused(refused.reason()));
    }
    LedgerStep.Written written = (LedgerStep.Written) result;
    return complete(planned, written, count(activity, written.entry().receipt()));
  }

  /**
   * The steps in one transaction, the ledger's write as late as it can be: it locks the accounts
   * every activity pays from (the issuance account, a campaign's budget) until the commit, so the
   * less comes after it, the less other partners' activities wait. Figures and tiers do not depend
   * on what the ledger writes (a budget cut changes points, not the status); a refusal for good,
   * which must count nothing, throws to roll the transaction back and have it run again ledger
   * first ({@link #forPartner}).
   */
  private Receipt finishLedgerLast(JournalEntry planned) {
    Receipt plannedReceipt = planned.receipt();
    List<TierChange> changes = count(planned.activity(), plannedReceipt);
    LedgerStep.Result result = steps.apply(planned).write(planned);
    if (result instanceof LedgerStep.Refused refused) {
      if (counts(plannedReceipt)) {
        throw new CountedBeforeARefusal();
      }
      return journal.complete(refused.entry(), refused.entry().receipt().refused(refused.reason()));
    }
    return complete(planned, (LedgerStep.Written) result, changes);
  }

  /** Adds what {@code receipt} posts to the figures and moves tiers up: the tier changes it made. */
  private List<TierChange> count(Activity activity, Receipt receipt) {
    if (counts(receipt)) {
      figures.contribute(activity);
    }
    return receipt.status() == Receipt.Status.RECORDED ? tiers.upgrade(activity, receipt.qualifications()) : List.of();
  }

  private static boolean counts(Receipt receipt) {
    return receipt.status() == Receipt.Status.RECORDED || receipt.status() == Receipt.Status.RETURNED;
  }

  /**
   * Counts the points the ledger's writes posted or held (what exact caps read; after the ledger,
   * since a budget can cut an award), appends what the writes tell listeners and completes the
   * entry: the last steps.
   */
  private Receipt complete(JournalEntry planned, LedgerStep.Written written, List<TierChange> changes) {
    JournalEntry entry = written.entry();
    figures.countPoints(planned, entry);
    List<LoyaltyEvent> toAppend = new ArrayList<>(written.events());
    if (entry.receipt().status() == Receipt.Status.RECORDED) {
      toAppend.addAll(badges.award(entry.activity(), entry.receipt()));
    }
    events.add(toAppend);
    Receipt done = journal.complete(entry, entry.receipt().withTierChanges(changes));
    if (LOG.isDebugEnabled()) { // totalPoints() adds up every award: not for a message nobody logs
      LOG.debug("finished activity {}: {}, {} points", entry.activity().id(), done.status(), done.totalPoints());
    }
    return done;
  }

  /** The ledger refused an entry whose figures and tiers were counted in the same transaction. */
  private static final class CountedBeforeARefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CountedBeforeARefusal() {
      super("the ledger refused an activity counted in figures first; its transaction is run again ledger first",
          null, false, false);
    }
  }
}
