package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a participant had earned, before an activity, in the activity's own day, month, quarter
 * and program year, per rule and per campaign: what a cap needs ("no partner earns more than 10,000
 * points a month from rule X"). The engine keeps the totals exactly: points posted or held for
 * review count, what a rejection released or a return took back no longer counts (in the periods
 * the points were earned in), and refused or blocked activities count nothing.
 *
 * <p>A partner's points are its organisation's: what the partner and its members earned (so a cap
 * before the org/rep split holds for the whole organisation); a member's are its own.
 *
 * <p>Immutable and thread-safe. Nothing returned is null.
 *
 * @param participant whose points; never null
 * @param periods     the activity's periods, one of each kind; never null
 * @param totals      the points of each of them; never null
 */
public record EarnedPoints(ParticipantId participant, Map<EarningPeriod.Kind, EarningPeriod> periods,
    Map<EarningPeriod.Kind, PointTotals> totals) {
  private static final EarningPeriod.Kind[] KINDS = EarningPeriod.Kind.values();

  public EarnedPoints {
    requireNonNull(participant, "participant");
    // a KindMap is immutable and complete (made by of): kept as it is, no copy per read
    periods = requireNonNull(periods, "periods") instanceof KindMap ? periods : Map.copyOf(periods);
    totals = requireNonNull(totals, "totals") instanceof KindMap ? totals : Map.copyOf(totals);
    for (EarningPeriod.Kind kind : KINDS) {
      EarningPeriod period = periods.get(kind);
      if (period == null || period.kind() != kind || !totals.containsKey(kind)) {
        throw new IllegalArgumentException("earned points of " + participant + " need a " + kind
            + " period and its totals, got " + periods + " and " + totals.keySet());
      }
    }
  }

  /**
   * {@code participant}'s points in each period of {@code totals} (the activity's periods, one of
   * each kind, as {@link dev.loyalty.core.spi.PerformanceStore#earned} reads them); never null.
   */
  public static EarnedPoints of(ParticipantId participant, Map<EarningPeriod, PointTotals> totals) {
    // one array per map, by kind: the engine reads earned points twice per activity
    Object[] byKind = new Object[KINDS.length];
    Object[] points = new Object[byKind.length];
    requireNonNull(totals, "totals").forEach((period, total) -> {
      int kind = period.kind().ordinal();
      if (byKind[kind] != null) {
        throw new IllegalArgumentException("earned points of " + participant + " have two " + period.kind()
            + " periods: " + totals.keySet());
      }
      byKind[kind] = period;
      points[kind] = requireNonNull(total, "totals");
    });
    if (!KindMap.complete(byKind)) {
      // refused by the constructor, which names what is missing
      Map<EarningPeriod.Kind, EarningPeriod> some = new EnumMap<>(EarningPeriod.Kind.class);
      Map<EarningPeriod.Kind, PointTotals> someTotals = new EnumMap<>(EarningPeriod.Kind.class);
      totals.forEach((period, total) -> {
        some.put(period.kind(), period);
        someTotals.put(period.kind(), total);
      });
      return new EarnedPoints(participant, some, someTotals);
    }
    return new EarnedPoints(participant, new KindMap<>(byKind), new KindMap<>(points));
  }

  /** Nothing earned yet in {@code periods}: for facts made by hand (tests, tools); never null. */
  public static EarnedPoints none(ParticipantId participant, List<EarningPeriod> periods) {
    Map<EarningPeriod, PointTotals> totals = new LinkedHashMap<>();
    requireNonNull(periods, "periods").forEach(p -> totals.put(p, PointTotals.NONE));
    return of(participant, totals);
  }

  /** The activity's period of {@code kind}. */
  public EarningPeriod period(EarningPeriod.Kind kind) {
    return periods.get(requireNonNull(kind, "kind"));
  }

  /** The points of rule {@code ruleId} in the activity's period of {@code kind}. */
  public long byRule(EarningPeriod.Kind kind, String ruleId) {
    return totals.get(requireNonNull(kind, "kind")).rule(ruleId);
  }

  /** The points of campaign {@code campaign} in the activity's period of {@code kind}. */
  public long byCampaign(EarningPeriod.Kind kind, CampaignId campaign) {
    return totals.get(requireNonNull(kind, "kind")).campaign(campaign);
  }

  /** The points of rule {@code ruleId} on the activity's day. */
  public long inDay(String ruleId) {
    return byRule(EarningPeriod.Kind.DAY, ruleId);
  }

  /** The points of rule {@code ruleId} in the activity's calendar month. */
  public long inMonth(String ruleId) {
    return byRule(EarningPeriod.Kind.MONTH, ruleId);
  }

  /** The points of rule {@code ruleId} in the activity's calendar quarter. */
  public long inQuarter(String ruleId) {
    return byRule(EarningPeriod.Kind.QUARTER, ruleId);
  }

  /** The points of rule {@code ruleId} in the activity's program year. */
  public long inYear(String ruleId) {
    return byRule(EarningPeriod.Kind.YEAR, ruleId);
  }

  /** The points of campaign {@code campaign} on the activity's day. */
  public long inDayByCampaign(CampaignId campaign) {
    return byCampaign(EarningPeriod.Kind.DAY, campaign);
  }

  /** The points of campaign {@code campaign} in the activity's calendar month. */
  public long inMonthByCampaign(CampaignId campaign) {
    return byCampaign(EarningPeriod.Kind.MONTH, campaign);
  }

  /** The points of campaign {@code campaign} in the activity's calendar quarter. */
  public long inQuarterByCampaign(CampaignId campaign) {
    return byCampaign(EarningPeriod.Kind.QUARTER, campaign);
  }

  /** The points of campaign {@code campaign} in the activity's program year. */
  public long inYearByCampaign(CampaignId campaign) {
    return byCampaign(EarningPeriod.Kind.YEAR, campaign);
  }
}
