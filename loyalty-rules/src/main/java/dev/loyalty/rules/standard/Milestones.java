package dev.loyalty.rules.standard;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.rules.facts.Figures;
import java.util.ArrayList;
import java.util.List;

/**
 * What the ready-made milestone rules ({@code milestones.drl}) compute in Java rather than in DRL
 * conditions. Stateless and thread-safe.
 */
public final class Milestones {
  private Milestones() {
  }

  /**
   * The certification milestones {@code certification} reaches for the participant whose figures
   * {@code figures} are: the counts in {@code milestones} equal to the number of certifications it
   * holds with this one, when this one is new to it (a renewal reaches nothing) and it is the
   * participant that earned it (the member named, or the partner when none is); never null.
   *
   * @param milestones counts, as the program lists them ("1, 3, 5"); each a positive whole number
   * @throws IllegalStateException if a count is not a positive whole number
   */
  public static List<Long> certifications(List<String> milestones, Figures figures,
      CertificationEarned certification) {
    requireNonNull(milestones, "milestones");
    requireNonNull(figures, "figures");
    requireNonNull(certification, "certification");
    ParticipantId learner = certification.member().<ParticipantId>map(m -> m).orElse(certification.partner());
    if (!figures.participant().equals(learner) || figures.certified(certification.certification())) {
      return List.of();
    }
    int count = figures.certificationsWith(certification.certification());
    List<Long> reached = new ArrayList<>();
    for (long n : counts(milestones)) {
      if (n == count) {
        reached.add(n);
      }
    }
    return reached;
  }

  /**
   * {@code milestones} as numbers.
   *
   * @throws IllegalStateException naming the item that is not a positive whole number
   */
  static List<Long> counts(List<String> milestones) {
    List<Long> counts = new ArrayList<>(milestones.size());
    for (String item : milestones) {
      long n;
      try {
        n = Long.parseLong(item);
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n <= 0) {
        throw new IllegalStateException("milestone '" + item + "' is not a positive whole number");
      }
      counts.add(n);
    }
    return counts;
  }
}
