package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.TierId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A loyalty program's definition. Immutable; load one with {@link ProgramLoader}.
 *
 * @param id         never null or blank
 * @param name       never null or blank
 * @param zone       the zone its days, months and years are counted in; never null
 * @param pointValue what one point is worth in each currency the program pays out in (for liability
 *                   and redemption); at least one; never null
 * @param tiers      lowest first; ids unique; may be empty; never null
 * @param tierPolicy never null
 * @param campaigns  ids unique; never null
 * @param earnSplit  the default organisation/member split; never null
 * @param expiry     never null
 * @param accounts   never null
 * @param parameters values its rules read ("points-per-100": "1"); never null
 * @param reviewAbovePoints an activity whose awards add up to more points than this goes to review
 *                   instead of posting (a runaway rule, a mistyped quantity); positive; by default
 *                   {@link #DEFAULT_REVIEW_ABOVE_POINTS}
 * @param redemptionHoldTimeout how long a redemption may wait for fulfilment (an order not shipped, a
 *                   reward not handed over) with its points held: counted in the program's zone from
 *                   the redemption, after which the hold times out and the redemption expires;
 *                   positive; by default {@link #DEFAULT_REDEMPTION_HOLD_TIMEOUT}
 * @param trust      claims' review deadline, the second approver of large manual adjustments and the
 *                   windows of a claim's risk figures; by default {@link TrustPolicy#DEFAULT}; never
 *                   null
 */
public record Program(
    String id,
    String name,
    ZoneId zone,
    Map<Currency, BigDecimal> pointValue,
    List<Tier> tiers,
    TierPolicy tierPolicy,
    List<Campaign> campaigns,
    EarnSplit earnSplit,
    ExpiryPolicy expiry,
    ProgramAccounts accounts,
    Map<String, String> parameters,
    long reviewAbovePoints,
    Period redemptionHoldTimeout,
    TrustPolicy trust) {

  /**
   * The default ceiling: a billion points per activity. Generous on purpose: no real invoice earns
   * that much at any common point scale, and passing it costs a review, not a refusal, so a program
   * with unusually large awards loses nothing but a reviewer's click until it raises the ceiling.
   */
  public static final long DEFAULT_REVIEW_ABOVE_POINTS = 1_000_000_000L;

  /**
   * The default redemption hold timeout: 30 days, long enough to ship goods ordered at a month's
   * end, short enough that points a forgotten order holds come back within the month after.
   */
  public static final Period DEFAULT_REDEMPTION_HOLD_TIMEOUT = Period.ofDays(30);

  /** A program with the {@link #DEFAULT_REVIEW_ABOVE_POINTS default ceiling} per activity. */
  public Program(String id, String name, ZoneId zone, Map<Currency, BigDecimal> pointValue, List<Tier> tiers,
      TierPolicy tierPolicy, List<Campaign> campaigns, EarnSplit earnSplit, ExpiryPolicy expiry,
      ProgramAccounts accounts, Map<String, String> parameters) {
    this(id, name, zone, pointValue, tiers, tierPolicy, campaigns, earnSplit, expiry, accounts, parameters,
        DEFAULT_REVIEW_ABOVE_POINTS);
  }

  /** A program with {@code reviewAbovePoints}, the {@link #DEFAULT_REDEMPTION_HOLD_TIMEOUT default hold timeout} and the {@link TrustPolicy#DEFAULT default trust policy}. */
  public Program(String id, String name, ZoneId zone, Map<Currency, BigDecimal> pointValue, List<Tier> tiers,
      TierPolicy tierPolicy, List<Campaign> campaigns, EarnSplit earnSplit, ExpiryPolicy expiry,
      ProgramAccounts accounts, Map<String, String> parameters, long reviewAbovePoints) {
    this(id, name, zone, pointValue, tiers, tierPolicy, campaigns, earnSplit, expiry, accounts, parameters,
        reviewAbovePoints, DEFAULT_REDEMPTION_HOLD_TIMEOUT, TrustPolicy.DEFAULT);
  }

  /** A program with the {@link TrustPolicy#DEFAULT default trust policy}. */
  public Program(String id, String name, ZoneId zone, Map<Currency, BigDecimal> pointValue, List<Tier> tiers,
      TierPolicy tierPolicy, List<Campaign> campaigns, EarnSplit earnSplit, ExpiryPolicy expiry,
      ProgramAccounts accounts, Map<String, String> parameters, long reviewAbovePoints, Period redemptionHoldTimeout) {
    this(id, name, zone, pointValue, tiers, tierPolicy, campaigns, earnSplit, expiry, accounts, parameters,
        reviewAbovePoints, redemptionHoldTimeout, TrustPolicy.DEFAULT);
  }

  public Program {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    if (id.isBlank() || name.isBlank()) {
      throw new IllegalArgumentException("program id and name must not be blank");
    }
    requireNonNull(zone, "zone");
    pointValue = Map.copyOf(requireNonNull(pointValue, "pointValue"));
    if (pointValue.isEmpty()) {
      throw new IllegalArgumentException("program " + id + " needs a point value in at least one currency");
    }
    pointValue.forEach((currency, value) -> {
      if (value.signum() <= 0) {
        throw new IllegalArgumentException("point value in " + currency + " must be positive, got " + value);
      }
    });
    tiers = List.copyOf(requireNonNull(tiers, "tiers"));
    requireNonNull(tierPolicy, "tierPolicy");
    campaigns = List.copyOf(requireNonNull(campaigns, "campaigns"));
    requireNonNull(earnSplit, "earnSplit");
    requireNonNull(expiry, "expiry");
    requireNonNull(accounts, "accounts");
    parameters = Map.copyOf(requireNonNull(parameters, "parameters"));
    if (reviewAbovePoints <= 0) {
      throw new IllegalArgumentException("program " + id + ": reviewAbovePoints must be positive, got "
          + reviewAbovePoints);
    }
    requireNonNull(redemptionHoldTimeout, "redemptionHoldTimeout");
    if (redemptionHoldTimeout.isNegative() || redemptionHoldTimeout.isZero()) {
      throw new IllegalArgumentException("program " + id + ": redemptionHoldTimeout must be positive, got "
          + redemptionHoldTimeout);
    }
    requireNonNull(trust, "trust");
    Set<TierId> tierIds = new HashSet<>();
    for (Tier tier : tiers) {
      if (!tierIds.add(tier.id())) {
        throw new IllegalArgumentException("program " + id + " defines tier " + tier.id() + " twice");
      }
    }
    Set<CampaignId> campaignIds = new HashSet<>();
    for (Campaign campaign : campaigns) {
      if (!campaignIds.add(campaign.id())) {
        throw new IllegalArgumentException("program " + id + " defines campaign " + campaign.id() + " twice");
      }
      for (TierId tier : campaign.target().tiers()) {
        if (!tierIds.contains(tier)) {
          throw new IllegalArgumentException("campaign " + campaign.id() + " targets unknown tier " + tier);
        }
      }
    }
  }

  /** The tier with {@code id}, if defined. */
  public Optional<Tier> tier(TierId tierId) {
    return tiers.stream().filter(t -> t.id().equals(tierId)).findFirst();
  }

  /** The tier's position, 0 for the lowest; -1 if unknown. */
  public int rank(TierId tierId) {
    for (int i = 0; i < tiers.size(); i++) {
      if (tiers.get(i).id().equals(tierId)) {
        return i;
      }
    }
    return -1;
  }

  /** The campaign with {@code id}, if defined. */
  public Optional<Campaign> campaign(CampaignId campaignId) {
    return campaigns.stream().filter(c -> c.id().equals(campaignId)).findFirst();
  }

  /** The campaigns running at {@code instant} that target {@code partner} in {@code tier}. */
  public List<Campaign> campaignsFor(Partner partner, Optional<TierId> tier, Instant instant) {
    List<Campaign> active = new ArrayList<>();
    for (Campaign c : campaigns) {
      if (c.appliesTo(partner, tier, instant, zone)) {
        active.add(c);
      }
    }
    return active;
  }

  /** A copy with {@code points} as the ceiling above which an activity goes to review. */
  public Program withReviewAbovePoints(long points) {
    return new Program(id, name, zone, pointValue, tiers, tierPolicy, campaigns, earnSplit, expiry, accounts,
        parameters, points, redemptionHoldTimeout, trust);
  }

  /** A copy whose redemptions wait at most {@code timeout} for fulfilment. */
  public Program withRedemptionHoldTimeout(Period timeout) {
    return new Program(id, name, zone, pointValue, tiers, tierPolicy, campaigns, earnSplit, expiry, accounts,
        parameters, reviewAbovePoints, timeout, trust);
  }

  /** A copy with {@code newParameters} for its rules. */
  public Program withParameters(Map<String, String> newParameters) {
    return new Program(id, name, zone, pointValue, tiers, tierPolicy, campaigns, earnSplit, expiry, accounts,
        newParameters, reviewAbovePoints, redemptionHoldTimeout, trust);
  }

  /** A copy with {@code policy} as its trust policy. */
  public Program withTrust(TrustPolicy policy) {
    return new Program(id, name, zone, pointValue, tiers, tierPolicy, campaigns, earnSplit, expiry, accounts,
        parameters, reviewAbovePoints, redemptionHoldTimeout, policy);
  }

  /**
   * When the points of a redemption made at {@code redeemedAt} stop being held for it: {@link
   * #redemptionHoldTimeout()} later, counted in the program's zone (so "P1M" from 31 January ends
   * with February, and a day is a calendar day across a daylight-saving change).
   */
  public Instant redemptionHoldTimeoutAt(Instant redeemedAt) {
    return redeemedAt.atZone(zone).plus(redemptionHoldTimeout).toInstant();
  }

  /**
   * The last day of the program's year: the {@code yearEnd} of an {@link
   * ExpiryPolicy.EndOfProgramYear end-of-program-year} expiry policy, otherwise 31 December (the
   * program year is the calendar year). Caps per year count points by it; never null.
   */
  public MonthDay yearEnd() {
    return expiry instanceof ExpiryPolicy.EndOfProgramYear year ? year.yearEnd() : MonthDay.of(12, 31);
  }

  /** The parameter {@code name}, if set. */
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }
}
