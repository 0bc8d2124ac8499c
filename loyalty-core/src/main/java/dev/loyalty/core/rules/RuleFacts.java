package dev.loyalty.core.rules;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.claims.ClaimFacts;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import java.util.List;
import java.util.Optional;

/**
 * Everything a rule may look at for one activity. Figures and tiers are as they stood before the
 * activity (a rule rewarding "the first order" sees zero orders).
 *
 * @param activity        never null
 * @param partner         the activity's organisation; never null
 * @param member          the individual, if the activity names one; never null
 * @param parent          the partner's parent organisation, if any; never null
 * @param partnerFigures  never null
 * @param memberFigures   present when {@code member} is; never null
 * @param partnerTier     the partner's current tier, if any; never null
 * @param memberTier      the member's current tier, if any; never null
 * @param campaigns       the campaigns running at the activity's time that target the partner;
 *                        never null
 * @param program         never null
 * @param claim           for an activity a claim became: the claim's risk figures (its evidence
 *                        against the manufacturer's records and the partner's own history); empty
 *                        for any other activity; never null
 */
public record RuleFacts(
    Activity activity,
    Partner partner,
    Optional<Member> member,
    Optional<Partner> parent,
    PerformanceFigures partnerFigures,
    Optional<PerformanceFigures> memberFigures,
    Optional<Tier> partnerTier,
    Optional<Tier> memberTier,
    List<Campaign> campaigns,
    Program program,
    Optional<ClaimFacts> claim) {
  public RuleFacts {
    requireNonNull(activity, "activity");
    requireNonNull(partner, "partner");
    requireNonNull(member, "member");
    requireNonNull(parent, "parent");
    requireNonNull(partnerFigures, "partnerFigures");
    requireNonNull(memberFigures, "memberFigures");
    requireNonNull(partnerTier, "partnerTier");
    requireNonNull(memberTier, "memberTier");
    campaigns = List.copyOf(requireNonNull(campaigns, "campaigns"));
    requireNonNull(program, "program");
    requireNonNull(claim, "claim");
  }

  /** The facts of an activity that is not a claim. */
  public RuleFacts(Activity activity, Partner partner, Optional<Member> member, Optional<Partner> parent,
      PerformanceFigures partnerFigures, Optional<PerformanceFigures> memberFigures, Optional<Tier> partnerTier,
      Optional<Tier> memberTier, List<Campaign> campaigns, Program program) {
    this(activity, partner, member, parent, partnerFigures, memberFigures, partnerTier, memberTier, campaigns, program,
        Optional.empty());
  }
}
