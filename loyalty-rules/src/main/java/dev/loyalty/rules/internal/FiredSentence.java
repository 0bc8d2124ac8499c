package dev.loyalty.rules.internal;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.rules.facts.BadgeAward;
import dev.loyalty.rules.facts.PointsAward;
import dev.loyalty.rules.facts.Qualification;
import dev.loyalty.rules.facts.RiskAlert;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The sentence of one rule's firing ("Awarded 450 base points to partner d-1: ... (matched sale
 * s-1, partner d-1)."), kept as what the rule did and matched and written only when a receipt is
 * explained: most receipts never are, and writing every firing's sentence was a tenth of an
 * evaluation's CPU. What could still change after the firing (an award's points, the notes of its
 * later changes, a collected list, a fact of a type not known to keep its label) is taken down as
 * it stood when the rule fired, so the sentence written later is the one written at once would
 * have been. Immutable once built; thread-safe.
 */
final class FiredSentence implements Supplier<String> {
  private final List<Action> actions;
  // each a fact whose label never changes (labelled when written), or a Label taken at the firing
  private final List<Object> matched;

  private FiredSentence(List<Action> actions, List<Object> matched) {
    this.actions = actions;
    this.matched = matched;
  }

  /** Builds the sentence of one firing, as it stands now (one per rule firing; not thread-safe). */
  static final class Builder {
    private final List<Action> actions = new ArrayList<>(2);
    private final List<Object> matched = new ArrayList<>(6);

    /** The rule inserted {@code fact} (not a {@code Missed}). */
    void inserted(Object fact) {
      if (fact instanceof PointsAward a && a.getSplitFrom().isPresent()) {
        List<PointsAward.Adjustment> history = a.getAdjustments();
        actions.add(new SplitOff(a.getPoints(), history.get(history.size() - 1), a.getKind(),
            a.getSplitFrom().get().getBeneficiary(), a.getBeneficiary()));
      } else if (fact instanceof PointsAward a) {
        actions.add(new Awarded(a.getPoints(), a.getKind(), a.getBeneficiary(), a.getCampaign().orElse(null),
            a.getReason()));
      } else if (fact instanceof BadgeAward || fact instanceof Qualification || fact instanceof RiskAlert) {
        actions.add(new Result(fact)); // records: what they say never changes
      } else {
        actions.add(new Written("inserted " + FactLabels.of(fact)));
      }
    }

    /** The rule changed {@code award} by {@code adjustment} (not a split: the share's insertion tells it). */
    void changed(PointsAward award, PointsAward.Adjustment adjustment) {
      actions.add(new Changed(award.getKind(), award.getBeneficiary(), adjustment));
    }

    /** The rule withdrew {@code fact}. */
    void withdrew(Object fact) {
      actions.add(new Written("withdrew the " + FactLabels.of(fact)));
    }

    /**
     * The rule matched a fact: the fact itself if its label is {@linkplain FactLabels#stable stable},
     * else its {@link Label} now.
     */
    void matched(Object factOrLabel) {
      matched.add(factOrLabel);
    }

    FiredSentence build() {
      return new FiredSentence(List.copyOf(actions), List.copyOf(matched));
    }
  }

  /** The label of a matched fact as it stood when the rule fired. */
  record Label(String text) {
  }

  @Override
  public String get() {
    List<String> done = new ArrayList<>(actions.size());
    for (Action action : actions) {
      done.add(action.text());
    }
    Set<String> facts = new LinkedHashSet<>();
    for (Object fact : matched) {
      facts.add(fact instanceof Label l ? l.text() : FactLabels.of(fact));
    }
    String on = facts.isEmpty() ? "no facts" : String.join(", ", facts);
    if (done.isEmpty()) {
      return "Matched " + on + ".";
    }
    String all = String.join("; ", done);
    return Character.toUpperCase(all.charAt(0)) + all.substring(1) + " (matched " + on + ").";
  }

  private sealed interface Action permits Awarded, SplitOff, Changed, Result, Written {
    String text();
  }

  private record Awarded(long points, String kind, ParticipantId beneficiary, CampaignId campaign, String reason)
      implements Action {
    @Override
    public String text() {
      return "awarded " + points + " " + kind + " points to " + FactLabels.participant(beneficiary)
          + (campaign == null ? "" : " from campaign " + campaign) + ": " + reason;
    }
  }

  private record SplitOff(long points, PointsAward.Adjustment split, String kind, ParticipantId from,
      ParticipantId to) implements Action {
    @Override
    public String text() {
      return "split " + points + " of " + split.before() + " points of the " + kind + " award to "
          + FactLabels.participant(from) + " off to " + FactLabels.participant(to) + note(split.note());
    }
  }

  private record Changed(String kind, ParticipantId beneficiary, PointsAward.Adjustment adjustment)
      implements Action {
    @Override
    public String text() {
      return "changed the " + kind + " award to " + FactLabels.participant(beneficiary) + " from "
          + adjustment.before() + " to " + adjustment.after() + " points" + note(adjustment.note());
    }
  }

  private record Result(Object fact) implements Action {
    @Override
    public String text() {
      if (fact instanceof BadgeAward b) {
        return "gave badge " + b.badge() + " to " + FactLabels.participant(b.participant()) + ": " + b.reason();
      } else if (fact instanceof Qualification q) {
        return "qualified " + FactLabels.participant(q.participant()) + " for tier " + q.tier() + ": " + q.reason();
      }
      RiskAlert r = (RiskAlert) fact;
      return (r.score() > 0 ? "raised signal " + r.code() + " (score " + r.score() + ")"
          : "raised a " + r.severity().name().toLowerCase(Locale.ROOT) + " alert " + r.code()) + ": " + r.reason();
    }
  }

  private record Written(String text) implements Action {
  }

  private static String note(String note) {
    return note.isBlank() ? "" : ": " + note;
  }
}
