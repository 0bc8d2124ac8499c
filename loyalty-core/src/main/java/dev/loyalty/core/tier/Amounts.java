package dev.loyalty.core.tier;

import dev.loyalty.core.model.Money;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Formats money for sentences a partner reads. */
final class Amounts {
  private Amounts() {
  }

  static String format(Money money) {
    // DecimalFormat is not thread-safe; a new one per call is cheap next to everything around it.
    DecimalFormat format = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setParseBigDecimal(true);
    return format.format(money.amount()) + " " + money.currency().getCurrencyCode();
  }
}
