package dev.loyalty.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monthly series: gaps are zero months, sums over the union of months, cuts, and what it refuses. */
class MonthlySeriesTest {
  static final Currency INR = Currency.getInstance("INR");
  static final Currency USD = Currency.getInstance("USD");

  static List<BigDecimal> amounts(String... values) {
    return Arrays.stream(values).map(BigDecimal::new).toList();
  }

  @Test
  void ofMap_fillsTheMonthsBetweenWithZeros() {
    MonthlySeries s = MonthlySeries.of(INR, Map.of(YearMonth.of(2025, 11), new BigDecimal("100"),
        YearMonth.of(2026, 2), new BigDecimal("-20.50")));

    assertThat(s.start()).isEqualTo(YearMonth.of(2025, 11));
    assertThat(s.end()).isEqualTo(YearMonth.of(2026, 2));
    assertThat(s.length()).isEqualTo(4);
    assertThat(s.amounts()).isEqualTo(amounts("100", "0", "0", "-20.5"));
    assertThat(s.asMap()).containsEntry(YearMonth.of(2025, 12), BigDecimal.ZERO).hasSize(4);
  }

  @Test
  void equality_comparesAmountsByValue() {
    assertThat(MonthlySeries.of(INR, YearMonth.of(2026, 1), amounts("10.00", "1E+3")))
        .isEqualTo(MonthlySeries.of(INR, YearMonth.of(2026, 1), amounts("10", "1000")));
  }

  @Test
  void amounts_areACopyThatCannotBeChanged() {
    List<BigDecimal> list = new ArrayList<>(amounts("1", "2"));
    MonthlySeries s = MonthlySeries.of(INR, YearMonth.of(2026, 1), list);
    list.set(0, BigDecimal.TEN);

    assertThat(s.amounts()).isEqualTo(amounts("1", "2"));
    assertThatThrownBy(() -> s.amounts().set(0, BigDecimal.ONE)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void plus_coversTheMonthsOfBoth() {
    MonthlySeries a = MonthlySeries.of(INR, YearMonth.of(2026, 1), amounts("1", "2", "3"));
    MonthlySeries b = MonthlySeries.of(INR, YearMonth.of(2026, 2), amounts("10", "20", "30", "40"));

    MonthlySeries sum = a.plus(b);

    assertThat(sum.start()).isEqualTo(YearMonth.of(2026, 1));
    assertThat(sum.amounts()).isEqualTo(amounts("1", "12", "23", "30", "40"));
    assertThat(b.plus(a)).isEqualTo(sum);
  }

  @Test
  void plus_ofSeriesWithAGapBetweenThem_hasZeroMonthsThere() {
    MonthlySeries a = MonthlySeries.of(INR, YearMonth.of(2026, 1), amounts("1"));
    MonthlySeries b = MonthlySeries.of(INR, YearMonth.of(2026, 4), amounts("4"));

    assertThat(MonthlySeries.sum(List.of(a, b)).amounts()).isEqualTo(amounts("1", "0", "0", "4"));
  }

  @Test
  void through_keepsTheMonthsUpToItAndRefusesAMonthBeforeTheStart() {
    MonthlySeries s = MonthlySeries.of(INR, YearMonth.of(2026, 1), amounts("1", "2", "3"));

    assertThat(s.through(YearMonth.of(2026, 2)).amounts()).isEqualTo(amounts("1", "2"));
    assertThat(s.through(YearMonth.of(2027, 1))).isSameAs(s);
    assertThatThrownBy(() -> s.through(YearMonth.of(2025, 12))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2026-01..2026-03 has no month up to 2025-12");
  }

  @Test
  void zeros_coversEveryMonthOfTheWindow() {
    assertThat(MonthlySeries.zeros(INR, YearMonth.of(2025, 12), YearMonth.of(2026, 2)).amounts())
        .isEqualTo(amounts("0", "0", "0"));
  }

  // ---------------------------------------------------------------------------------------------
  // Refusals: each with its message. Series are immutable, so a refusal has nothing to undo; where
  // the caller hands in a mutable collection, it is checked to be unchanged.

  @Test
  void anEmptySeriesIsRefused() {
    assertThatThrownBy(() -> MonthlySeries.of(INR, YearMonth.of(2026, 1), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a monthly series of INR from 2026-01 needs at least one month, got none");
    Map<YearMonth, BigDecimal> empty = new HashMap<>();
    assertThatThrownBy(() -> MonthlySeries.of(INR, empty)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs at least one month, got none");
    assertThat(empty).isEmpty();
    assertThatThrownBy(() -> MonthlySeries.sum(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a sum of monthly series needs at least one series, got none");
  }

  @Test
  void aMissingAmountIsRefusedWithItsMonth() {
    List<BigDecimal> withNull = new ArrayList<>(amounts("1", "2"));
    withNull.add(null);
    assertThatThrownBy(() -> MonthlySeries.of(INR, YearMonth.of(2026, 1), withNull))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the amount of 2026-03 is missing");
  }

  @Test
  void aSeriesLongerThanACenturyIsRefusedBeforeAnythingIsAllocated() {
    Map<YearMonth, BigDecimal> farApart = new HashMap<>(Map.of(YearMonth.of(1, 1), BigDecimal.ONE,
        YearMonth.of(999_999_999, 12), BigDecimal.ONE));
    assertThatThrownBy(() -> MonthlySeries.of(INR, farApart)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 1200 months").hasMessageContaining("got 11999999988 from 0001-01 through 999999999-12");
    assertThat(farApart).hasSize(2);
    assertThatThrownBy(() -> MonthlySeries.of(INR, YearMonth.of(2026, 1),
        java.util.Collections.nCopies(1201, BigDecimal.ONE))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 1200 months, got 1201 from 2026-01");
  }

  @Test
  void aSeriesEndingAfterTheLastRepresentableMonthIsRefused() {
    assertThatThrownBy(() -> MonthlySeries.of(INR, YearMonth.of(999_999_999, 12), amounts("1", "2")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends after the last representable month");
  }

  @Test
  void aWindowEndingBeforeItStartsIsRefused() {
    assertThatThrownBy(() -> MonthlySeries.zeros(INR, YearMonth.of(2026, 3), YearMonth.of(2026, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from 2026-03 through 2026-01 would end before it starts");
  }

  @Test
  void addingSeriesOfTwoCurrenciesIsRefusedNamingBothSides() {
    MonthlySeries rupees = MonthlySeries.of(INR, YearMonth.of(2026, 1), amounts("1", "2"));
    MonthlySeries dollars = MonthlySeries.of(USD, YearMonth.of(2026, 2), amounts("3"));

    assertThatThrownBy(() -> rupees.plus(dollars)).isInstanceOf(CurrencyMismatchException.class)
        .hasMessageContaining("Currency mismatch: cannot add the series 2026-01..2026-02 (INR) and the series "
            + "2026-02..2026-02 (USD); convert them to one currency first")
        .satisfies(e -> {
          assertThat(((CurrencyMismatchException) e).left()).isEqualTo(INR);
          assertThat(((CurrencyMismatchException) e).right()).isEqualTo(USD);
        });
    List<MonthlySeries> mixed = new ArrayList<>(List.of(rupees, rupees, dollars));
    assertThatThrownBy(() -> MonthlySeries.sum(mixed)).isInstanceOf(CurrencyMismatchException.class)
        .hasMessageContaining("INR").hasMessageContaining("USD");
    assertThat(mixed).containsExactly(rupees, rupees, dollars);
  }
}
