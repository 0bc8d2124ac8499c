package dev.loyalty.rules.facts;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.EarnedPoints;
import dev.loyalty.core.performance.EarningPeriod;

/**
 * What a participant had earned before the activity in the activity's own day, month, quarter and
 * program year (program time zone), per rule id and per campaign, as the engine keeps it exactly:
 * points posted or held for review count, what a rejection released or a return took back no longer
 * counts (in the periods the points were earned in), blocked and refused activities count nothing.
 * A late activity sees its own periods, not today's. {@link PartnerEarned} (the partner's
 * organisation: the partner and its members) and {@link MemberEarned} (the member alone) are its
 * two roles; an {@code Earned(...)} pattern matches both.
 *
 * <p>Immutable and thread-safe. Nothing returned is null.
 */
public sealed interface Earned permits PartnerEarned, MemberEarned {

  /** The totals as core keeps them; never null. */
  EarnedPoints earned();

  /** Whose points these are; never null. */
  default ParticipantId participant() {
    return earned().participant();
  }

  /** The activity's day ({@code day.label}: {@code 2026-07-14}); never null. */
  default EarningPeriod day() {
    return earned().period(EarningPeriod.Kind.DAY);
  }

  /** The activity's calendar month ({@code month.label}: {@code 2026-07}); never null. */
  default EarningPeriod month() {
    return earned().period(EarningPeriod.Kind.MONTH);
  }

  /** The activity's calendar quarter ({@code quarter.label}: {@code 2026-Q3}); never null. */
  default EarningPeriod quarter() {
    return earned().period(EarningPeriod.Kind.QUARTER);
  }

  /** The activity's program year ({@code year.label}: {@code 2026}, or {@code 2026-04-01/2027-03-31}); never null. */
  default EarningPeriod year() {
    return earned().period(EarningPeriod.Kind.YEAR);
  }

  /** Points of rule {@code ruleId} (its {@code @ruleId}) in the activity's period of {@code kind}. */
  default long byRule(EarningPeriod.Kind kind, String ruleId) {
    return earned().byRule(kind, ruleId);
  }

  /** Points of campaign {@code campaign} in the activity's period of {@code kind}. */
  default long byCampaign(EarningPeriod.Kind kind, String campaign) {
    return earned().byCampaign(kind, CampaignId.of(campaign));
  }

  /** Points of rule {@code ruleId} on the activity's day. */
  default long inDay(String ruleId) {
    return earned().inDay(ruleId);
  }

  /** Points of rule {@code ruleId} in the activity's calendar month. */
  default long inMonth(String ruleId) {
    return earned().inMonth(ruleId);
  }

  /** Points of rule {@code ruleId} in the activity's calendar quarter. */
  default long inQuarter(String ruleId) {
    return earned().inQuarter(ruleId);
  }

  /** Points of rule {@code ruleId} in the activity's program year. */
  default long inYear(String ruleId) {
    return earned().inYear(ruleId);
  }

  /** Points paid by campaign {@code campaign} on the activity's day. */
  default long inDayByCampaign(String campaign) {
    return earned().inDayByCampaign(CampaignId.of(campaign));
  }

  /** Points paid by campaign {@code campaign} in the activity's calendar month. */
  default long inMonthByCampaign(String campaign) {
    return earned().inMonthByCampaign(CampaignId.of(campaign));
  }

  /** Points paid by campaign {@code campaign} in the activity's calendar quarter. */
  default long inQuarterByCampaign(String campaign) {
    return earned().inQuarterByCampaign(CampaignId.of(campaign));
  }

  /** Points paid by campaign {@code campaign} in the activity's program year. */
  default long inYearByCampaign(String campaign) {
    return earned().inYearByCampaign(CampaignId.of(campaign));
  }
}
