package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.performance.PerformanceFigures;

/**
 * The figures of the activity's partner (the organisation), before the activity. Always present.
 *
 * @param figures never null
 */
public record PartnerFigures(PerformanceFigures figures) implements Figures {
  public PartnerFigures {
    requireNonNull(figures, "figures");
  }
}
