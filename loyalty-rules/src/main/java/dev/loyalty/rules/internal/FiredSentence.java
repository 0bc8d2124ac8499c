package dev.loyalty.rules.internal;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rules.SentenceTemplate;
import dev.loyalty.core.rules.TemplatedSentence;
import dev.loyalty.rules.facts.BadgeAward;
import dev.loyalty.rules.facts.PointsAward;
import dev.loyalty.rules.facts.Qualification;
import dev.loyalty.rules.facts.RiskAlert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sentence of one rule's firing ("Awarded 450 base points to partner d-1: ... (matched sale
 * s-1, partner d-1)."), kept as what the rule did and matched and written only when a receipt is
 * explained: most receipts never are, and writing every firing's sentence was a tenth of an
 * evaluation's CPU. What the rule did is taken down at the firing as the steps of a {@link Form}
 * and the values they name (numbers, words, participants); what it matched as the facts whose
 * label never changes and, for the others, their labels as they stood then. So the sentence written
 * later is the one written at once would have been, and a journal can keep it as its form and
 * values ({@link #sentence()}) without writing it. Immutable once built; thread-safe.
 */
final class FiredSentence implements TemplatedSentence.Source {
  // the steps' codes (see Form)
  private static final char AWARDED = 'a';
  private static final char AWARDED_FROM_CAMPAIGN = 'A';
  private static final char SPLIT = 's';
  private static final char SPLIT_NOTED = 'S';
  private static final char CHANGED = 'c';
  private static final char CHANGED_NOTED = 'C';
  private static final char BADGE = 'b';
  private static final char QUALIFIED = 'q';
  private static final char SIGNAL = 'r';
  private static final char ALERT = 'R';
  private static final char WRITTEN = 'w';

  private final String steps;
  private final Object[] done;
  // each a fact whose label never changes (labelled when written), or a Label taken at the firing
  private final List<Object> matched;

  private FiredSentence(String steps, Object[] done, List<Object> matched) {
    this.steps = steps;
    this.done = done;
    this.matched = matched;
  }

  /** Builds the sentence of one firing, as it stands now (one per rule firing; not thread-safe). */
  static final class Builder {
    private final StringBuilder steps = new StringBuilder(2);
    private final List<Object> done = new ArrayList<>(8);
    private final List<Object> matched = new ArrayList<>(6);

    /** The rule inserted {@code fact} (not a {@code Missed}). */
    void inserted(Object fact) {
      if (fact instanceof PointsAward a && a.getSplitFrom().isPresent()) {
        List<PointsAward.Adjustment> history = a.getAdjustments();
        PointsAward.Adjustment split = history.get(history.size() - 1);
        step(split.note().isBlank() ? SPLIT : SPLIT_NOTED, a.getPoints(), split.before(), a.getKind(),
            a.getSplitFrom().get().getBeneficiary(), a.getBeneficiary());
        noted(split.note());
      } else if (fact instanceof PointsAward a) {
        if (a.getCampaign().isPresent()) {
          step(AWARDED_FROM_CAMPAIGN, a.getPoints(), a.getKind(), a.getBeneficiary(), a.getCampaign().get().value(),
              a.getReason());
        } else {
          step(AWARDED, a.getPoints(), a.getKind(), a.getBeneficiary(), a.getReason());
        }
      } else if (fact instanceof BadgeAward b) {
        step(BADGE, b.badge(), b.participant(), b.reason());
      } else if (fact instanceof Qualification q) {
        step(QUALIFIED, q.participant(), q.tier().value(), q.reason());
      } else if (fact instanceof RiskAlert r && r.score() > 0) {
        step(SIGNAL, r.code(), (long) r.score(), r.reason());
      } else if (fact instanceof RiskAlert r) {
        step(ALERT, r.severity().name().toLowerCase(Locale.ROOT), r.code(), r.reason());
      } else {
        step(WRITTEN, "inserted " + FactLabels.of(fact));
      }
    }

    /** The rule changed {@code award} by {@code adjustment} (not a split: the share's insertion tells it). */
    void changed(PointsAward award, PointsAward.Adjustment adjustment) {
      step(adjustment.note().isBlank() ? CHANGED : CHANGED_NOTED, award.getKind(), award.getBeneficiary(),
          adjustment.before(), adjustment.after());
      noted(adjustment.note());
    }

    /** The rule withdrew {@code fact}. */
    void withdrew(Object fact) {
      step(WRITTEN, "withdrew the " + FactLabels.of(fact));
    }

    /**
     * The rule matched a fact: the fact itself if its label is {@linkplain FactLabels#stable stable},
     * else its {@link Label} now.
     */
    void matched(Object factOrLabel) {
      matched.add(factOrLabel);
    }

    FiredSentence build() {
      return new FiredSentence(steps.toString(), done.toArray(), List.copyOf(matched));
    }

    private void step(char code, Object... values) {
      steps.append(code);
      for (Object value : values) {
        done.add(value instanceof Number n ? (Object) n.longValue() : value);
      }
    }

    private void noted(String note) {
      if (!note.isBlank()) {
        done.add(note);
      }
    }
  }

  /** The label of a matched fact as it stood when the rule fired. */
  record Label(String text) {
  }

  /** What the rule did and the labels of the facts it matched, as a form and its values. */
  @Override
  public TemplatedSentence sentence() {
    Set<String> facts = new LinkedHashSet<>();
    for (Object fact : matched) {
      facts.add(fact instanceof Label l ? l.text() : FactLabels.of(fact));
    }
    Object[] values = Arrays.copyOf(done, done.length + facts.size());
    int v = done.length;
    for (String fact : facts) {
      values[v++] = fact;
    }
    return new TemplatedSentence(new Form(steps, facts.size()), Arrays.asList(values));
  }

  /**
   * The form of a firing's sentence: its steps, one letter each (what kind of step, and whether it
   * names a campaign or a note), and how many facts it lists as matched. Few: the rules' ways of
   * firing, not their firings.
   *
   * @param steps   the steps' codes, in order
   * @param matched how many distinct facts the sentence lists
   */
  record Form(String steps, int matched) implements SentenceTemplate {
    @Override
    public String write(List<Object> values) {
      StringBuilder s = new StringBuilder(160);
      int v = 0;
      for (int i = 0; i < steps.length(); i++) {
        if (i > 0) {
          s.append("; ");
        }
        v = step(s, steps.charAt(i), values, v);
      }
      if (steps.isEmpty()) {
        s.append("Matched ");
      } else {
        s.setCharAt(0, Character.toUpperCase(s.charAt(0)));
        s.append(" (matched ");
      }
      if (matched == 0) {
        s.append("no facts");
      }
      for (int i = 0; i < matched; i++) {
        s.append(i > 0 ? ", " : "").append((String) values.get(v++));
      }
      return s.append(steps.isEmpty() ? "." : ").").toString();
    }

    /** Writes the step {@code code}, whose values start at {@code v}; the index of the next step's. */
    private static int step(StringBuilder s, char code, List<Object> values, int v) {
      switch (code) {
        case AWARDED, AWARDED_FROM_CAMPAIGN -> {
          s.append("awarded ").append(values.get(v)).append(' ').append(values.get(v + 1)).append(" points to ");
          participant(s, values.get(v + 2));
          if (code == AWARDED_FROM_CAMPAIGN) {
            s.append(" from campaign ").append(values.get(v + 3));
          }
          int reason = code == AWARDED_FROM_CAMPAIGN ? v + 4 : v + 3;
          s.append(": ").append(values.get(reason));
          return reason + 1;
        }
        case SPLIT, SPLIT_NOTED -> {
          s.append("split ").append(values.get(v)).append(" of ").append(values.get(v + 1)).append(" points of the ")
              .append(values.get(v + 2)).append(" award to ");
          participant(s, values.get(v + 3));
          s.append(" off to ");
          participant(s, values.get(v + 4));
          return note(s, code == SPLIT_NOTED, values, v + 5);
        }
        case CHANGED, CHANGED_NOTED -> {
          s.append("changed the ").append(values.get(v)).append(" award to ");
          participant(s, values.get(v + 1));
          s.append(" from ").append(values.get(v + 2)).append(" to ").append(values.get(v + 3)).append(" points");
          return note(s, code == CHANGED_NOTED, values, v + 4);
        }
        case BADGE -> {
          s.append("gave badge ").append(values.get(v)).append(" to ");
          participant(s, values.get(v + 1));
          s.append(": ").append(values.get(v + 2));
          return v + 3;
        }
        case QUALIFIED -> {
          s.append("qualified ");
          participant(s, values.get(v));
          s.append(" for tier ").append(values.get(v + 1)).append(": ").append(values.get(v + 2));
          return v + 3;
        }
        case SIGNAL -> {
          s.append("raised signal ").append(values.get(v)).append(" (score ").append(values.get(v + 1)).append("): ")
              .append(values.get(v + 2));
          return v + 3;
        }
        case ALERT -> {
          s.append("raised a ").append(values.get(v)).append(" alert ").append(values.get(v + 1)).append(": ")
              .append(values.get(v + 2));
          return v + 3;
        }
        case WRITTEN -> {
          s.append(values.get(v));
          return v + 1;
        }
        default -> throw new IllegalStateException("no step is coded " + code);
      }
    }

    private static void participant(StringBuilder s, Object id) {
      ParticipantId p = (ParticipantId) id;
      s.append(p.kind()).append(' ').append(p.value());
    }

    private static int note(StringBuilder s, boolean noted, List<Object> values, int v) {
      if (!noted) {
        return v;
      }
      s.append(": ").append(values.get(v));
      return v + 1;
    }
  }
}
