package dev.loyalty.core.internal;

import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.Award;
import dev.loyalty.ledger.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Turns a rule engine's awards into posted awards, cutting those paid by a campaign to what its
 * budget still holds, in the order the rules gave them. The ledger refuses to overdraw a budget
 * anyway; cutting first lets the receipt say exactly what was cut and why instead of refusing the
 * whole activity.
 */
public final class AwardPlanner {
  private AwardPlanner() {
  }

  /**
   * Plans {@code awards}, reading each campaign budget's available points with {@code available}.
   *
   * @throws InvalidActivityException if an award names a campaign the program does not define
   */
  public static List<PostedAward> plan(List<Award> awards, Program program, Optional<Instant> expiresAt,
      ToLongFunction<AccountId> available) {
    Map<CampaignId, Long> left = new HashMap<>();
    List<PostedAward> posted = new ArrayList<>(awards.size());
    for (Award a : awards) {
      if (a.campaign().isEmpty()) {
        posted.add(new PostedAward(a.beneficiary(), a.points(), a.points(), a.rule(), a.reason(), Optional.empty(),
            expiresAt, Optional.empty()));
        continue;
      }
      CampaignId campaign = a.campaign().get();
      if (program.campaign(campaign).isEmpty()) {
        throw new InvalidActivityException("rule " + a.rule() + " awards from campaign " + campaign
            + ", which program " + program.id() + " does not define");
      }
      long budget = left.computeIfAbsent(campaign,
          c -> Math.max(0, available.applyAsLong(program.accounts().budget(c))));
      long points = Math.min(budget, a.points());
      left.put(campaign, budget - points);
      Optional<String> note = Optional.empty();
      if (points == 0) {
        note = Optional.of("Campaign " + campaign + "'s budget is exhausted, so nothing of the " + a.points()
            + " points was posted.");
      } else if (points < a.points()) {
        note = Optional.of("Campaign " + campaign + "'s budget had only " + points + " of the " + a.points()
            + " points left.");
      }
      posted.add(new PostedAward(a.beneficiary(), a.points(), points, a.rule(), a.reason(), a.campaign(), expiresAt,
          note));
    }
    return posted;
  }
}
