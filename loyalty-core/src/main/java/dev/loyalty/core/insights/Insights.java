package dev.loyalty.core.insights;

import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.TierId;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * What an engine knows about its program, as figures ({@code engine.insights()}): key figures for
 * any period and group of participants, tier distributions and movements, campaign uplift and
 * budget burn, the liability and its projection, leaderboards, and each participant's badges and
 * tier history. Every figure is read from what the engine keeps (the ledger, the activity journal,
 * the partner directory, the tier history and the badge store) in one pass per call, and is defined
 * in docs/INSIGHTS.md.
 *
 * <p>Reads only: nothing here writes or takes a partner lock. Figures read while activities are
 * being recorded reflect each store as it was read; they agree with each other to the point once no
 * activity is in flight. Activities whose steps were interrupted (not complete in the journal)
 * count once they are finished. Days are counted in the program's zone. Thread-safe; nothing
 * accepts or returns null.
 */
public interface Insights {

  /** The program's key figures over {@code period} for the participants {@code filter} counts. */
  ProgramKpis kpis(DateRange period, ParticipantFilter filter);

  /** How many participants {@code filter} counts were in each tier at the end of {@code day}. */
  TierDistribution tierDistribution(LocalDate day, ParticipantFilter filter);

  /**
   * The transition matrix of tiers from the end of {@code from} to the end of {@code to}, of the
   * participants enrolled by {@code to} that {@code filter} counts (by their tier on {@code to}).
   *
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  TierMovement tierMovement(LocalDate from, LocalDate to, ParticipantFilter filter);

  /**
   * The campaign's sales uplift up to the end of {@code asOf} (or of the campaign, if earlier)
   * against {@code baseline}.
   *
   * @throws UnknownCampaignException if the program has no such campaign
   * @throws IllegalArgumentException if {@code asOf} is before the campaign's first day
   */
  CampaignUplift campaignUplift(CampaignId campaign, DateRange baseline, LocalDate asOf);

  /**
   * The campaign's budget burn up to the end of {@code asOf} and where it leads by the campaign's end.
   *
   * @throws UnknownCampaignException if the program has no such campaign
   */
  BudgetBurn budgetBurn(CampaignId campaign, LocalDate asOf);

  /**
   * The points liability from the end of {@code lastMonth} (the last complete month) projected
   * {@code months} months ahead.
   *
   * @throws IllegalArgumentException if {@code months} is not 1 to 120
   */
  LiabilityProjection liabilityProjection(YearMonth lastMonth, int months);

  /** The top places of {@code query}. */
  Leaderboard leaderboard(LeaderboardQuery query);

  /**
   * The participant's own place in {@code query}'s ranking, wherever it is; empty when the query
   * does not rank it (another kind, or the filter leaves it out).
   *
   * @throws UnknownPartnerException if a partner is not in the directory
   * @throws UnknownMemberException  if a member is not in the directory
   */
  Optional<Leaderboard.Entry> rank(ParticipantId participant, LeaderboardQuery query);

  /** The badges and milestones the participant earned, in the order they were earned. */
  List<EarnedBadge> badges(ParticipantId participant);

  /** The participant's tier moves, in the order the engine made them. */
  List<TierMove> tierHistory(ParticipantId participant);

  /**
   * The participant's tier at the end of {@code day}, as the tier history knows it now: the tier of
   * the last move the engine made that counts from that day or before (a late activity's upgrade
   * counts from its own date).
   */
  Optional<TierId> tierAt(ParticipantId participant, LocalDate day);
}
