package dev.loyalty.core.internal.journal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.ReviewHold;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The figures of a receipt that a scan of the journal sums (the insights' pass): its status, when it
 * was recorded, its ledger transaction, its awards without their sentences, its returns and its
 * review holds. Everything else a receipt says (decisions, badges, flags, tiers, sentences) is left
 * out, so that {@link ReceiptPacker#figures} reads them from a packed receipt without rebuilding
 * the rest. Immutable; nothing is null.
 *
 * @param status      never null
 * @param recordedAt  never null
 * @param transaction the ledger transaction of the receipt's steps; never null
 * @param awards      as {@link Receipt#awards()}, in order; never null
 * @param returns     as {@link Receipt#returns()}; never null
 * @param holds       as {@link Receipt#holds()}; never null
 */
public record ReceiptFigures(Receipt.Status status, Instant recordedAt, Optional<TransactionId> transaction,
    List<Award> awards, List<AwardReturn> returns, List<ReviewHold> holds) {

  /** Validates; copies the lists. */
  public ReceiptFigures {
    requireNonNull(status, "status");
    requireNonNull(recordedAt, "recordedAt");
    requireNonNull(transaction, "transaction");
    awards = List.copyOf(requireNonNull(awards, "awards"));
    returns = List.copyOf(requireNonNull(returns, "returns"));
    holds = List.copyOf(requireNonNull(holds, "holds"));
  }

  /** The figures of {@code receipt}. */
  public static ReceiptFigures of(Receipt receipt) {
    requireNonNull(receipt, "receipt");
    return new ReceiptFigures(receipt.status(), receipt.recordedAt(), receipt.transaction(),
        receipt.awards().stream().map(Award::of).toList(), receipt.returns(), receipt.holds());
  }

  /**
   * A {@link PostedAward} without its sentences (its reason and budget note).
   *
   * @param beneficiary never null
   * @param requested   the points the rules asked for
   * @param points      the points posted
   * @param rule        never null
   * @param campaign    never null
   * @param expiresAt   never null
   */
  public record Award(ParticipantId beneficiary, long requested, long points, RuleRef rule,
      Optional<CampaignId> campaign, Optional<Instant> expiresAt) {

    /**
     * Validates that nothing is null; the points are a {@link PostedAward}'s, which checked them (and
     * {@link #said} checks them again).
     */
    public Award {
      requireNonNull(beneficiary, "beneficiary");
      requireNonNull(rule, "rule");
      requireNonNull(campaign, "campaign");
      requireNonNull(expiresAt, "expiresAt");
    }

    /** The figures of {@code award}. */
    public static Award of(PostedAward award) {
      return new Award(award.beneficiary(), award.requested(), award.points(), award.rule(), award.campaign(),
          award.expiresAt());
    }

    /** The award with these sentences. */
    PostedAward said(String reason, Optional<String> budgetNote) {
      return new PostedAward(beneficiary, requested, points, rule, reason, campaign, expiresAt, budgetNote);
    }
  }
}
