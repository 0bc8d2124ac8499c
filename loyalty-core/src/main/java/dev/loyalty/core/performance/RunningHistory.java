package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
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
  private final NavigableMap<YearMonth, RunningMonth> months = new TreeMap<>();
  private final Map<String, Optional<LocalDate>> certifications = new HashMap<>();
  private Optional<Instant> lastActivity = Optional.empty();
  /**
   * Only periods with points, per kind (by ordinal; made on the first points of the kind): rows of
   * arrays added to in place, read as {@link PointTotals} of the reader's own, so totals read before
   * an add keep what they read.
   */
  private final KindTotals[] earned = new KindTotals[EarningPeriod.Kind.values().length];
  /**
   * The sums of the figures last read, kept up to date by the contributions of their month; empty
   * when none was read since a contribution of another month. The rules read a participant's
   * figures before its activity is added and the tier check after, as of the same day: both then
   * read these sums instead of summing the months again.
   */
  private FiguresWindow window;

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
    // the month added to in place (what ParticipantHistory.addFigures adds to a copy); a new month
    // is kept only once the contribution is in it, so a refused one leaves no empty month behind
    RunningMonth month = months.get(c.month());
    if (month == null) {
      month = new RunningMonth(currency);
      month.add(c);
      months.put(c.month(), month);
    } else {
      month.add(c);
    }
    ParticipantHistory.addCertification(certifications, c);
    lastActivity = ParticipantHistory.latest(lastActivity, c);
    if (window != null && !window.absorb(c, months, certifications)) {
      window = null;
    }
  }

  /**
   * Adds {@code c}'s points in each of its periods; a period that comes back to no points is
   * dropped.
   *
   * @throws ArithmeticException if a total overflows a {@code long}; nothing changes
   */
  public void add(PointsContribution c) {
    PointTotals points = requireNonNull(c, "c").points();
    if (points.isEmpty()) {
      return;
    }
    SortedTotals<String> rules = sorted(points.byRule());
    SortedTotals<CampaignId> campaigns = sorted(points.byCampaign());
    // every period checked first (each add throws on an overflow), then added to: an overflow
    // leaves every period as it was
    List<EarningPeriod> periods = c.periods();
    for (int i = 0; i < periods.size(); i++) {
      EarningPeriod p = periods.get(i);
      KindTotals totals = earned[p.kind().ordinal()];
      if (totals != null) {
        totals.check(p, rules, campaigns);
      }
    }
    for (int i = 0; i < periods.size(); i++) {
      EarningPeriod p = periods.get(i);
      int kind = p.kind().ordinal();
      if (earned[kind] == null) {
        earned[kind] = new KindTotals();
      }
      earned[kind].add(p, rules, campaigns);
    }
  }

  /** The points earned in {@code period}; {@link PointTotals#NONE} if none. */
  public PointTotals earned(EarningPeriod period) {
    KindTotals totals = earned[requireNonNull(period, "period").kind().ordinal()];
    return totals == null ? PointTotals.NONE : totals.get(period);
  }

  /**
   * The figures as of {@code asOf}: what {@link PerformanceFigures#of(ParticipantHistory, Instant,
   * ZoneId, int)} computes from {@link #snapshot()}, without the copy, and without summing the
   * months again when the last figures read were of the same month (and of a day with the same
   * valid certifications).
   */
  public PerformanceFigures figures(Instant asOf, ZoneId zone, int windowMonths) {
    requireNonNull(asOf, "asOf");
    requireNonNull(zone, "zone");
    if (window == null || !window.isFor(asOf, zone, windowMonths)) {
      window = FiguresWindow.of(currency, Collections.unmodifiableNavigableMap(months),
          Collections.unmodifiableMap(certifications), asOf, zone, windowMonths);
    }
    return window.figures(participant, asOf, lastActivity);
  }

  /** An immutable copy of everything added so far. */
  public ParticipantHistory snapshot() {
    TreeMap<YearMonth, MonthFigures> figures = new TreeMap<>();
    months.forEach((month, sums) -> figures.put(month, sums.figures()));
    return new ParticipantHistory(participant, currency, figures, certifications, lastActivity,
        EarningHistory.of(earnedSoFar()));
  }

  private Map<EarningPeriod, PointTotals> earnedSoFar() {
    Map<EarningPeriod, PointTotals> all = new HashMap<>();
    for (KindTotals totals : earned) {
      if (totals != null) {
        totals.copyInto(all);
      }
    }
    return all;
  }

  /** {@code totals} (a {@link PointTotals} map: without zeros) as sorted totals. */
  private static <K extends Comparable<K>> SortedTotals<K> sorted(Map<K, Long> totals) {
    if (totals instanceof SortedTotals<K> sorted) {
      return sorted;
    }
    return totals.isEmpty() ? SortedTotals.empty() : SortedTotals.<K>empty().plus(totals);
  }
}
