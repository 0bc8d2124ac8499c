package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.TierChange;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.insights.TierMove;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.performance.TierStanding;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.rules.TierQualification;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.spi.TierHistory;
import dev.loyalty.core.tier.TierEvaluator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves participants between tiers: up at once after an activity, judged as of the activity's own
 * date, and down only at a review after the grace period, judged as of the review. Every change's
 * event goes to the outbox, and the move to the tier history, before the standing is saved: after a
 * crash in between, the repeat finds the same change and appends the same id, which both skip. Callers hold the
 * participant's partner lock.
 */
public final class TierKeeper {
  private final Program program;
  private final TierEvaluator tiers;
  private final PerformanceStore performance;
  private final ParticipantFigures figures;
  private final Events events;
  private final TierHistory history;

  /** Keeps the tiers of {@code program}'s participants, each move also in {@code history}. */
  public TierKeeper(Program program, PerformanceStore performance, ParticipantFigures figures, Events events,
      TierHistory history) {
    this.program = requireNonNull(program, "program");
    this.tiers = new TierEvaluator(program);
    this.performance = requireNonNull(performance, "performance");
    this.figures = requireNonNull(figures, "figures");
    this.events = requireNonNull(events, "events");
    this.history = requireNonNull(history, "history");
  }

  /** The evaluator of the program's tier criteria. */
  public TierEvaluator evaluator() {
    return tiers;
  }

  /**
   * Moves the activity's partner and member up if they now meet a higher tier (by the criteria or
   * a rule's qualification), measured as of the activity's date (an activity imported a year late
   * is judged by its own window, not today's); never down.
   */
  public List<TierChange> upgrade(Activity activity, List<TierQualification> qualifications) {
    Instant at = activity.occurredAt();
    List<ParticipantId> participants = new ArrayList<>();
    participants.add(activity.partner());
    activity.member().ifPresent(participants::add);
    List<TierChange> changes = new ArrayList<>();
    int top = program.tiers().size() - 1;
    for (ParticipantId p : participants) {
      TierStanding standing = performance.standing(p);
      int rank = standing.tier().map(program::rank).orElse(-1);
      if (rank == top && standing.shortSince().isEmpty()) {
        continue; // nothing above to move up to, no shortfall to clear: its figures cannot change anything
      }
      PerformanceFigures current = figures.of(p, at);
      Optional<Tier> met = tiers.highestMet(current);
      String reason = met.map(t -> "meets the criteria of " + t.name()).orElse("");
      int target = met.map(t -> program.rank(t.id())).orElse(-1);
      for (TierQualification q : qualifications) {
        if (q.participant().equals(p) && program.rank(q.tier()) > target) {
          target = program.rank(q.tier());
          reason = q.reason() + " (" + q.rule() + ")";
        }
      }
      if (target > rank) {
        Tier to = program.tiers().get(target);
        TierChange change = new TierChange(p, standing.tier(), Optional.of(to.id()),
            p.kind() + " " + p.value() + " moved up to " + to.name() + ": " + reason + ".");
        save(change, "tier:" + p.kind() + ":" + p.value() + ":" + activity.id(), at, TierStanding.in(to.id(), at));
        changes.add(change);
      } else if (standing.shortSince().isPresent() && rank >= 0 && tiers.meets(program.tiers().get(rank), current)) {
        performance.saveStanding(p, new TierStanding(standing.tier(), standing.since(), Optional.empty()));
      }
    }
    return changes;
  }

  /** What a review did to one participant. */
  public enum Review {
    /** It meets its tier (or has none). */
    UNCHANGED,
    /** Found short for the first time: its grace starts. */
    NOW_SHORT,
    /** Still short, within its grace. */
    IN_GRACE,
    /** Moved down: the change was added to the list. */
    MOVED
  }

  /**
   * Reviews {@code p}'s tier at {@code at}: marks it short, or moves it down to the highest tier it
   * meets when it is still short after the grace period (at once when the grace is zero).
   */
  public Review review(ParticipantId p, Instant at, List<TierChange> changes) {
    TierStanding standing = performance.standing(p);
    if (standing.tier().isEmpty()) {
      return Review.UNCHANGED;
    }
    LocalDate day = at.atZone(program.zone()).toLocalDate();
    PerformanceFigures current = figures.of(p, at);
    Optional<Tier> tier = standing.tier().flatMap(program::tier);
    if (tier.isPresent() && tiers.meets(tier.get(), current)) {
      if (standing.shortSince().isPresent()) {
        performance.saveStanding(p, new TierStanding(standing.tier(), standing.since(), Optional.empty()));
      }
      return Review.UNCHANGED;
    }
    boolean firstShort = tier.isPresent() && standing.shortSince().isEmpty();
    LocalDate shortSince = firstShort ? day : standing.shortSince().orElse(day);
    if (tier.isPresent() && day.isBefore(shortSince.plus(program.tierPolicy().grace()))) {
      if (firstShort) {
        performance.saveStanding(p, standing.shortSince(day));
        return Review.NOW_SHORT;
      }
      return Review.IN_GRACE;
    }
    Optional<Tier> met = tiers.highestMet(current);
    String sentence = p.kind() + " " + p.value() + " moved from " + tier.map(Tier::name).orElse("a retired tier")
        + " to " + met.map(Tier::name).orElse("no tier") + " at the review of " + day
        + (tier.isPresent() ? ": short of " + tier.get().name() + (firstShort ? " and there is no grace period"
            : " since the review of " + shortSince + " and the grace period is over") : "") + ".";
    TierChange change = new TierChange(p, standing.tier(), met.map(Tier::id), sentence);
    save(change, "tier:" + p.kind() + ":" + p.value() + ":review:" + day, at,
        met.map(t -> TierStanding.in(t.id(), at)).orElse(TierStanding.none()));
    changes.add(change);
    return Review.MOVED;
  }

  private void save(TierChange change, String eventId, Instant at, TierStanding standing) {
    events.add(List.of(new LoyaltyEvent.TierChanged(eventId, at, change.participant(), change.from(), change.to(),
        change.reason())));
    // under the event's id, so that a repeat after a crash here appends neither twice
    history.record(new TierMove(eventId, change.participant(), change.from(), change.to(), at, change.reason()));
    performance.saveStanding(change.participant(), standing);
  }
}
