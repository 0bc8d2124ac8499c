package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One participant's {@link ParticipantHistory} kept up to date in place, for a store that keeps
 * histories in memory: it adds exactly what {@link ParticipantHistory#plus(Contribution)} and
 * {@link ParticipantHistory#plus(PointsContribution)} add, but changes one month and the
 * contribution's periods instead of copying the whole history for every activity, and reads
 * figures and earned points from itself instead of from a copy.
 *
 * <p>Not thread-safe: whoever shares an instance guards every call with one lock (the in-memory
 * store locks the instance). Nothing returned is null.
 */
public final class RunningHistory {
  private final ParticipantId participant;
  private final Currency currency;
  private final NavigableMap<YearMonth, MonthFigures> months = new TreeMap<>();
  private final Map<String, Optional<LocalDate>> certifications = new HashMap<>();
  private Optional<Instant> lastActivity = Optional.empty();
  /** Only periods with points; the values are immutable, so reads hand them out as they are. */
  private final Map<EarningPeriod, PointTotals> earned = new HashMap<>();

  /** A participant nothing is known about yet, its sales kept in {@code currency}. */
  public RunningHistory(ParticipantId participant, Currency currency) {
    this.participant = requireNonNull(participant, "participant");
    this.currency = requireNonNull(currency, "currency");
  }

  /** The currency its sales are kept in. */
  public Currency currency() {
    return currency;
  }

  /**
   * Adds {@code c}'s sales, orders, certification and time.
   *
   * @throws IllegalArgumentException if {@code c} is in another currency; nothing changes
   */
  public void add(Contribution c) {
    ParticipantHistory.requireCurrency(participant, currency, requireNonNull(c, "c"));
    ParticipantHistory.addFigures(currency, months, certifications, c);
    lastActivity = ParticipantHistory.latest(lastActivity, c);
  }

  /**
   * Adds {@code c}'s points in each of its periods; a period that comes back to no points is
   * dropped.
   *
   * @throws ArithmeticException if a total overflows a {@code long}; nothing changes
   */
  public void add(PointsContribution c) {
    if (requireNonNull(c, "c").points().isEmpty()) {
      return;
    }
    // every sum first, so that an overflow leaves every period as it was
    List<PointTotals> sums = new ArrayList<>(c.periods().size());
    for (EarningPeriod period : c.periods()) {
      sums.add(earned(period).plus(c.points()));
    }
    for (int i = 0; i < sums.size(); i++) {
      if (sums.get(i).isEmpty()) {
        earned.remove(c.periods().get(i));
      } else {
        earned.put(c.periods().get(i), sums.get(i));
      }
    }
  }

  /** The points earned in {@code period}; {@link PointTotals#NONE} if none. */
  public PointTotals earned(EarningPeriod period) {
    return earned.getOrDefault(requireNonNull(period, "period"), PointTotals.NONE);
  }

  /**
   * The figures as of {@code asOf}: what {@link PerformanceFigures#of(ParticipantHistory, Instant,
   * ZoneId, int)} computes from {@link #snapshot()}, without the copy.
   */
  public PerformanceFigures figures(Instant asOf, ZoneId zone, int windowMonths) {
    return PerformanceFigures.of(participant, currency, Collections.unmodifiableNavigableMap(months),
        Collections.unmodifiableMap(certifications), lastActivity, requireNonNull(asOf, "asOf"),
        requireNonNull(zone, "zone"), windowMonths);
  }

  /** An immutable copy of everything added so far. */
  public ParticipantHistory snapshot() {
    return new ParticipantHistory(participant, currency, new TreeMap<>(months), certifications, lastActivity,
        EarningHistory.of(earned));
  }
}
