package dev.loyalty.core.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.PartnerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A {@link RunningHistory}'s figures, which it keeps summed and adds each contribution of the
 * current month to in place ({@link FiguresWindow}), against the figures summed afresh from a
 * snapshot of the same history after every step: random sequences of invoices, returns and
 * certifications dated in and around the months read, read as of days in those months, with two
 * window lengths and two zones (so that a read of another month, day, window or zone must not be
 * answered from sums kept for the last one). Figures read earlier keep what they said.
 */
class RunningFiguresTest {
  private static final Currency INR = Currency.getInstance("INR");
  private static final Currency USD = Currency.getInstance("USD");
  private static final PartnerId DEALER = PartnerId.of("dealer-a");
  private static final List<String> CATEGORIES = List.of("switches", "wires", "fans");
  private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Asia/Kolkata"));

  /** One step: a contribution to add, or a read of the figures. */
  sealed interface Step permits Add, Read {
  }

  record Add(int day, Map<String, Long> byCategory, int orders, Optional<String> certification,
      Optional<Integer> validForDays, boolean foreign) implements Step {
  }

  record Read(int day, int hour, int windowMonths, int zone) implements Step {
  }

  /** Days counted from 1 May 2026 (day 40 is 10 June). */
  private static LocalDate dayOf(int day) {
    return LocalDate.of(2026, 5, 1).plusDays(day);
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    // most in a few days of one month (what kept sums are for), some in the months around it
    Arbitrary<Integer> days = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(40, 41, 42)),
        Tuple.of(2, Arbitraries.of(70, 100)), Tuple.of(1, Arbitraries.integers().between(0, 150)));
    // sums of a category go down to zero and below (returns), and up again
    Arbitrary<Map<String, Long>> amounts = Arbitraries.maps(Arbitraries.of(CATEGORIES), Arbitraries.longs()
        .between(-6_000, 6_000)).ofMaxSize(3);
    // a certification often ends on one of the days read, so that two reads of a month see different ones
    Arbitrary<Integer> validity = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(-3, 2)),
        Tuple.of(1, Arbitraries.integers().between(0, 60)));
    // now and then a category in another currency: refused when its month already has the category
    Arbitrary<Boolean> foreign = Arbitraries.frequency(Tuple.of(15, false), Tuple.of(1, true));
    Arbitrary<Step> add = Combinators.combine(days, amounts, Arbitraries.integers().between(0, 1),
        Arbitraries.of("electrician", "installer").optional(0.15), validity.optional(0.7), foreign)
        .as(Add::new);
    // mostly one window and zone, as an engine reads them, so that kept sums are read again
    Arbitrary<Step> read = Combinators.combine(days, Arbitraries.integers().between(0, 23),
        Arbitraries.frequency(Tuple.of(4, 3), Tuple.of(1, 1)), Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(1, 1)))
        .as(Read::new);
    return Arbitraries.frequencyOf(Tuple.of(2, add), Tuple.of(3, read)).list()
        .ofMaxSize(60);
  }

  @Property(tries = 500)
  void figuresKeptSummedAgreeWithFiguresSummedAfresh_andEarlierReadsStay(@ForAll("steps") List<Step> steps) {
    RunningHistory history = new RunningHistory(DEALER, INR);
    // the model: the immutable history, each month's figures copied on every add (MonthFigures.plus)
    ParticipantHistory model = ParticipantHistory.empty(DEALER, INR);
    List<PerformanceFigures> read = new ArrayList<>();
    List<PerformanceFigures> expected = new ArrayList<>();
    int n = 0;
    for (Step step : steps) {
      if (step instanceof Add a) {
        Contribution c = contribution(n++, a);
        ParticipantHistory before = model;
        try {
          model = model.plus(c);
        } catch (IllegalArgumentException refused) {
          assertThatThrownBy(() -> history.add(c)).isInstanceOf(IllegalArgumentException.class)
              .hasMessage(refused.getMessage());
          assertThat(history.snapshot()).isEqualTo(before);
          continue;
        }
        history.add(c);
        // the months kept in place are the months the model copies
        assertThat(history.snapshot()).isEqualTo(model);
      } else if (step instanceof Read r) {
        ZoneId zone = ZONES.get(r.zone());
        Instant asOf = dayOf(r.day()).atTime(r.hour(), 30).atZone(zone).toInstant();
        PerformanceFigures fresh = PerformanceFigures.of(model, asOf, zone, r.windowMonths());
        PerformanceFigures kept = history.figures(asOf, zone, r.windowMonths());
        assertThat(kept).isEqualTo(fresh);
        read.add(kept);
        expected.add(fresh);
      }
    }
    assertThat(read).isEqualTo(expected);
  }

  private static Contribution contribution(int n, Add a) {
    LocalDate day = dayOf(a.day());
    Instant at = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    Map<String, Money> byCategory = new HashMap<>();
    BigDecimal total = BigDecimal.ZERO;
    for (Map.Entry<String, Long> e : a.byCategory().entrySet()) {
      BigDecimal amount = BigDecimal.valueOf(e.getValue(), 1);
      byCategory.put(e.getKey(), Money.of(amount, a.foreign() ? USD : INR));
      total = total.add(amount);
    }
    Optional<Contribution.Certification> certification = a.certification().map(code ->
        new Contribution.Certification(code, a.validForDays().map(day::plusDays)));
    return new Contribution(ActivityId.of("A-" + n), at, YearMonth.from(day), Money.of(total, INR), byCategory,
        a.orders(), certification);
  }
}
