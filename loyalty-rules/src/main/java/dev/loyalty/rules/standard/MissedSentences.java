package dev.loyalty.rules.standard;

import dev.loyalty.core.model.Money;
import dev.loyalty.core.rules.SentenceTemplate;
import dev.loyalty.rules.facts.Missed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;

/**
 * The ready-made rules' most frequent "why not" sentences, as {@link Missed} facts whose reason is a
 * template and its values, written only when read: over the benchmark's workload the threshold,
 * mix and streak companions explain most activities (84%, 66% and 24% of them), and almost no
 * receipt is ever read. Each sentence is the one the rule wrote at once before, word for word
 * ({@code MissedSentencesTest} compares them with the rules as they were, on random facts); amounts
 * are kept as their cents, as {@link Money#formatAmount} rounds them, and written the same way.
 */
public final class MissedSentences {
  private MissedSentences() {
  }

  /**
   * "Monthly sales are 420,000 INR; 80,000 INR more earn the 500-point bonus at 500,000 INR.":
   * the month's sales {@code after} this invoice, short of {@code next}.
   */
  public static Missed threshold(BigDecimal after, Threshold next, Currency currency) {
    List<Object> values = new ArrayList<>(5);
    values.add(amount(after));
    values.add(amount(next.amount().subtract(after)));
    values.add(next.points());
    values.add(amount(next.amount()));
    values.add(currency.getCurrencyCode());
    return Missed.of("threshold-bonus", Form.THRESHOLD, values);
  }

  /**
   * "This order has 2 product categories (cables, switches); 3 in one order earn the 200-point mix
   * bonus."
   */
  public static Missed mix(Collection<String> categories, long min, long points) {
    List<Object> values = new ArrayList<>(3 + categories.size());
    values.add(min);
    values.add(points);
    values.addAll(categories);
    return Missed.of("mix-bonus", Form.MIX, values);
  }

  /**
   * "2 months in a row with orders; the 300-point streak bonus comes at 3.": the streak with this
   * month counted ({@code months}), the bonus's {@code points}, and the streak that pays it next.
   */
  public static Missed streak(long months, long points, long next) {
    return Missed.of("consistency-streak", Form.STREAK, List.of(months, points, next));
  }

  /**
   * An amount as a template value: its cents as {@link Money#formatAmount} rounds them, or, for
   * what that method writes its own way (a negative or huge amount), the text it writes.
   */
  private static Object amount(BigDecimal amount) {
    BigDecimal cents = amount.setScale(2, RoundingMode.HALF_EVEN);
    if (amount.signum() < 0 || cents.precision() > 18) {
      return Money.formatAmount(amount);
    }
    return cents.unscaledValue().longValueExact();
  }

  /** What {@link #amount} kept, written as {@link Money#formatAmount} writes the amount. */
  private static String amount(Object value) {
    return value instanceof Long cents ? Money.formatCents(cents) : (String) value;
  }

  /** The sentences' fixed words; one constant per sentence (the journal numbers each once). */
  private enum Form implements SentenceTemplate {
    THRESHOLD {
      @Override
      public String write(List<Object> v) {
        String currency = " " + v.get(4);
        return "Monthly sales are " + amount(v.get(0)) + currency + "; " + amount(v.get(1)) + currency
            + " more earn the " + v.get(2) + "-point bonus at " + amount(v.get(3)) + currency + ".";
      }
    },
    MIX {
      @Override
      public String write(List<Object> v) {
        StringBuilder s = new StringBuilder(120).append("This order has ")
            .append(Words.count(v.size() - 2, "product category", "product categories")).append(" (");
        for (int i = 2; i < v.size(); i++) {
          s.append(i > 2 ? ", " : "").append(v.get(i));
        }
        return s.append("); ").append(v.get(0)).append(" in one order earn the ").append(v.get(1))
            .append("-point mix bonus.").toString();
      }
    },
    STREAK {
      @Override
      public String write(List<Object> v) {
        return Words.count((Long) v.get(0), "month") + " in a row with orders; the " + v.get(1)
            + "-point streak bonus comes at " + v.get(2) + ".";
      }
    }
  }
}
