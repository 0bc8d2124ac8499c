package dev.loyalty.rules.internal;

import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.CustomActivity;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.ReportSubmission;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SellThroughLine;
import dev.loyalty.core.activity.SellThroughReport;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.claims.CampaignEnd;
import dev.loyalty.core.claims.ClaimFacts;
import dev.loyalty.core.claims.ClaimRef;
import dev.loyalty.core.claims.SerialClaim;
import dev.loyalty.core.claims.SharedIdentity;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.rules.facts.BadgeAward;
import dev.loyalty.rules.facts.CurrentTier;
import dev.loyalty.rules.facts.Earned;
import dev.loyalty.rules.facts.Figures;
import dev.loyalty.rules.facts.MemberEarned;
import dev.loyalty.rules.facts.MemberFigures;
import dev.loyalty.rules.facts.MemberTier;
import dev.loyalty.rules.facts.Missed;
import dev.loyalty.rules.facts.ParentPartner;
import dev.loyalty.rules.facts.PartnerEarned;
import dev.loyalty.rules.facts.PartnerFigures;
import dev.loyalty.rules.facts.PartnerTier;
import dev.loyalty.rules.facts.PointsAward;
import dev.loyalty.rules.facts.ProgramParameters;
import dev.loyalty.rules.facts.Qualification;
import dev.loyalty.rules.facts.RiskAlert;
import java.util.List;

/** The types a rule matches: the input facts, the lines rules reach with {@code from}, the results. */
public final class Vocabulary {
  /** What the engine inserts for an activity (the activity as its own record type). */
  public static final List<Class<?>> INPUTS = List.of(Sale.class, TrainingCompleted.class,
      CertificationEarned.class, Referral.class, SellThroughReport.class, ReportSubmission.class,
      CustomActivity.class, Partner.class, Member.class, ParentPartner.class, PartnerFigures.class,
      MemberFigures.class, Figures.class, PartnerEarned.class, MemberEarned.class, Earned.class, PartnerTier.class,
      MemberTier.class, CurrentTier.class, Campaign.class, Program.class, ProgramParameters.class, ClaimFacts.class);

  /**
   * Parts of facts rules reach with {@code from} ({@code InvoiceLine() from $sale.lines}, {@code
   * CampaignEnd() from $claim.campaignEnds}).
   */
  public static final List<Class<?>> PARTS = List.of(InvoiceLine.class, SellThroughLine.class, ClaimRef.class,
      SerialClaim.class, CampaignEnd.class, SharedIdentity.class);

  /** What rules insert. */
  public static final List<Class<?>> RESULTS = List.of(PointsAward.class, Qualification.class, BadgeAward.class,
      RiskAlert.class, Missed.class);

  private Vocabulary() {
  }

  /** Inputs, parts and results. */
  public static List<Class<?>> all() {
    return java.util.stream.Stream.of(INPUTS, PARTS, RESULTS).flatMap(List::stream).toList();
  }
}
