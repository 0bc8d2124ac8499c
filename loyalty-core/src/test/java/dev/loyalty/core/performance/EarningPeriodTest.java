package dev.loyalty.core.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.program.ExpiryPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The periods points are counted in: days and months in the program's zone, calendar quarters, program years. */
class EarningPeriodTest {
  private static final MonthDay CALENDAR = MonthDay.of(12, 31);
  private static final MonthDay FISCAL = MonthDay.of(3, 31);

  @Test
  void anInstantIsInTheDayMonthQuarterAndYearOfTheProgramsZone() {
    // 2026-06-30T20:00Z is already 1 July in Kolkata
    assertThat(EarningPeriod.of(Instant.parse("2026-06-30T20:00:00Z"), ZoneId.of("Asia/Kolkata"), CALENDAR))
        .extracting(EarningPeriod::toString)
        .containsExactly("day 2026-07-01", "month 2026-07", "quarter 2026-Q3", "year 2026");
  }

  @Test
  void quartersAreCalendarQuarters() {
    assertThat(EarningPeriod.of(EarningPeriod.Kind.QUARTER, LocalDate.of(2026, 3, 31), CALENDAR))
        .isEqualTo(new EarningPeriod(EarningPeriod.Kind.QUARTER, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)));
    assertThat(EarningPeriod.of(EarningPeriod.Kind.QUARTER, LocalDate.of(2026, 12, 1), CALENDAR).label())
        .isEqualTo("2026-Q4");
    assertThat(EarningPeriod.of(EarningPeriod.Kind.MONTH, LocalDate.of(2028, 2, 10), CALENDAR).last())
        .isEqualTo(LocalDate.of(2028, 2, 29));
  }

  @Test
  void aProgramYearEndsOnTheProgramsYearEnd() {
    EarningPeriod may = EarningPeriod.of(EarningPeriod.Kind.YEAR, LocalDate.of(2026, 5, 14), FISCAL);
    assertThat(may).isEqualTo(new EarningPeriod(EarningPeriod.Kind.YEAR, LocalDate.of(2026, 4, 1),
        LocalDate.of(2027, 3, 31)));
    assertThat(may.label()).isEqualTo("2026-04-01/2027-03-31");
    assertThat(EarningPeriod.of(EarningPeriod.Kind.YEAR, LocalDate.of(2026, 3, 31), FISCAL).first())
        .isEqualTo(LocalDate.of(2025, 4, 1));
    // a year ending on 29 February ends on the 28th in other years
    MonthDay leap = MonthDay.of(2, 29);
    assertThat(EarningPeriod.of(EarningPeriod.Kind.YEAR, LocalDate.of(2026, 3, 1), leap)).isEqualTo(
        new EarningPeriod(EarningPeriod.Kind.YEAR, LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28)));
    assertThat(EarningPeriod.of(EarningPeriod.Kind.YEAR, LocalDate.of(2028, 2, 29), leap)).isEqualTo(
        new EarningPeriod(EarningPeriod.Kind.YEAR, LocalDate.of(2027, 3, 1), LocalDate.of(2028, 2, 29)));
  }

  @Test
  void aProgramYearIsTheYearTheExpiryPolicyEndsPointsWith() {
    // points earned on a day expire when its program year ends: the same year the caps count in
    for (LocalDate day = LocalDate.of(2026, 1, 1); day.isBefore(LocalDate.of(2029, 1, 1)); day = day.plusDays(1)) {
      for (MonthDay end : new MonthDay[] {FISCAL, CALENDAR, MonthDay.of(2, 29), MonthDay.of(6, 15)}) {
        Instant noon = day.atTime(12, 0).atZone(ZoneId.of("UTC")).toInstant();
        Instant expires = new ExpiryPolicy.EndOfProgramYear(end, 0).expiryOf(noon, ZoneId.of("UTC")).orElseThrow();
        EarningPeriod year = EarningPeriod.of(EarningPeriod.Kind.YEAR, day, end);
        assertThat(year.contains(day)).isTrue();
        assertThat(year.last().plusDays(1).atStartOfDay(ZoneId.of("UTC")).toInstant()).isEqualTo(expires);
      }
    }
  }

  @Test
  void aPeriodCannotEndBeforeItStarts_andADayIsOneDay() {
    assertThatThrownBy(() -> new EarningPeriod(EarningPeriod.Kind.MONTH, LocalDate.of(2026, 7, 31),
        LocalDate.of(2026, 7, 1))).hasMessageContaining("cannot end (2026-07-01) before it starts (2026-07-31)");
    assertThatThrownBy(() -> new EarningPeriod(EarningPeriod.Kind.DAY, LocalDate.of(2026, 7, 1),
        LocalDate.of(2026, 7, 2))).hasMessageContaining("a day period is one day");
  }

  /**
   * Regression (issue 20): the hash of a day period left its low bits constant, so a participant's
   * days crowded into a few buckets of its earned-points map, which made lookups slow.
   */
  @Test
  void aYearOfDayPeriodsSpreadsOverAHashTable_andEqualPeriodsHashAlike() {
    java.util.Set<Integer> buckets = new java.util.HashSet<>();
    LocalDate day = LocalDate.of(2026, 1, 1);
    for (int i = 0; i < 365; i++) {
      EarningPeriod period = EarningPeriod.of(EarningPeriod.Kind.DAY, day.plusDays(i), MonthDay.of(12, 31));
      int h = period.hashCode();
      buckets.add((h ^ (h >>> 16)) & 511); // where a HashMap of 512 buckets puts it
    }
    assertThat(buckets).hasSizeGreaterThan(300);
    for (EarningPeriod.Kind kind : EarningPeriod.Kind.values()) {
      EarningPeriod a = EarningPeriod.of(kind, LocalDate.of(2026, 7, 2), MonthDay.of(3, 31));
      EarningPeriod b = EarningPeriod.of(kind, LocalDate.of(2026, 7, 2), MonthDay.of(3, 31));
      assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }
    assertThat(EarningPeriod.of(EarningPeriod.Kind.DAY, LocalDate.of(2026, 7, 1), MonthDay.of(3, 31)))
        .isNotEqualTo(EarningPeriod.of(EarningPeriod.Kind.MONTH, LocalDate.of(2026, 7, 1), MonthDay.of(3, 31)));
  }
}
