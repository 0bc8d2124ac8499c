package dev.loyalty.core.event;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Something a host may want to react to (notify a partner, sync a CRM). Every event has an id that
 * is the same whenever the same fact is reported again, so a listener can drop duplicates: delivery
 * is at-least-once.
 */
public sealed interface LoyaltyEvent {

  /** Stable id; never null. */
  String id();

  /** When the fact happened, by the engine's clock; never null. */
  Instant at();

  /**
   * Points were posted to a participant's wallet for an activity.
   *
   * @param id          never null
   * @param at          never null
   * @param activity    never null
   * @param participant never null
   * @param points      positive
   * @param transaction the ledger transaction; never null
   */
  record AwardPosted(String id, Instant at, ActivityId activity, ParticipantId participant, long points,
      TransactionId transaction) implements LoyaltyEvent {
    public AwardPosted {
      requireNonNull(id, "id");
      requireNonNull(at, "at");
      requireNonNull(activity, "activity");
      requireNonNull(participant, "participant");
      requireNonNull(transaction, "transaction");
    }
  }

  /**
   * Points were taken back from a participant because goods came back.
   *
   * @param id          never null
   * @param at          never null
   * @param activity    the return; never null
   * @param participant never null
   * @param points      taken from the wallet (positive), not counting a shortfall
   * @param shortfall   points that were already spent and were booked to the clawback account
   * @param transaction the ledger transaction; never null
   */
  record AwardTakenBack(String id, Instant at, ActivityId activity, ParticipantId participant, long points,
      long shortfall, TransactionId transaction) implements LoyaltyEvent {
    public AwardTakenBack {
      requireNonNull(id, "id");
      requireNonNull(at, "at");
      requireNonNull(activity, "activity");
      requireNonNull(participant, "participant");
      requireNonNull(transaction, "transaction");
    }
  }

  /**
   * A participant moved to another tier.
   *
   * @param id          never null
   * @param at          never null
   * @param participant never null
   * @param from        never null
   * @param to          never null
   * @param reason      one sentence; never null
   */
  record TierChanged(String id, Instant at, ParticipantId participant, Optional<TierId> from, Optional<TierId> to,
      String reason) implements LoyaltyEvent {
    public TierChanged {
      requireNonNull(id, "id");
      requireNonNull(at, "at");
      requireNonNull(participant, "participant");
      requireNonNull(from, "from");
      requireNonNull(to, "to");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * A participant earned a badge or reached a milestone: with an activity (a rule's {@code
   * BadgeAward}, shown on the receipt) or with its first redemption paid; also kept per participant
   * ({@code engine.insights().badges}).
   *
   * @param id          {@code badge:<activity>:<kind>:<participant>:<badge>}, or {@code
   *                    badge:redemption:<redemption>:...}; never null
   * @param at          when the activity was recorded, or the redemption paid; never null
   * @param activity    the activity, for a rule's badge; never null
   * @param redemption  the redemption, for a redemption milestone; never null
   * @param participant never null
   * @param badge       the badge's code; never null
   * @param rule        the rule that awarded it; never null
   * @param reason      the rule's sentence; never null
   */
  record BadgeAwarded(String id, Instant at, Optional<ActivityId> activity, Optional<RedemptionId> redemption,
      ParticipantId participant, String badge, RuleRef rule, String reason) implements LoyaltyEvent {
    public BadgeAwarded {
      requireNonNull(id, "id");
      requireNonNull(at, "at");
      requireNonNull(activity, "activity");
      requireNonNull(redemption, "redemption");
      requireNonNull(participant, "participant");
      requireNonNull(badge, "badge");
      requireNonNull(rule, "rule");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * Points of a participant will expire soon unless spent.
   *
   * @param id          never null
   * @param at          never null
   * @param participant never null
   * @param points      positive
   * @param by          they expire at or before this instant; never null
   */
  record PointsExpiringSoon(String id, Instant at, ParticipantId participant, long points, Instant by)
      implements LoyaltyEvent {
    public PointsExpiringSoon {
      requireNonNull(id, "id");
      requireNonNull(at, "at");
      requireNonNull(participant, "participant");
      requireNonNull(by, "by");
    }
  }

  /**
   * Risk rules held an activity's awards until a reviewer decides.
   *
   * @param id       never null
   * @param at       never null
   * @param activity never null
   * @param partner  never null
   * @param flags    never null
   */
  record ClaimNeedsReview(String id, Instant at, ActivityId activity, PartnerId partner, List<RiskFlag> flags)
      implements LoyaltyEvent {
    public ClaimNeedsReview {
      requireNonNull(id, "id");
      requireNonNull(at, "at");
      requireNonNull(activity, "activity");
      requireNonNull(partner, "partner");
      flags = List.copyOf(requireNonNull(flags, "flags"));
    }
  }

  /**
   * A period was closed: tiers reviewed, expired points moved to breakage, notices sent. Its id is
   * the same for every close at the same instant, so the outbox keeps the first and the engine
   * recognises a repeated close by it.
   *
   * @param id            {@code closed:<at>}; never null
   * @param at            the review time; never null
   * @param expiredPoints points the close's expiry run moved to breakage
   * @param tierChanges   participants it moved down
   * @param nowShort      participants it found short of their tier for the first time
   */
  record PeriodClosed(String id, Instant at, long expiredPoints, int tierChanges, int nowShort)
      implements LoyaltyEvent {
    public PeriodClosed {
      requireNonNull(id, "id");
      requireNonNull(at, "at");
    }
  }

  /**
   * A redemption changed state: ordered or fulfilled (or refused) once placed, shipped, delivered,
   * cancelled, expired, its delivery failed, or every unit returned. Its id, {@code
   * redemption:<id>:<status>}, is the same whenever the change is reported again: a redemption
   * reaches each state at most once.
   *
   * @param id         never null
   * @param at         when the change was asked for, by the engine's clock; never null
   * @param redemption never null
   * @param wallet     whose points pay: a partner or a member; never null
   * @param item       never null
   * @param status     the state it reached; never null
   * @param points     what the redemption costs; positive
   * @param note       a sentence about the change (carrier and tracking, a reason); never null
   */
  record RedemptionChanged(String id, Instant at, RedemptionId redemption, ParticipantId wallet, CatalogItemId item,
      RedemptionStatus status, long points, String note) implements LoyaltyEvent {
    public RedemptionChanged {
      requireNonNull(id, "id");
      requireNonNull(at, "at");
      requireNonNull(redemption, "redemption");
      requireNonNull(wallet, "wallet");
      requireNonNull(item, "item");
      requireNonNull(status, "status");
      requireNonNull(note, "note");
    }
  }

  /**
   * Points of a paid redemption went back to the wallet: a failed delivery or a return, by a reversal
   * of the payment. Its id is {@code redemption:<id>:refund:<reference>}.
   *
   * @param id          never null
   * @param at          never null
   * @param redemption  never null
   * @param wallet      never null
   * @param units       the units refunded; positive
   * @param points      the points given back; positive
   * @param transaction the ledger's reversal; never null
   */
  record RedemptionRefunded(String id, Instant at, RedemptionId redemption, ParticipantId wallet, int units,
      long points, TransactionId transaction) implements LoyaltyEvent {
    public RedemptionRefunded {
      requireNonNull(id, "id");
      requireNonNull(at, "at");
      requireNonNull(redemption, "redemption");
      requireNonNull(wallet, "wallet");
      requireNonNull(transaction, "transaction");
    }
  }
}
