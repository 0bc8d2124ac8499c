package dev.loyalty.rules.standard;

import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.rules.facts.ProgramParameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Premium products earn a multiple of the base rate: {@code multiplier.sku.<sku>} for one product,
 * {@code multiplier.category.<category>} for a category (a SKU's own multiplier wins). Read by the
 * ready-made {@code product-multiplier} rule, which pays the extra as an award of its own.
 */
public final class ProductMultipliers {
  /** The prefix of a SKU's multiplier. */
  public static final String SKU = "multiplier.sku.";
  /** The prefix of a category's multiplier. */
  public static final String CATEGORY = "multiplier.category.";

  private final ProgramParameters parameters;
  // kept per program (ProgramParameters.parsed keeps this object): parsed once, not per line
  private final Map<String, BigDecimal> factors = new ConcurrentHashMap<>();

  private ProductMultipliers(ProgramParameters parameters) {
    this.parameters = parameters;
  }

  /** The multipliers {@code parameters} set. */
  public static ProductMultipliers of(ProgramParameters parameters) {
    return parameters.parsed(ProductMultipliers.class, ProductMultipliers::new);
  }

  /** The multiplier of {@code line}, if it has one. */
  public Optional<BigDecimal> of(InvoiceLine line) {
    String name = parameters.has(SKU + line.sku()) ? SKU + line.sku()
        : parameters.has(CATEGORY + line.category()) ? CATEGORY + line.category() : null;
    if (name == null) {
      return Optional.empty();
    }
    return Optional.of(factors.computeIfAbsent(name, this::factor));
  }

  private BigDecimal factor(String name) {
    BigDecimal factor = parameters.number(name);
    if (factor.compareTo(BigDecimal.ONE) < 0) {
      throw new IllegalStateException("parameter '" + name + "' of program " + parameters.program() + " is "
          + factor.toPlainString() + "; a product multiplier must be at least 1");
    }
    return factor;
  }

  /**
   * The extra points of {@code sale} at {@code rate}: the sum over its lines of amount times
   * (multiplier - 1), earning at the base rate (whole multiples only).
   */
  public long extraPoints(Sale sale, EarnRate rate) {
    BigDecimal extraAmount = BigDecimal.ZERO;
    for (InvoiceLine line : sale.lines()) {
      Optional<BigDecimal> factor = of(line);
      if (factor.isPresent()) {
        extraAmount = extraAmount.add(line.amount().multiply(factor.get().subtract(BigDecimal.ONE)));
      }
    }
    return rate.pointsFor(extraAmount);
  }

  /** {@code "product multipliers of program p"}: how explanations name the fact a rule matched. */
  @Override
  public String toString() {
    return "product multipliers of program " + parameters.program();
  }

  /** "PUMP-X 2x, VALVES 1.5x": the lines of {@code sale} with a multiplier; never null. */
  public String describe(Sale sale) {
    List<String> parts = new ArrayList<>();
    for (InvoiceLine line : sale.lines()) {
      of(line).ifPresent(f -> parts.add(line.sku() + " (" + line.category() + ") " + f.stripTrailingZeros()
          .toPlainString() + "x"));
    }
    return String.join(", ", parts);
  }
}
