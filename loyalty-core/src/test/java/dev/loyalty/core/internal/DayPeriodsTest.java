package dev.loyalty.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.performance.EarningPeriod;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The day kept by {@link DayPeriods} (with the times it starts and ends) answers as the zoned date
 * computed afresh for every time: random times, mostly within seconds of midnight and of the
 * clock changes of a zone with daylight saving, in zones with and without it.
 */
class DayPeriodsTest {
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Kolkata"), ZoneId.of("America/New_York"),
      ZoneId.of("Europe/London"), ZoneOffset.UTC);

  @Provide
  Arbitrary<List<Instant>> times() {
    // midnights of March and November 2026 (New York and London change clocks in both), a few
    // seconds either side, and hours in between
    Arbitrary<Instant> nearMidnight = Arbitraries.integers().between(0, 60).flatMap(day ->
        Arbitraries.integers().between(-3, 3).flatMap(seconds -> Arbitraries.of(ZONES).map(zone ->
            LocalDateTime.of(2026, day < 30 ? 3 : 10, 1, 0, 0).plusDays(day % 30).atZone(zone).toInstant()
                .plusSeconds(seconds))));
    Arbitrary<Instant> clockChanges = Arbitraries.of(Instant.parse("2026-03-08T07:00:00Z"),
        Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
        Instant.parse("2026-11-01T06:00:00Z")).flatMap(t -> Arbitraries.integers().between(-7200, 7200)
        .map(t::plusSeconds));
    Arbitrary<Instant> anyTime = Arbitraries.longs().between(0, 400L * 86_400)
        .map(s -> Instant.parse("2026-01-01T00:00:00Z").plusSeconds(s));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, nearMidnight), net.jqwik.api.Tuple.of(2, clockChanges),
        net.jqwik.api.Tuple.of(1, anyTime)).list().ofMaxSize(50);
  }

  @Property(tries = 300)
  void answersAsTheZonedDateComputedAfresh(@ForAll("times") List<Instant> times) {
    for (ZoneId zone : ZONES) {
      DayPeriods days = new DayPeriods(zone, MonthDay.of(3, 31));
      for (Instant at : times) {
        assertThat(days.dayOf(at)).as("%s in %s", at, zone).isEqualTo(at.atZone(zone).toLocalDate());
        assertThat(days.periodsOf(at)).as("%s in %s", at, zone)
            .isEqualTo(EarningPeriod.of(at, zone, MonthDay.of(3, 31)));
      }
    }
  }
}
