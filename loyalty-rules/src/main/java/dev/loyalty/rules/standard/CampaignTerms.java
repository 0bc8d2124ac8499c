package dev.loyalty.rules.standard;

import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.program.Campaign;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Which invoices a campaign's bonus applies to, from the campaign's own parameters: {@code
 * min-invoice} (an invoice total of at least this much) and {@code categories} (at least one line in
 * one of these, comma-separated). Dates and targeting (regions, partner types, segments, tiers) are
 * the campaign's definition: the engine passes only the campaigns running for the partner at the
 * activity's time. Read by the ready-made {@code campaign-bonus} and {@code campaign-points}
 * rules.
 */
public final class CampaignTerms {
  /** The smallest invoice total that qualifies. */
  public static final String MIN_INVOICE = "min-invoice";
  /** The categories an invoice must include one of. */
  public static final String CATEGORIES = "categories";

  private CampaignTerms() {
  }

  /** Whether {@code sale} qualifies for {@code campaign}'s bonus. */
  public static boolean qualifies(Campaign campaign, Sale sale) {
    return unmet(campaign, sale).isEmpty();
  }

  /** What {@code sale} misses of {@code campaign}'s terms, one phrase each; empty if it qualifies. */
  public static List<String> unmet(Campaign campaign, Sale sale) {
    List<String> unmet = new ArrayList<>();
    String min = campaign.parameters().get(MIN_INVOICE);
    if (min != null) {
      BigDecimal minimum = number(campaign, MIN_INVOICE, min);
      BigDecimal total = sale.total().amount();
      if (total.compareTo(minimum) < 0) {
        unmet.add("invoices of " + Money.formatAmount(minimum) + " " + sale.currency().getCurrencyCode()
            + " or more qualify; this one is " + Money.formatAmount(total));
      }
    }
    String categories = campaign.parameters().get(CATEGORIES);
    if (categories != null) {
      List<String> wanted = new ArrayList<>();
      for (String c : categories.split(",")) {
        if (!c.isBlank()) {
          wanted.add(c.strip());
        }
      }
      boolean any = false;
      for (InvoiceLine line : sale.lines()) {
        any |= wanted.contains(line.category());
      }
      if (!any) {
        unmet.add("invoices with " + String.join(" or ", wanted) + " qualify; this one has "
            + String.join(", ", sale.categories()));
      }
    }
    return unmet;
  }

  /**
   * The sentence for a sale that misses {@code campaign}'s terms ("Monsoon Push: invoices of 50,000
   * INR or more qualify; this one is 42,000."), as a list of none or one (for a rule's {@code
   * from}).
   */
  public static List<String> whyNot(Campaign campaign, Sale sale) {
    List<String> unmet = unmet(campaign, sale);
    return unmet.isEmpty() ? List.of() : List.of(campaign.name() + ": " + String.join("; ", unmet) + ".");
  }

  /** Campaign parameter {@code name} as a number, or 0 if it is not set. */
  public static BigDecimal number(Campaign campaign, String name) {
    String value = campaign.parameters().get(name);
    return value == null ? BigDecimal.ZERO : number(campaign, name, value);
  }

  private static BigDecimal number(Campaign campaign, String name, String value) {
    try {
      return new BigDecimal(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("parameter '" + name + "' of campaign " + campaign.id() + " is '" + value
          + "', not a number", e);
    }
  }
}
