package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.YearMonth;
import java.util.List;

/**
 * The program's points liability projected month by month: the points outstanding at the end of the
 * last complete month, plus the forecast of each later month's net change (issued less taken back,
 * redeemed and expired), forecast from the months before by {@link Forecaster#forecast}. Immutable.
 *
 * @param lastMonth   the last complete month, the projection's starting point; never null
 * @param outstanding posted points in every wallet at the end of {@code lastMonth}
 * @param history     the monthly net change of every month since the first one with a posting,
 *                    through {@code lastMonth}; never null
 * @param method      how the changes were forecast; never null
 * @param basis       why, in a sentence (the forecaster's); never null
 * @param months      one per month after {@code lastMonth}, in order; never null
 */
public record LiabilityProjection(@JsonSerialize(using = ToStringSerializer.class) YearMonth lastMonth,
    long outstanding, List<Change> history, ForecastMethod method, String basis, List<Month> months) {
  public LiabilityProjection {
    requireNonNull(lastMonth, "lastMonth");
    history = List.copyOf(requireNonNull(history, "history"));
    requireNonNull(method, "method");
    requireNonNull(basis, "basis");
    months = List.copyOf(requireNonNull(months, "months"));
  }

  /**
   * One past month's net change of the points outstanding.
   *
   * @param month  never null
   * @param change posted points in the wallets at its end less at its start
   */
  public record Change(@JsonSerialize(using = ToStringSerializer.class) YearMonth month, long change) {
    public Change {
      requireNonNull(month, "month");
    }
  }

  /**
   * One projected month.
   *
   * @param month       never null
   * @param change      the forecast net change, rounded half-even to a whole point
   * @param outstanding the projected points outstanding at its end
   */
  public record Month(@JsonSerialize(using = ToStringSerializer.class) YearMonth month, long change,
      long outstanding) {
    public Month {
      requireNonNull(month, "month");
    }
  }
}
