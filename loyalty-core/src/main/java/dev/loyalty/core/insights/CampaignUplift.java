package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.loyalty.core.insights.internal.Json;
import dev.loyalty.core.model.CampaignId;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * A campaign's sales uplift: the net sales per day of the partners it targeted, during the campaign
 * against their own baseline period, and, where the program has partners it did not target, the
 * same change of those partners as a control. Per currency, since sales of different currencies
 * are never added. Immutable.
 *
 * @param campaign   never null
 * @param during     the campaign's days up to the report's day (all of them once it is over); never null
 * @param baseline   the period compared with; never null
 * @param byCurrency one per currency of the targeted partners, by currency code; never null
 */
public record CampaignUplift(@JsonSerialize(using = ToStringSerializer.class) CampaignId campaign,
    DateRange during, DateRange baseline, List<CurrencyUplift> byCurrency) {
  public CampaignUplift {
    requireNonNull(campaign, "campaign");
    requireNonNull(during, "during");
    requireNonNull(baseline, "baseline");
    byCurrency = List.copyOf(requireNonNull(byCurrency, "byCurrency"));
  }

  /**
   * The uplift among partners invoicing in one currency.
   *
   * @param currency  never null
   * @param targeted  the targeted partners; never null
   * @param control   the partners not targeted; empty when every partner in this currency was; never null
   * @param uplift    {@code targeted.change - control.change}: how much more the targeted partners'
   *                  sales per day changed than the others' did (0.12 = 12 percentage points); the
   *                  targeted change alone when there is no control; empty when no change is defined;
   *                  never null
   */
  public record CurrencyUplift(Currency currency, GroupSales targeted,
      @JsonSerialize(using = Json.OptionalValue.class) Optional<GroupSales> control,
      @JsonSerialize(using = Json.OptionalValue.class) Optional<BigDecimal> uplift) {
    public CurrencyUplift {
      requireNonNull(currency, "currency");
      requireNonNull(targeted, "targeted");
      requireNonNull(control, "control");
      requireNonNull(uplift, "uplift");
    }
  }

  /**
   * One group's net sales (sales less returns, by the activities' days) in both periods.
   *
   * @param partners      how many partners are in the group
   * @param baselineSales net sales in the baseline period; never null
   * @param duringSales   net sales during the campaign; never null
   * @param baselinePerDay {@code baselineSales / baseline days}, to 16 significant digits; never null
   * @param duringPerDay   {@code duringSales / campaign days}, to 16 significant digits; never null
   * @param change        {@code duringPerDay / baselinePerDay - 1}; empty when the baseline sold
   *                      nothing; never null
   */
  public record GroupSales(long partners, BigDecimal baselineSales, BigDecimal duringSales, BigDecimal baselinePerDay,
      BigDecimal duringPerDay, @JsonSerialize(using = Json.OptionalValue.class) Optional<BigDecimal> change) {
    public GroupSales {
      requireNonNull(baselineSales, "baselineSales");
      requireNonNull(duringSales, "duringSales");
      requireNonNull(baselinePerDay, "baselinePerDay");
      requireNonNull(duringPerDay, "duringPerDay");
      requireNonNull(change, "change");
    }
  }
}
