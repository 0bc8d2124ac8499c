package dev.loyalty.core.simulation;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a simulated stream of activities did to a program: the points it issued (by rule and by
 * campaign), took back, let expire and left outstanding, what that is worth, where the tiers ended
 * and how they moved, which budgets and caps were hit, the top partners, each region, and every
 * participant. Every figure is exact (points in {@code long}, money in {@link Money}); two runs of
 * the same program, rules and activities give equal reports.
 *
 * <p>How the points add up, for each participant and in total: {@code outstanding = issued -
 * (takenBack - clawedBack) - expired - redeemed}. A return takes back what the invoice paid in proportion; the
 * part a wallet no longer held (its lots had expired) is booked to the clawback account instead
 * ({@code clawedBack}). Points held for review are {@code pending}, not issued.
 *
 * <p>Immutable and thread-safe; nothing is null.
 *
 * @param program      the program's id
 * @param firstActivity the earliest activity recorded, empty when none was
 * @param asOf         the instant the report is as of: the last period close
 * @param closes       the period closes run, in order (the start of each month in the program's
 *                     zone, and {@code asOf})
 * @param activities   what happened to the activities
 * @param redemptions  the redemptions the run made at its closes ({@link Simulator#redemptions}); all
 *                     zero when it made none
 * @param points       the program's points in total
 * @param liability    the outstanding points per currency and what they are worth at the program's
 *                     point value, by currency code
 * @param rules        per rule id (versions together), by id
 * @param campaigns    per campaign of the program, in the program's order
 * @param caps         per cap rule that fired, by id
 * @param tiers        how many participants end in each tier, lowest first, then those with none
 * @param tierMoves    every move between tiers (up at an activity, down at a close), by count, most first
 * @param regions      per region of the channel, by name
 * @param topPartners  the partners whose organisation (the partner and its members) earned the most
 * @param participants every participant of the channel: partners in channel order, then members
 */
public record SimulationReport(
    String program,
    Optional<Instant> firstActivity,
    Instant asOf,
    List<Instant> closes,
    Activities activities,
    Redemptions redemptions,
    Points points,
    List<Liability> liability,
    List<RuleTotal> rules,
    List<CampaignTotal> campaigns,
    List<CapTotal> caps,
    List<TierCount> tiers,
    List<TierMove> tierMoves,
    List<RegionTotal> regions,
    List<PartnerTotal> topPartners,
    List<ParticipantResult> participants) {

  public SimulationReport {
    requireNonNull(program, "program");
    requireNonNull(firstActivity, "firstActivity");
    requireNonNull(asOf, "asOf");
    closes = List.copyOf(requireNonNull(closes, "closes"));
    requireNonNull(activities, "activities");
    requireNonNull(redemptions, "redemptions");
    requireNonNull(points, "points");
    liability = List.copyOf(requireNonNull(liability, "liability"));
    rules = List.copyOf(requireNonNull(rules, "rules"));
    campaigns = List.copyOf(requireNonNull(campaigns, "campaigns"));
    caps = List.copyOf(requireNonNull(caps, "caps"));
    tiers = List.copyOf(requireNonNull(tiers, "tiers"));
    tierMoves = List.copyOf(requireNonNull(tierMoves, "tierMoves"));
    regions = List.copyOf(requireNonNull(regions, "regions"));
    topPartners = List.copyOf(requireNonNull(topPartners, "topPartners"));
    participants = List.copyOf(requireNonNull(participants, "participants"));
  }

  /**
   * What happened to the activities given to the simulation.
   *
   * @param recorded  posted (invoices, trainings, ...; possibly for 0 points)
   * @param returned  returns that took points back
   * @param inReview  held for review: their points are pending
   * @param blocked   blocked by a risk rule
   * @param refused   refused by the engine (unknown partner, a return of more than was sold, the
   *                  ledger's refusal, ...); nothing posted
   * @param afterAsOf dated after the report's as-of instant, so left out
   * @param replayed  given again with the same content: the engine returned the first receipt and
   *                  nothing changed
   * @param byKind    recorded, returned, in review and blocked activities per kind ("sale", ...), by kind
   * @param refusals  the first refusals' messages (at most {@link #MAX_REFUSALS}), in order
   */
  public record Activities(long recorded, long returned, long inReview, long blocked, long refused, long afterAsOf,
      long replayed, Map<String, Long> byKind, List<String> refusals) {
    /** How many refusal messages a report keeps. */
    public static final int MAX_REFUSALS = 20;

    public Activities {
      byKind = Map.copyOf(requireNonNull(byKind, "byKind"));
      refusals = List.copyOf(requireNonNull(refusals, "refusals"));
    }

    /** Every activity the simulation was given. */
    public long total() {
      return recorded + returned + inReview + blocked + refused + afterAsOf + replayed;
    }
  }

  /**
   * The redemptions a run made.
   *
   * @param made     redemptions paid (delivered or fulfilled)
   * @param refused  redemptions the engine refused (a limit, the stock)
   * @param points   the points they paid
   * @param refusals the first refusals' messages (at most {@link Activities#MAX_REFUSALS}), in order
   */
  public record Redemptions(long made, long refused, long points, List<String> refusals) {
    public Redemptions {
      refusals = List.copyOf(requireNonNull(refusals, "refusals"));
    }
  }

  /**
   * The program's points in total, all participants together.
   *
   * @param issued      posted to wallets by awards
   * @param takenBack   what returns took back of those awards (the wallet's share and the clawed-back one)
   * @param clawedBack  the part of {@code takenBack} the wallets no longer held, booked to clawback
   * @param expired     moved from wallets to breakage by the period closes
   * @param redeemed    paid from wallets for rewards
   * @param pending     held for review (not spendable, not issued)
   * @param outstanding in wallets at the end: what the program still owes
   */
  public record Points(long issued, long takenBack, long clawedBack, long expired, long redeemed, long pending,
      long outstanding) {
  }

  /**
   * Outstanding points of participants invoicing in one currency, and their value.
   *
   * @param points the points of participants (and their members) in {@code value}'s currency
   * @param value  {@code points} times the program's point value in that currency; empty when the
   *               program gives no point value for it
   * @param currencyCode the ISO code of the participants' currency
   */
  public record Liability(String currencyCode, long points, Optional<Money> value) {
    public Liability {
      requireNonNull(currencyCode, "currencyCode");
      requireNonNull(value, "value");
    }
  }

  /**
   * One rule's part in the simulation, all its versions together.
   *
   * @param rule      the rule's id
   * @param versions  the versions that paid or fired, sorted
   * @param fired     how many activities it fired on (its decisions marked fired)
   * @param awards    how many awards name it
   * @param issued    the points those awards posted
   * @param takenBack the points returns took back of them
   */
  public record RuleTotal(String rule, List<String> versions, long fired, long awards, long issued, long takenBack) {
    public RuleTotal {
      requireNonNull(rule, "rule");
      versions = List.copyOf(requireNonNull(versions, "versions"));
    }

    /** What the rule paid net of returns. */
    public long net() {
      return issued - takenBack;
    }
  }

  /**
   * One campaign's budget.
   *
   * @param campaign   its id
   * @param budget     what the program gives it
   * @param issued     what its awards posted
   * @param takenBack  what returns gave back to it
   * @param left       its budget account's balance at the end
   * @param cutAwards  how many awards its budget cut (short of what the rule asked)
   * @param pointsCut  how many points those cuts left unpaid
   * @param exhaustedOn the day of the first cut, in the program's zone; empty if none
   */
  public record CampaignTotal(CampaignId campaign, long budget, long issued, long takenBack, long left, long cutAwards,
      long pointsCut, Optional<LocalDate> exhaustedOn) {
    public CampaignTotal {
      requireNonNull(campaign, "campaign");
      requireNonNull(exhaustedOn, "exhaustedOn");
    }
  }

  /**
   * A cap rule (see {@link Simulator#capRules}) and how many activities it capped.
   *
   * @param rule its id
   * @param hits how many activities it fired on
   */
  public record CapTotal(String rule, long hits) {
    public CapTotal {
      requireNonNull(rule, "rule");
    }
  }

  /**
   * How many participants end in a tier.
   *
   * @param tier     the tier; empty for those in none
   * @param partners partners in it
   * @param members  members in it
   */
  public record TierCount(Optional<TierId> tier, long partners, long members) {
    public TierCount {
      requireNonNull(tier, "tier");
    }
  }

  /**
   * Moves from one tier to another.
   *
   * @param from  the tier left; empty for none
   * @param to    the tier reached; empty for none
   * @param count how many times a participant moved so
   */
  public record TierMove(Optional<TierId> from, Optional<TierId> to, long count) {
    public TierMove {
      requireNonNull(from, "from");
      requireNonNull(to, "to");
    }
  }

  /**
   * One region: its partners and their members.
   *
   * @param region      its name
   * @param partners    partners in it
   * @param members     members of those partners
   * @param activities  activities of its partners recorded (posted, returned, in review or blocked)
   * @param invoiced    recorded invoices' totals, per currency (sorted by currency code)
   * @param issued      points posted to its participants
   * @param outstanding points its participants hold at the end
   */
  public record RegionTotal(String region, long partners, long members, long activities, List<Money> invoiced,
      long issued, long outstanding) {
    public RegionTotal {
      requireNonNull(region, "region");
      invoiced = List.copyOf(requireNonNull(invoiced, "invoiced"));
    }
  }

  /**
   * A partner and its members together.
   *
   * @param partner     its id
   * @param name        its name
   * @param type        its type ("dealer")
   * @param region      its region
   * @param tier        its tier at the end; empty for none
   * @param activities  its activities recorded (posted, returned, in review or blocked)
   * @param invoiced    its recorded invoices' total
   * @param issued      points posted to it and its members
   * @param outstanding points it and its members hold at the end
   */
  public record PartnerTotal(PartnerId partner, String name, String type, String region, Optional<TierId> tier,
      long activities, Money invoiced, long issued, long outstanding) {
    public PartnerTotal {
      requireNonNull(partner, "partner");
      requireNonNull(name, "name");
      requireNonNull(type, "type");
      requireNonNull(region, "region");
      requireNonNull(tier, "tier");
      requireNonNull(invoiced, "invoiced");
    }
  }

  /**
   * One participant's points and tier at the end.
   *
   * @param participant  the partner or member
   * @param organisation the partner itself, or the member's partner
   * @param region       the organisation's region
   * @param tier         its tier at the end; empty for none
   * @param issued       points posted to it
   * @param takenBack    points returns took back from it (including what was clawed back)
   * @param clawedBack   the part of {@code takenBack} its wallet no longer held, booked to clawback
   * @param expired      points that expired in its wallet
   * @param redeemed     points it paid for rewards
   * @param balance      points in its wallet (posted)
   * @param pending      points held for review for it
   */
  public record ParticipantResult(ParticipantId participant, PartnerId organisation, String region,
      Optional<TierId> tier, long issued, long takenBack, long clawedBack, long expired, long redeemed, long balance,
      long pending) {
    public ParticipantResult {
      requireNonNull(participant, "participant");
      requireNonNull(organisation, "organisation");
      requireNonNull(region, "region");
      requireNonNull(tier, "tier");
    }
  }
}
