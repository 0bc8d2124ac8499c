package dev.loyalty.core.tier;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.Tier;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a participant stands: its tier, the next one, and exactly what it still misses.
 *
 * @param participant  never null
 * @param current      never null
 * @param next         the next tier up, if there is one; never null
 * @param missing      what {@code next} still needs; empty when it is met or there is no next tier;
 *                     never null
 * @param windowShifts the last day before the oldest month leaves the window (the figures' deadline);
 *                     never null
 * @param daysLeft     days from today up to and including {@code windowShifts}
 * @param graceUntil   while the participant is short of its current tier: the review day from which
 *                     it can be moved down; never null
 */
public record TierProgress(ParticipantId participant, Optional<Tier> current, Optional<Tier> next, List<Gap> missing,
    LocalDate windowShifts, long daysLeft, Optional<LocalDate> graceUntil) {
  public TierProgress {
    requireNonNull(participant, "participant");
    requireNonNull(current, "current");
    requireNonNull(next, "next");
    missing = List.copyOf(requireNonNull(missing, "missing"));
    requireNonNull(windowShifts, "windowShifts");
    requireNonNull(graceUntil, "graceUntil");
  }

  /**
   * One sentence: "Gold: 12,300 INR more sales and 1 certification in the next 41 days (by
   * 2026-12-31)."
   */
  public String summary() {
    String currentText = current.map(t -> "You are " + t.name() + ". ").orElse("You have no tier yet. ");
    String graceText = graceUntil.map(d -> "You are short of " + current.map(Tier::name).orElse("your tier")
        + " and keep it until the review on " + d + ". ").orElse("");
    if (next.isEmpty()) {
      return currentText + graceText + "This is the highest tier.";
    }
    if (missing.isEmpty()) {
      return currentText + graceText + "You meet " + next.get().name() + ".";
    }
    String needs = missing.stream().map(Gap::describe).collect(Collectors.joining(" and "));
    return currentText + graceText + "For " + next.get().name() + ": " + needs + " in the next " + daysLeft
        + (daysLeft == 1 ? " day" : " days") + " (by " + windowShifts + ").";
  }
}
