package dev.loyalty.rules.standard;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.rules.facts.Earned;
import dev.loyalty.rules.facts.PointsAward;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One cap of {@link PeriodCaps}: at most {@code limit} points from rule (or campaign) {@code id}
 * per period of {@code period}, for a partner's organisation or for a member. Immutable and
 * thread-safe.
 *
 * @param parameter the parameter that sets it; never null
 * @param member    a member's cap (else a partner organisation's)
 * @param period    never null
 * @param campaign  a campaign's cap (else a rule's)
 * @param id        the rule id or campaign id; never null
 * @param limit     not negative
 */
public record PeriodCap(String parameter, boolean member, EarningPeriod.Kind period, boolean campaign, String id,
    long limit) {
  private static final Map<EarningPeriod.Kind, String> PER = Map.of(EarningPeriod.Kind.DAY, "a day",
      EarningPeriod.Kind.MONTH, "a month", EarningPeriod.Kind.QUARTER, "a quarter", EarningPeriod.Kind.YEAR,
      "a program year");

  public PeriodCap {
    requireNonNull(parameter, "parameter");
    requireNonNull(period, "period");
    requireNonNull(id, "id");
    if (limit < 0) {
      throw new IllegalArgumentException(parameter + " must not be negative, got " + limit);
    }
  }

  /** Whether {@code award} is paid by what this cap limits: its rule, or its campaign. */
  public boolean counts(PointsAward award) {
    return campaign ? award.getCampaign().map(c -> c.value().equals(id)).orElse(false)
        : award.getRuleId().equals(id);
  }

  /** What {@code earned} holds of this cap's rule or campaign in its period. */
  public long earnedBefore(Earned earned) {
    return campaign ? earned.byCampaign(period, id) : earned.byRule(period, id);
  }

  /**
   * The points of the awards this cap limits beyond what is left of it after {@code earned}; 0 if
   * none. The awards it limits are those among {@code awards} (the facts of a {@code collect}) that
   * its rule or campaign pays to the participant of {@code earned} or to one of {@code members}
   * (the facts of a {@code collect( Member( ) )}: the activity's member, if it names one).
   */
  public long excess(Collection<?> awards, Earned earned, Collection<?> members) {
    long asked = AwardCaps.total(limited(awards, earned, members));
    // nothing this cap limits is asked for on most activities: no need to look up what was earned
    return asked == 0 ? 0 : Math.max(0, asked - room(earned));
  }

  /**
   * Cuts the awards {@link #excess} counts to what is left of the cap, in {@link AwardCaps#limit}'s
   * order, each cut award saying why ("Rule earn-rate is capped at 10,000 points a month; 9,990
   * were already earned in 2026-07, so 10 of the 25 are paid."). Returns the awards it changed,
   * which the rule must {@code update}; never null.
   */
  public List<PointsAward> cut(Collection<?> awards, Earned earned, Collection<?> members) {
    List<PointsAward> limited = limited(awards, earned, members);
    long asked = AwardCaps.total(limited);
    long room = room(earned);
    return AwardCaps.limit(limited, room, note(earned, asked, Math.min(asked, room)));
  }

  private List<PointsAward> limited(Collection<?> awards, Earned earned, Collection<?> members) {
    List<PointsAward> limited = new ArrayList<>();
    for (Object a : awards) {
      PointsAward award = (PointsAward) a;
      if (award.getPoints() > 0 && counts(award) && within(award.getBeneficiary(), earned, members)) {
        limited.add(award);
      }
    }
    return limited;
  }

  /** Whether {@code beneficiary} is the cap's participant or one of {@code members}. */
  private static boolean within(ParticipantId beneficiary, Earned earned, Collection<?> members) {
    if (beneficiary.equals(earned.participant())) {
      return true;
    }
    for (Object m : members) {
      if (((Member) m).id().equals(beneficiary)) {
        return true;
      }
    }
    return false;
  }

  private long room(Earned earned) {
    return Math.max(0, limit - earnedBefore(earned));
  }

  private String note(Earned earned, long asked, long paid) {
    String by = member ? " by " + earned.participant().kind() + " " + earned.participant().value() : "";
    return (campaign ? "Campaign " : "Rule ") + id + " is capped at " + points(limit) + " points " + PER.get(period)
        + (member ? " per member" : "") + "; " + points(earnedBefore(earned)) + " were already earned" + by + " in "
        + earned.earned().period(period).label() + ", so " + (paid == 0 ? "none" : points(paid)) + " of the "
        + points(asked) + " are paid.";
  }

  private static String points(long points) {
    return Words.grouped(points);
  }

  /** {@code cap.monthly.rule.earn-rate = 10000}: how explanations name the cap a rule matched. */
  @Override
  public String toString() {
    return parameter + " = " + limit;
  }
}
