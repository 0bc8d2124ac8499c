package dev.loyalty.core.simulation.internal;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.rewards.CatalogItem;
import dev.loyalty.core.rewards.CodeSource;
import dev.loyalty.core.rewards.Offer;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rewards.RewardKind;
import dev.loyalty.core.rewards.Rewards;
import dev.loyalty.core.rewards.Shipment;
import dev.loyalty.core.simulation.Channel;
import dev.loyalty.core.simulation.Redeeming;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A simulation's redemptions (see {@link Redeeming}): run at each month's close, on the run's thread,
 * through the engine's own {@link Rewards}, so what they pay is on the same ledger as the awards.
 */
public final class Redeemer {
  private final Redeeming how;
  private final LoyaltyEngine engine;
  private final List<Member> members;

  public Redeemer(Redeeming how, LoyaltyEngine engine, Channel channel) {
    this.how = how;
    this.engine = engine;
    this.members = channel.members();
  }

  /** The members' redemptions at close number {@code close}, counted in {@code tally}. */
  public void monthEnd(int close, Tally tally) {
    Rewards rewards = engine.rewards();
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      SplittableRandom random = new SplittableRandom(how.seed() * 0x9E3779B97F4A7C15L + close * 0xBF58476D1CE4E5B9L + i);
      if (random.nextInt(100) >= how.percent()) {
        continue;
      }
      long available = engine.balance(member.id()).available();
      Optional<CatalogItem> item = rewards.offers(member.id()).stream().map(Offer::item)
          .filter(it -> it.points() <= available && !fromPool(it))
          .max(Comparator.comparingLong(CatalogItem::points).thenComparing(it -> it.id().value()));
      if (item.isEmpty()) {
        continue;
      }
      RedemptionId id = RedemptionId.of("SIM-" + close + "-" + member.id().value());
      try {
        Redemption r = settle(rewards, rewards.redeem(RedemptionRequest.byMember(id, member.id(), item.get().id())));
        tally.redeemed(member.id(), r.points());
      } catch (LoyaltyException refused) {
        tally.redemptionRefused(refused.getMessage());
      }
    }
  }

  /** Ships and delivers goods, fulfils the rest: a simulated redemption ends paid. */
  private static Redemption settle(Rewards rewards, Redemption r) {
    if (r.status() != RedemptionStatus.ORDERED) {
      return r;
    }
    if (r.terms().kind() instanceof RewardKind.Merchandise goods) {
      if (goods.shipping()) {
        rewards.ship(r.id(), Shipment.of("simulated", r.id().value()));
      }
      return rewards.deliver(r.id());
    }
    return rewards.fulfil(r.id(), "simulated");
  }

  private static boolean fromPool(CatalogItem item) {
    return item.kind() instanceof RewardKind.DigitalCode code && code.source() instanceof CodeSource.Pool;
  }
}
