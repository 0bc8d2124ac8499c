package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.performance.PerformanceFigures;

/**
 * The figures of the activity's member (the individual), before the activity. Present only when
 * the activity names a member.
 *
 * @param figures never null
 */
public record MemberFigures(PerformanceFigures figures) implements Figures {
  public MemberFigures {
    requireNonNull(figures, "figures");
  }
}
