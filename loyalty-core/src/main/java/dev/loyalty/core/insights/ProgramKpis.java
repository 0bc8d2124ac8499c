package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.loyalty.core.insights.internal.Json;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.rules.RuleRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * A program's key figures for one period and one group of participants: participation, the points
 * flow and its rates, the liability with its expected breakage, tiers at the end and their movement
 * over the period, what each rule and campaign cost, and training and certification participation.
 * Every figure is defined once in docs/INSIGHTS.md. Immutable; serialises to JSON with a plain
 * Jackson {@code ObjectMapper}.
 *
 * @param program     the program's id; never null
 * @param period      never null
 * @param filter      who is counted; never null
 * @param partners    enrolled and active partners; never null
 * @param members     enrolled and active members; never null
 * @param points      the points flow of the counted participants' wallets; never null
 * @param liability   the points outstanding at the end of the period, in points and money; never null
 * @param tiers       tiers on the period's last day; never null
 * @param movement    from the day before the period to its last day; never null
 * @param costByRule  points each rule awarded and returns took back, by rule id and version, in rule
 *                    order; never null
 * @param costByCampaign the same per campaign, in campaign order; never null
 * @param learning    training and certification participation; never null
 */
public record ProgramKpis(
    String program,
    DateRange period,
    ParticipantFilter filter,
    Participation partners,
    Participation members,
    PointsFlow points,
    Liability liability,
    TierDistribution tiers,
    TierMovement movement,
    List<RuleCost> costByRule,
    List<CampaignCost> costByCampaign,
    Learning learning) {

  public ProgramKpis {
    requireNonNull(program, "program");
    requireNonNull(period, "period");
    requireNonNull(filter, "filter");
    requireNonNull(partners, "partners");
    requireNonNull(members, "members");
    requireNonNull(points, "points");
    requireNonNull(liability, "liability");
    requireNonNull(tiers, "tiers");
    requireNonNull(movement, "movement");
    costByRule = List.copyOf(requireNonNull(costByRule, "costByRule"));
    costByCampaign = List.copyOf(requireNonNull(costByCampaign, "costByCampaign"));
    requireNonNull(learning, "learning");
  }

  /**
   * Enrolled and active participants of one kind.
   *
   * @param enrolled enrolled by the period's last day and not terminated
   * @param active   of those, with a recorded activity or a redemption in the period
   * @param rate     {@code active / enrolled}; empty when none is enrolled; never null
   */
  public record Participation(long enrolled, long active,
      @JsonSerialize(using = Json.OptionalValue.class) Optional<BigDecimal> rate) {
    public Participation {
      requireNonNull(rate, "rate");
      if (enrolled < 0 || active < 0 || active > enrolled) {
        throw new IllegalArgumentException("participation needs 0 <= active <= enrolled, got " + active + " of "
            + enrolled);
      }
    }
  }

  /**
   * What moved in and out of the counted participants' wallets in the period, by the ledger's
   * effective times. {@code outstandingAtEnd = outstandingAtStart + issued - takenBack - redeemed -
   * expired + other}, to the point.
   *
   * @param outstandingAtStart posted points in the wallets when the period starts
   * @param issued         points awarded: posted to the wallets from the issuance account or a
   *                       campaign budget (an invoice's transfer, an approved review's holds)
   * @param takenBack      points returns took back from the wallets
   * @param shortfall      points returns took back that the wallets no longer had, booked to the
   *                       clawback account (not part of the wallets' flow)
   * @param redeemed       points posted from the wallets to the redemption clearing account, less
   *                       those refunded from it
   * @param expired        points the expiry runs moved from the wallets to breakage
   * @param other          every other posting to or from the wallets (manual adjustments, transfers
   *                       between wallets), signed
   * @param outstandingAtEnd posted points in the wallets when the period ends
   * @param redemptionRate {@code redeemed / (issued - takenBack - shortfall)}; empty when that is not
   *                       positive; never null
   * @param breakageRate   {@code expired / (issued - takenBack - shortfall)}; empty when that is not
   *                       positive; never null
   */
  public record PointsFlow(long outstandingAtStart, long issued, long takenBack, long shortfall, long redeemed,
      long expired, long other, long outstandingAtEnd,
      @JsonSerialize(using = Json.OptionalValue.class) Optional<BigDecimal> redemptionRate,
      @JsonSerialize(using = Json.OptionalValue.class) Optional<BigDecimal> breakageRate) {
    public PointsFlow {
      requireNonNull(redemptionRate, "redemptionRate");
      requireNonNull(breakageRate, "breakageRate");
    }

    /** Points awarded less every take-back: what the program's rules cost in the period. */
    public long netIssued() {
      return Math.subtractExact(Math.subtractExact(issued, takenBack), shortfall);
    }
  }

  /**
   * The points outstanding when the period ends: what the program owes, in points and in money at
   * its point value, with the breakage history expects.
   *
   * @param asOf       the period's last day; never null
   * @param points     posted points in the counted wallets at the end of that day
   * @param expiredToDate  every point that ever expired from those wallets, up to then
   * @param redeemedToDate every point ever redeemed from them (less refunds), up to then
   * @param expectedBreakageRate {@code expiredToDate / (expiredToDate + redeemedToDate)}: the share
   *                   of the points that left the wallets, returns aside, by expiring; empty before
   *                   any left; never null
   * @param byCurrency per currency the program gives a point value for, by code: the points of the
   *                   participants whose partner invoices in it, valued; never null
   * @param unvaluedPoints points of partners whose currency the program gives no point value for
   */
  public record Liability(@JsonSerialize(using = ToStringSerializer.class) LocalDate asOf, long points,
      long expiredToDate, long redeemedToDate,
      @JsonSerialize(using = Json.OptionalValue.class) Optional<BigDecimal> expectedBreakageRate,
      List<CurrencyLiability> byCurrency, long unvaluedPoints) {
    public Liability {
      requireNonNull(asOf, "asOf");
      requireNonNull(expectedBreakageRate, "expectedBreakageRate");
      byCurrency = List.copyOf(requireNonNull(byCurrency, "byCurrency"));
    }
  }

  /**
   * Outstanding points valued in one currency.
   *
   * @param currency   never null
   * @param points     outstanding points of the participants whose partner invoices in it
   * @param pointValue the program's value of one point in it; never null
   * @param gross      {@code points x pointValue}, exact; never null
   * @param netOfBreakage {@code gross x (1 - expectedBreakageRate)}, rounded half-even to the
   *                   currency's minor unit; {@code gross} when no rate is known; never null
   */
  public record CurrencyLiability(Currency currency, long points, BigDecimal pointValue, BigDecimal gross,
      BigDecimal netOfBreakage) {
    public CurrencyLiability {
      requireNonNull(currency, "currency");
      requireNonNull(pointValue, "pointValue");
      requireNonNull(gross, "gross");
      requireNonNull(netOfBreakage, "netOfBreakage");
    }
  }

  /**
   * What one rule's awards cost in the period.
   *
   * @param rule      the rule id and version; never null
   * @param awarded   points its awards posted in the period
   * @param takenBack points returns in the period took back of its awards (shortfalls included)
   * @param net       {@code awarded - takenBack}
   * @param value     {@code net} valued at the program's point value in each beneficiary's currency;
   *                  by currency code; never null
   */
  public record RuleCost(RuleRef rule, long awarded, long takenBack, long net, List<MoneyValue> value) {
    public RuleCost {
      requireNonNull(rule, "rule");
      value = List.copyOf(requireNonNull(value, "value"));
    }
  }

  /**
   * What one campaign's awards cost in the period; see {@link RuleCost}.
   *
   * @param campaign never null
   * @param awarded  points its budget paid in the period
   * @param takenBack points returns gave back to its budget in the period
   * @param net      {@code awarded - takenBack}
   * @param value    {@code net} valued; never null
   */
  public record CampaignCost(@JsonSerialize(using = ToStringSerializer.class) CampaignId campaign, long awarded,
      long takenBack, long net, List<MoneyValue> value) {
    public CampaignCost {
      requireNonNull(campaign, "campaign");
      value = List.copyOf(requireNonNull(value, "value"));
    }
  }

  /**
   * Points valued in one currency, exactly: {@code points x the program's point value}.
   *
   * @param currency never null
   * @param points   the points valued
   * @param amount   never null
   */
  public record MoneyValue(Currency currency, long points, BigDecimal amount) {
    public MoneyValue {
      requireNonNull(currency, "currency");
      requireNonNull(amount, "amount");
    }
  }

  /**
   * Training and certification participation.
   *
   * @param enrolled         enrolled partners and members (the denominator)
   * @param trainings        trainings completed in the period (recorded activities)
   * @param trained          participants with at least one of them: the member named on the
   *                         activity, or the partner when none is
   * @param certifications   certifications earned in the period
   * @param certified        participants with at least one of them
   * @param trainingRate     {@code trained / enrolled}; empty when none is enrolled; never null
   * @param certificationRate {@code certified / enrolled}; empty when none is enrolled; never null
   */
  public record Learning(long enrolled, long trainings, long trained, long certifications, long certified,
      @JsonSerialize(using = Json.OptionalValue.class) Optional<BigDecimal> trainingRate,
      @JsonSerialize(using = Json.OptionalValue.class) Optional<BigDecimal> certificationRate) {
    public Learning {
      requireNonNull(trainingRate, "trainingRate");
      requireNonNull(certificationRate, "certificationRate");
    }
  }
}
