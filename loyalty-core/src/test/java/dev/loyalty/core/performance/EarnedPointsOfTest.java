package dev.loyalty.core.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.PartnerId;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link EarnedPoints#of} keeps its periods and totals in one array per map ({@code KindMap})
 * instead of two enum maps copied into immutable maps: whatever the input (the four periods in any
 * order, one missing, two of a kind), it gives the same earned points as the maps it used to build
 * (equal, same hash, same lookups, same iteration by kind, equally immutable), or the same refusal.
 */
class EarnedPointsOfTest {
  private static final PartnerId DEALER = PartnerId.of("dealer-1");
  private static final CampaignId MONSOON = CampaignId.of("monsoon");

  @Provide
  Arbitrary<Map<EarningPeriod, PointTotals>> periods() {
    Arbitrary<LocalDate> days = Arbitraries.integers().between(0, 800).map(d -> LocalDate.of(2025, 1, 1).plusDays(d));
    Arbitrary<EarningPeriod> period = Combinators.combine(Arbitraries.of(EarningPeriod.Kind.class), days)
        .as((kind, day) -> EarningPeriod.of(kind, day, MonthDay.of(12, 31)));
    Arbitrary<PointTotals> totals = Combinators.combine(
        Arbitraries.maps(Arbitraries.of("base", "mix", "cap"), Arbitraries.longs().between(-5, 5)).ofMaxSize(3),
        Arbitraries.maps(Arbitraries.just(MONSOON), Arbitraries.longs().between(-5, 5)).ofMaxSize(1))
        .as(PointTotals::new);
    // mostly the four kinds of one day, in any order; sometimes a kind missing or repeated
    Arbitrary<Map<EarningPeriod, PointTotals>> ofADay = Combinators.combine(days, totals.list().ofSize(4),
        Arbitraries.shuffle(EarningPeriod.Kind.values()))
        .as((day, t, kinds) -> {
          Map<EarningPeriod, PointTotals> m = new LinkedHashMap<>();
          for (int i = 0; i < 4; i++) {
            m.put(EarningPeriod.of(kinds.get(i), day, MonthDay.of(12, 31)), t.get(i));
          }
          return m;
        });
    Arbitrary<Map<EarningPeriod, PointTotals>> any = Arbitraries.maps(period, totals).ofMaxSize(6)
        .map(LinkedHashMap::new);
    return Arbitraries.frequencyOf(Tuple.of(4, ofADay), Tuple.of(1, any));
  }

  @Property(tries = 400)
  void ofGivesWhatTheCopiedMapsGave(@ForAll("periods") Map<EarningPeriod, PointTotals> totals) {
    EarnedPoints expected;
    try {
      expected = asItWas(totals);
    } catch (IllegalArgumentException refused) {
      assertThatThrownBy(() -> EarnedPoints.of(DEALER, totals)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(refused.getMessage().substring(0, refused.getMessage().indexOf(':') + 1));
      return;
    }
    EarnedPoints made = EarnedPoints.of(DEALER, totals);
    assertThat(made).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(made.periods()).isEqualTo(expected.periods()).hasSameHashCodeAs(expected.periods());
    assertThat(made.totals()).isEqualTo(expected.totals()).hasSameHashCodeAs(expected.totals());
    assertThat(expected.periods()).isEqualTo(made.periods());
    assertThat(new ArrayList<>(made.periods().keySet())).containsExactly(EarningPeriod.Kind.values());
    List<Map.Entry<EarningPeriod.Kind, PointTotals>> seen = new ArrayList<>();
    made.totals().forEach((kind, t) -> seen.add(Map.entry(kind, t)));
    assertThat(seen).isEqualTo(new ArrayList<>(made.totals().entrySet()));
    for (EarningPeriod.Kind kind : EarningPeriod.Kind.values()) {
      assertThat(made.period(kind)).isEqualTo(expected.period(kind));
      assertThat(made.periods().containsKey(kind)).isTrue();
      for (String rule : List.of("base", "mix", "cap", "none")) {
        assertThat(made.byRule(kind, rule)).isEqualTo(expected.byRule(kind, rule));
      }
      assertThat(made.byCampaign(kind, MONSOON)).isEqualTo(expected.byCampaign(kind, MONSOON));
    }
    assertThat(((Map<?, ?>) made.periods()).get("DAY")).isNull();
    assertThatThrownBy(() -> made.periods().put(EarningPeriod.Kind.DAY, made.period(EarningPeriod.Kind.DAY)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> made.totals().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> made.periods().get(null)).isInstanceOf(NullPointerException.class);
  }

  /** What {@code of} made before: two enum maps, copied by the constructor. */
  private static EarnedPoints asItWas(Map<EarningPeriod, PointTotals> totals) {
    Map<EarningPeriod.Kind, EarningPeriod> byKind = new EnumMap<>(EarningPeriod.Kind.class);
    Map<EarningPeriod.Kind, PointTotals> points = new EnumMap<>(EarningPeriod.Kind.class);
    totals.forEach((period, total) -> {
      if (byKind.put(period.kind(), period) != null) {
        throw new IllegalArgumentException("earned points of " + DEALER + " have two " + period.kind()
            + " periods: " + totals.keySet());
      }
      points.put(period.kind(), total);
    });
    return new EarnedPoints(DEALER, byKind, points);
  }
}
