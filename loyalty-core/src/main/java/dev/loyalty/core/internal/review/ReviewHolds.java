package dev.loyalty.core.internal.review;

import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.ReviewHold;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.internal.AwardPlanner;
import dev.loyalty.core.internal.LedgerPoster;
import dev.loyalty.core.internal.PostingStep;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyConflictException;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.LedgerException;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.VoidHoldRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger side of a review: an activity held for review gets one ledger hold per paying account
 * and wallet (the wallet sees a pending credit it cannot spend; the paying budget's points are
 * reserved); approval posts every hold and rejection releases every hold. The holds of an activity
 * are numbered in the order of its awards, and each command's key is derived from the activity,
 * the attempt and that number ({@code <prefix>:activity:<id>[#n]:hold:<i>}, then {@code :post} or
 * {@code :void}), so every step can be run again after a crash and replays what was written.
 * Thread-safe.
 */
public final class ReviewHolds extends PostingStep {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewHolds.class);
  /** One reason for every release, so that a release repeated for any cause is the same request. */
  private static final String RELEASED = "review-released";

  /** Holds through {@code poster}'s ledger. */
  public ReviewHolds(LedgerPoster poster, AwardPlanner planner) {
    super(poster, planner);
  }

  @Override
  public Result write(JournalEntry entry) {
    return switch (entry.receipt().status()) {
      case IN_REVIEW -> poster.write(entry, this::hold, r -> planner.replan(r, entry.activity().occurredAt()));
      case RECORDED -> post(entry);
      case REJECTED -> release(entry);
      default -> throw new IllegalStateException("activity " + entry.activity().id() + " is "
          + entry.receipt().status() + ", which has no review holds");
    };
  }

  /** What one hold carries: the points one account pays one wallet. */
  private record Carried(AccountId from, AccountId to, long points) {
  }

  /** The holds the receipt's awards need, in the order of the awards. */
  private List<Carried> carried(Receipt receipt) {
    Map<List<AccountId>, Long> points = new LinkedHashMap<>();
    for (PostedAward a : receipt.awards()) {
      if (a.points() > 0) {
        points.merge(List.of(planner.source(a), accountIds.wallet(a.beneficiary())), a.points(), Math::addExact);
      }
    }
    List<Carried> carried = new ArrayList<>();
    points.forEach((pair, sum) -> carried.add(new Carried(pair.get(0), pair.get(1), sum)));
    return carried;
  }

  private Result hold(JournalEntry entry) {
    Receipt receipt = entry.receipt();
    List<Carried> carried = carried(receipt);
    poster.openWallets(carried.stream().map(Carried::to).toList());
    Expiry expiry = receipt.awards().stream().flatMap(a -> a.expiresAt().stream()).findFirst()
        .<Expiry>map(Expiry::at).orElse(Expiry.never());
    List<ReviewHold> opened = new ArrayList<>();
    for (int i = 0; i < carried.size(); i++) {
      Carried c = carried.get(i);
      HoldRequest request = new HoldRequest(key(entry, i, ""), c.from(), c.to(), c.points(), expiry, Optional.empty(),
          "review", Map.of("activity", entry.activity().id().value()));
      try {
        opened.add(ReviewHold.held(poster.ledger().hold(request), c.from(), c.to(), c.points()));
      } catch (LedgerException refused) {
        // This attempt is abandoned (a new plan or a refusal): none of its holds may stay open.
        for (int j = 0; j < opened.size(); j++) {
          poster.ledger().voidHold(release(entry, j, opened.get(j).hold()));
        }
        throw refused;
      }
    }
    JournalEntry held = journal.save(entry.planned(receipt.withHolds(opened)));
    return new Written(held, List.of(new LoyaltyEvent.ClaimNeedsReview("review:" + entry.activity().id(),
        receipt.recordedAt(), entry.activity().id(), entry.activity().partner(), receipt.riskFlags())));
  }

  private Result post(JournalEntry entry) {
    Receipt receipt = entry.receipt();
    List<PostedAward> awards = new ArrayList<>(receipt.awards());
    List<ReviewHold> resolved = new ArrayList<>();
    List<Transaction> posted = new ArrayList<>();
    for (int i = 0; i < receipt.holds().size(); i++) {
      ReviewHold h = receipt.holds().get(i);
      try {
        Transaction tx = poster.ledger().postHold(PostHoldRequest.full(key(entry, i, ":post"), h.hold(),
            "review-approved"));
        resolved.add(h.resolved(ReviewHold.State.POSTED, tx.id()));
        posted.add(tx);
      } catch (IdempotencyConflictException e) {
        throw e;
      } catch (LedgerException refused) {
        // Refused for good (the wallet would overflow, say): release it and say so on its awards.
        LOG.warn("activity {}: the ledger refused to post hold {}: {}", entry.activity().id(), h.hold(),
            refused.getMessage());
        Transaction tx = poster.ledger().voidHold(release(entry, i, h.hold()));
        resolved.add(h.resolved(ReviewHold.State.RELEASED, tx.id()));
        cut(awards, h, refused.getMessage());
      }
    }
    JournalEntry written = journal.save(entry.planned(receipt.withAwards(receipt.status(), awards)
        .withHolds(resolved)));
    return new Written(written, poster.awardEvents(entry.activity().id(), posted));
  }

  private Result release(JournalEntry entry) {
    Receipt receipt = entry.receipt();
    List<ReviewHold> released = new ArrayList<>();
    for (int i = 0; i < receipt.holds().size(); i++) {
      ReviewHold h = receipt.holds().get(i);
      released.add(h.resolved(ReviewHold.State.RELEASED, poster.ledger().voidHold(release(entry, i, h.hold())).id()));
    }
    return new Written(journal.save(entry.planned(receipt.withHolds(released))), List.of());
  }

  private VoidHoldRequest release(JournalEntry entry, int index, HoldId hold) {
    return VoidHoldRequest.of(key(entry, index, ":void"), hold, RELEASED);
  }

  private IdempotencyKey key(JournalEntry entry, int index, String step) {
    return poster.key(entry, ":hold:" + index + step);
  }

  /** The awards {@code hold} carried, cut to nothing with the ledger's reason. */
  private void cut(List<PostedAward> awards, ReviewHold hold, String reason) {
    for (int k = 0; k < awards.size(); k++) {
      PostedAward a = awards.get(k);
      if (a.points() > 0 && planner.source(a).equals(hold.from()) && accountIds.wallet(a.beneficiary()).equals(hold.to())) {
        awards.set(k, new PostedAward(a.beneficiary(), a.requested(), 0, a.rule(), a.reason(), a.campaign(),
            a.expiresAt(), Optional.of("The ledger refused to post them: " + reason)));
      }
    }
  }
}
