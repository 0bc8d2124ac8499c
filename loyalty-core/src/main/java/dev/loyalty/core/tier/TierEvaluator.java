package dev.loyalty.core.tier;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.performance.TierStanding;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.program.TierCriteria;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a program's tier criteria against performance figures, exactly (no rounding: growth is
 * compared as {@code window * 100 >= prior * (100 + percent)}). Immutable and thread-safe.
 */
public final class TierEvaluator {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Program program;

  /** Evaluates {@code program}'s tiers. */
  public TierEvaluator(Program program) {
    this.program = requireNonNull(program, "program");
  }

  /** What {@code figures} still miss for {@code tier}; empty when they meet it. */
  public List<Gap> gaps(Tier tier, PerformanceFigures figures) {
    TierCriteria c = tier.criteria();
    List<Gap> gaps = new ArrayList<>();
    salesGap(c, figures).ifPresent(gaps::add);
    if (figures.distinctCategories() < c.minCategories()) {
      gaps.add(new Gap.Categories(c.minCategories() - figures.distinctCategories()));
    }
    Set<String> missingRequired = new HashSet<>(c.requiredCertifications());
    missingRequired.removeAll(figures.certifications());
    int missingCount = Math.max(missingRequired.size(), c.minCertifications() - figures.certifications().size());
    if (missingCount > 0) {
      gaps.add(new Gap.Certifications(missingCount, missingRequired));
    }
    return gaps;
  }

  /** Whether {@code figures} meet {@code tier}. */
  public boolean meets(Tier tier, PerformanceFigures figures) {
    return gaps(tier, figures).isEmpty();
  }

  /** The highest tier {@code figures} meet, if any. */
  public Optional<Tier> highestMet(PerformanceFigures figures) {
    List<Tier> tiers = program.tiers();
    for (int i = tiers.size() - 1; i >= 0; i--) {
      if (meets(tiers.get(i), figures)) {
        return Optional.of(tiers.get(i));
      }
    }
    return Optional.empty();
  }

  /** The participant's progress towards the tier above its current one. */
  public TierProgress progress(ParticipantId participant, TierStanding standing, PerformanceFigures figures) {
    Optional<Tier> current = standing.tier().flatMap(program::tier);
    int rank = current.map(t -> program.rank(t.id())).orElse(-1);
    Optional<Tier> next = rank + 1 < program.tiers().size() ? Optional.of(program.tiers().get(rank + 1))
        : Optional.empty();
    List<Gap> missing = next.map(t -> gaps(t, figures)).orElse(List.of());
    LocalDate today = figures.asOf().atZone(program.zone()).toLocalDate();
    LocalDate shifts = YearMonth.from(today).atEndOfMonth();
    Optional<LocalDate> graceUntil = standing.shortSince().map(d -> d.plus(program.tierPolicy().grace()));
    return new TierProgress(participant, current, next, missing, shifts, ChronoUnit.DAYS.between(today, shifts) + 1,
        graceUntil);
  }

  private static Optional<Gap> salesGap(TierCriteria c, PerformanceFigures figures) {
    Money window = figures.windowSales();
    Money needed = Money.zero(window.currency());
    if (!c.minSales().isEmpty()) {
      BigDecimal min = c.minSales().get(window.currency());
      if (min == null) {
        // The program sets no minimum for this currency: no amount of sales in it reaches the tier.
        return Optional.of(new Gap.NotOffered("the tier has no sales minimum in "
            + window.currency().getCurrencyCode() + ", so it is not offered to participants invoicing in it"));
      }
      needed = Money.of(min, window.currency());
    }
    if (c.minGrowthPercent().isPresent()) {
      Money prior = figures.priorWindowSales();
      Money target = prior.amount().signum() > 0
          ? prior.times(HUNDRED.add(c.minGrowthPercent().get())).times(new BigDecimal("0.01"))
          // growth over nothing: any sale at all counts as growth
          : Money.of(new BigDecimal("0.01"), window.currency());
      if (target.compareTo(needed) > 0) {
        needed = target;
      }
    }
    Money missing = needed.minus(window);
    return missing.amount().signum() > 0 ? Optional.of(new Gap.Sales(missing)) : Optional.empty();
  }
}
