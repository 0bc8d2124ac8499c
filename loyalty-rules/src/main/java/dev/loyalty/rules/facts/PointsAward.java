package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.rules.internal.FiringRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kie.api.definition.type.Modifies;

/**
 * Points a rule awards, as a fact the later stages can still change: a multiplier scales it, a cap
 * limits it, a split moves part of it to another participant. It becomes one {@code Award} of the
 * outcome (none if it ends at zero points), credited to the rule that inserted it, with a reason
 * made of its own sentence followed by the note of every change.
 *
 * <p>Change it only inside {@code modify($a) { ... }} (or call {@code update($a)} after changing
 * it), so that the rules of later stages see the new points; the engine refuses an evaluation in
 * which a rule changed an award without telling Drools. A split returns the new share, which the
 * rule must {@code insert}. Properties are JavaBean getters so that Drools re-evaluates only the
 * patterns that read what changed ({@code points}, {@code split}).
 *
 * <p>Not thread-safe: an award belongs to one evaluation. Nothing returned is null.
 */
public final class PointsAward {
  private final ParticipantId beneficiary;
  private final String ruleId;
  private final String kind;
  private final String reason;
  private final CampaignId campaign;
  private final PointsAward splitFrom;
  private final List<Adjustment> adjustments;
  private final List<PointsAward> shares = new ArrayList<>();
  private long points;
  private boolean split;
  private int revision;

  private PointsAward(ParticipantId beneficiary, long points, String kind, String reason, CampaignId campaign,
      PointsAward splitFrom, List<Adjustment> history) {
    this.beneficiary = requireNonNull(beneficiary, "beneficiary");
    // a share's points were made by its origin's rule; a new award's by the rule now firing
    this.ruleId = splitFrom != null ? splitFrom.ruleId : FiringRule.current();
    this.kind = requireText(kind, "kind");
    this.reason = requireText(reason, "reason");
    this.campaign = campaign;
    this.splitFrom = splitFrom;
    this.adjustments = new ArrayList<>(history);
    if (points < 0) {
      throw new IllegalArgumentException("an award of " + kind + " points to " + describe(beneficiary)
          + " must not be negative, got " + points);
    }
    this.points = points;
  }

  /**
   * An award of {@code points} to {@code beneficiary}, paid by the program's issuance account.
   *
   * @param points not negative; an award that ends at zero is dropped from the outcome
   * @param kind   a label later stages select awards by ("base", "bonus"); never null or blank
   * @param reason one sentence a partner can read; never null or blank
   */
  public static PointsAward of(ParticipantId beneficiary, long points, String kind, String reason) {
    return new PointsAward(beneficiary, points, kind, reason, null, null, List.of());
  }

  /** An award like {@link #of} paid by the budget of {@code campaign}. */
  public static PointsAward fromCampaign(ParticipantId beneficiary, long points, String kind, String reason,
      CampaignId campaign) {
    return new PointsAward(beneficiary, points, kind, reason, requireNonNull(campaign, "campaign"), null, List.of());
  }

  /** Who receives the points; never null. */
  public ParticipantId getBeneficiary() {
    return beneficiary;
  }

  /**
   * The id of the rule that made the points (its {@code @ruleId}, or its name): the rule whose
   * consequence created the award, or for a share, the award's it was split off. Empty for an award
   * made outside a rule (in a test). Caps per rule select awards by it; never null.
   */
  public String getRuleId() {
    return ruleId;
  }

  /** Whether the beneficiary is an organisation. */
  public boolean isToPartner() {
    return beneficiary instanceof PartnerId;
  }

  /** Whether the beneficiary is an individual. */
  public boolean isToMember() {
    return beneficiary instanceof MemberId;
  }

  /** The points as they stand now; not negative. */
  public long getPoints() {
    return points;
  }

  /** The label given when it was inserted; a share keeps its origin's; never null. */
  public String getKind() {
    return kind;
  }

  /** The sentence given when it was inserted, without the notes of later changes; never null. */
  public String getReason() {
    return reason;
  }

  /** The campaign whose budget pays, if any; never null. */
  public Optional<CampaignId> getCampaign() {
    return Optional.ofNullable(campaign);
  }

  /** Whether a campaign's budget pays for it. */
  public boolean isFromCampaign() {
    return campaign != null;
  }

  /** Whether it has been split, or is a share split off another award. */
  public boolean isSplit() {
    return split;
  }

  /** The award this share was split off, if it is one; never null. */
  public Optional<PointsAward> getSplitFrom() {
    return Optional.ofNullable(splitFrom);
  }

  /** The shares split off it, in order; never null. */
  public List<PointsAward> getShares() {
    return List.copyOf(shares);
  }

  /** Every change so far, oldest first (a share starts with its origin's); never null. */
  public List<Adjustment> getAdjustments() {
    return List.copyOf(adjustments);
  }

  /**
   * The reason the outcome shows: the sentence, then the note of every change that has one,
   * separated by spaces; never null.
   */
  public String getFullReason() {
    StringBuilder full = new StringBuilder(reason);
    for (Adjustment a : adjustments) {
      if (!a.note().isBlank()) {
        full.append(' ').append(a.note());
      }
    }
    return full.toString();
  }

