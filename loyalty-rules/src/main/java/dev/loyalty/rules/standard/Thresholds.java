package dev.loyalty.rules.standard;

import dev.loyalty.rules.facts.ProgramParameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Monthly sales thresholds and their bonuses, {@code threshold.monthly-sales = "500000:500,
 * 1000000:1500"}: 500 points when a partner's net sales in a calendar month reach 500,000, another
 * 1,500 when they reach 1,000,000. Each threshold pays once a month, on the invoice that crosses
 * it. Read by the ready-made {@code threshold-bonus} rule.
 */
public final class Thresholds {
  /** The parameter. */
  public static final String MONTHLY_SALES = "threshold.monthly-sales";

  private final List<Threshold> thresholds;

  private Thresholds(List<Threshold> thresholds) {
    this.thresholds = List.copyOf(thresholds);
  }

  /**
   * The thresholds {@code parameters} set, lowest first.
   *
   * @throws IllegalStateException if an entry is not {@code amount:points} with a positive amount
   *                               and points, or an amount appears twice
   */
  public static Thresholds of(ProgramParameters parameters) {
    return parameters.parsed(Thresholds.class, Thresholds::read);
  }

  private static Thresholds read(ProgramParameters parameters) {
    List<Threshold> read = new ArrayList<>();
    for (String entry : parameters.list(MONTHLY_SALES)) {
      String[] parts = entry.split(":");
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        Threshold step = new Threshold(new BigDecimal(parts[0].strip()), Long.parseLong(parts[1].strip()));
        if (step.amount().signum() <= 0 || step.points() <= 0) {
          throw new NumberFormatException();
        }
        if (read.stream().anyMatch(s -> s.amount().compareTo(step.amount()) == 0)) {
          throw new IllegalStateException("parameter '" + MONTHLY_SALES + "' of program " + parameters.program()
              + " lists the amount " + parts[0].strip() + " twice");
        }
        read.add(step);
      } catch (NumberFormatException e) {
        throw new IllegalStateException("parameter '" + MONTHLY_SALES + "' of program " + parameters.program()
            + " has the entry '" + entry + "'; write amount:points with both positive, e.g. 500000:500", e);
      }
    }
    read.sort(Comparator.comparing(Threshold::amount));
    return new Thresholds(read);
  }

  /** The thresholds a month's sales cross going from {@code before} to {@code after}. */
  public List<Threshold> crossed(BigDecimal before, BigDecimal after) {
    List<Threshold> crossed = List.of();
    for (Threshold s : thresholds) {
      if (before.compareTo(s.amount()) < 0 && after.compareTo(s.amount()) >= 0) {
        crossed = crossed.isEmpty() ? List.of(s) : append(crossed, s);
      }
    }
    return crossed;
  }

  private static List<Threshold> append(List<Threshold> list, Threshold s) {
    List<Threshold> longer = new ArrayList<>(list);
    longer.add(s);
    return List.copyOf(longer);
  }

  /**
   * {@code "monthly thresholds 500000:500, 1000000:1500"}: how explanations name the fact a rule
   * matched (an object's default text would differ from one program object to the next).
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("monthly thresholds ");
    for (int i = 0; i < thresholds.size(); i++) {
      Threshold t = thresholds.get(i);
      text.append(i == 0 ? "" : ", ").append(t.amount().toPlainString()).append(':').append(t.points());
    }
    return text.toString();
  }

  /** The lowest threshold above {@code sales}, as a list of none or one (for a rule's {@code from}). */
  public List<Threshold> next(BigDecimal sales) {
    for (Threshold s : thresholds) { // sorted by amount
      if (sales.compareTo(s.amount()) < 0) {
        return List.of(s);
      }
    }
    return List.of();
  }
}
