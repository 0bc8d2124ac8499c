package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a participant needs within the qualification window to hold a tier. Every criterion given
 * must be met; an empty criteria object is met by everyone (an entry tier).
 *
 * @param minSales               sales in the window, per currency the participant invoices in;
 *                               a participant whose currency is absent cannot meet it; never null
 * @param minGrowthPercent       growth of window sales over the window before, in percent (10 means
 *                               +10%); never null
 * @param minCategories          distinct product categories sold in the window, not negative
 * @param minCertifications      valid certifications held, not negative
 * @param requiredCertifications certifications that must all be held; none blank; never null
 */
public record TierCriteria(
    Map<Currency, BigDecimal> minSales,
    Optional<BigDecimal> minGrowthPercent,
    int minCategories,
    int minCertifications,
    Set<String> requiredCertifications) {

  public TierCriteria {
    minSales = Map.copyOf(requireNonNull(minSales, "minSales"));
    minSales.forEach((currency, amount) -> {
      if (amount.signum() < 0) {
        throw new IllegalArgumentException("minimum sales in " + currency + " must not be negative, got " + amount);
      }
    });
    requireNonNull(minGrowthPercent, "minGrowthPercent");
    if (minCategories < 0 || minCertifications < 0) {
      throw new IllegalArgumentException("minimum categories and certifications must not be negative");
    }
    requiredCertifications = Set.copyOf(requireNonNull(requiredCertifications, "requiredCertifications"));
    // A certification is earned under a non-blank code, so a blank one could never be held.
    if (requiredCertifications.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("required certifications must not be blank");
    }
  }

  /** Criteria everyone meets. */
  public static TierCriteria none() {
    return new TierCriteria(Map.of(), Optional.empty(), 0, 0, Set.of());
  }

  /** Whether nothing is required. */
  public boolean isEmpty() {
    return minSales.isEmpty() && minGrowthPercent.isEmpty() && minCategories == 0 && minCertifications == 0
        && requiredCertifications.isEmpty();
  }
}