  /** How many times it has been changed; the engine compares it to what Drools was told. */
  public int getRevision() {
    return revision;
  }

  /**
   * Scales the points by {@code factor}, rounded down (an award never grows by a fraction of a
   * point).
   *
   * @param factor not negative; never null
   * @param note   appended to the reason ("Gold earns 1.5x."); never null, may be empty
   */
  @Modifies({"points", "fullReason", "adjustments", "revision"})
  public void multiply(BigDecimal factor, String note) {
    requireNonNull(factor, "factor");
    if (factor.signum() < 0) {
      throw new IllegalArgumentException("cannot multiply an award by a negative factor, got " + factor);
    }
    long result;
    try {
      result = BigDecimal.valueOf(points).multiply(factor).setScale(0, RoundingMode.FLOOR).longValueExact();
    } catch (ArithmeticException e) {
      throw new ArithmeticException("award of " + points + " points times " + factor.toPlainString()
          + " overflows a long");
    }
    change(Adjustment.Action.MULTIPLY, result, note);
  }

  /**
   * Limits the points to {@code max}; an award already at or below it is unchanged (and records no
   * change).
   *
   * @param max  not negative
   * @param note appended to the reason if the cap took points away; never null, may be empty
   */
  @Modifies({"points", "fullReason", "adjustments", "revision"})
  public void capAt(long max, String note) {
    if (max < 0) {
      throw new IllegalArgumentException("a cap must not be negative, got " + max);
    }
    requireNonNull(note, "note");
    if (points > max) {
      change(Adjustment.Action.CAP, max, note);
    }
  }

  /**
   * Takes {@code less} points away (at most all of them).
   *
   * @param less not negative
   * @param note appended to the reason; never null, may be empty
   */
  @Modifies({"points", "fullReason", "adjustments", "revision"})
  public void reduceBy(long less, String note) {
    if (less < 0) {
      throw new IllegalArgumentException("cannot reduce an award by a negative amount, got " + less);
    }
    change(Adjustment.Action.REDUCE, points - Math.min(points, less), note);
  }

  /**
   * Moves {@code sharePoints} of these points to a new award for {@code to}, which keeps this
   * award's rule, kind, campaign, reason and changes so far, plus {@code note}. Marks both as
   * split. The rule must {@code insert} the returned share and {@code update} this award.
   *
   * @param sharePoints from 0 to {@link #getPoints()}
   * @param note        appended to the share's reason ("(rep's 30% share)"); never null, may be empty
   * @return the share; never null
   */
  @Modifies({"points", "split", "shares", "fullReason", "adjustments", "revision"})
  public PointsAward splitOff(ParticipantId to, long sharePoints, String note) {
    requireNonNull(to, "to");
    requireNonNull(note, "note");
    if (sharePoints < 0 || sharePoints > points) {
      throw new IllegalArgumentException("cannot split " + sharePoints + " points off an award of " + points);
    }
    List<Adjustment> history = new ArrayList<>(adjustments);
    history.add(new Adjustment(Adjustment.Action.SPLIT, points, sharePoints, note));
    PointsAward share = new PointsAward(to, sharePoints, kind, reason, campaign, this, history);
    share.split = true;
    shares.add(share);
    split = true;
    change(Adjustment.Action.SPLIT, points - sharePoints, "");
    return share;
  }

  /**
   * {@link #splitOff} of {@code percent} percent of the points, rounded down (this award keeps the
   * remainder).
   *
   * @param percent from 0 to 100
   */
  @Modifies({"points", "split", "shares", "fullReason", "adjustments", "revision"})
  public PointsAward splitPercent(ParticipantId to, int percent, String note) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("a split share must be 0 to 100 percent, got " + percent);
    }
    return splitOff(to, Math.multiplyExact(points, percent) / 100, note);
  }

  private void change(Adjustment.Action action, long after, String note) {
    adjustments.add(new Adjustment(action, points, after, note));
    points = after;
    revision++;
  }

  private static String requireText(String value, String what) {
    requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException("an award's " + what + " must not be blank");
    }
    return value;
  }

  private static String describe(ParticipantId participant) {
    return participant.kind() + " " + participant.value();
  }

  @Override
  public String toString() {
    return "award of " + points + " points to " + describe(beneficiary) + " (" + kind + ")";
  }

  /**
   * One change of an award.
   *
   * @param action what was done; never null
   * @param before the points before (for a split share: the points of the award it was split off)
   * @param after  the points after (for a split share: the share's points)
   * @param note   the sentence the rule gave; never null, may be empty
   */
  public record Adjustment(Action action, long before, long after, String note) {
    public Adjustment {
      requireNonNull(action, "action");
      requireNonNull(note, "note");
    }

    /** The kinds of change. */
    public enum Action {
      /** {@link PointsAward#multiply}. */
      MULTIPLY,
      /** {@link PointsAward#capAt}. */
      CAP,
      /** {@link PointsAward#reduceBy}. */
      REDUCE,
      /** {@link PointsAward#splitOff} and {@link PointsAward#splitPercent}. */
      SPLIT
    }
  }
}
