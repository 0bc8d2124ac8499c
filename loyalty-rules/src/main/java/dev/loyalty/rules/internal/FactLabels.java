package dev.loyalty.rules.internal;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.SellThroughLine;
import dev.loyalty.core.claims.CampaignEnd;
import dev.loyalty.core.claims.ClaimFacts;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.rules.facts.BadgeAward;
import dev.loyalty.rules.facts.CurrentTier;
import dev.loyalty.rules.facts.Earned;
import dev.loyalty.rules.facts.Figures;
import dev.loyalty.rules.facts.MemberEarned;
import dev.loyalty.rules.facts.MemberFigures;
import dev.loyalty.rules.facts.Missed;
import dev.loyalty.rules.facts.ParentPartner;
import dev.loyalty.rules.facts.PointsAward;
import dev.loyalty.rules.facts.ProgramParameters;
import dev.loyalty.rules.facts.Qualification;
import dev.loyalty.rules.facts.RiskAlert;
import dev.loyalty.rules.standard.EarnRate;
import dev.loyalty.rules.standard.PeriodCap;
import dev.loyalty.rules.standard.Threshold;
import dev.loyalty.rules.standard.Thresholds;
import java.util.Collection;

/** Short names of facts for explanations: "sale inv-1", "tier gold of partner dealer-a". */
final class FactLabels {
  private static final int MAX_OTHER = 60;
  // looked up once per class: a helper's value a rule matched with from (an earn rate, a threshold)
  // is labelled in most evaluations, and the reflective lookup was most of its label's cost
  private static final ClassValue<Boolean> OVERRIDES_TO_STRING = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      try {
        return type.getMethod("toString").getDeclaringClass() != Object.class;
      } catch (NoSuchMethodException e) {
        return false;
      }
    }
  };

  private FactLabels() {
  }

  static String of(Object fact) {
    if (fact instanceof Activity a) {
      return a.kind() + " " + a.id();
    } else if (fact instanceof Partner p) {
      return "partner " + p.id();
    } else if (fact instanceof ParentPartner p) {
      return "parent partner " + p.id();
    } else if (fact instanceof Member m) {
      return "member " + m.id();
    } else if (fact instanceof Figures f) {
      return (f instanceof MemberFigures ? "figures of member " : "figures of partner ") + f.participant().value();
    } else if (fact instanceof Earned e) {
      return "points earned by " + (e instanceof MemberEarned ? "member " : "partner ") + e.participant().value()
          + (e instanceof MemberEarned ? "" : "'s organisation");
    } else if (fact instanceof CurrentTier t) {
      return "tier " + t.id() + " of " + participant(t.participant());
    } else if (fact instanceof Tier t) {
      return "tier " + t.id();
    } else if (fact instanceof Collection<?> c) {
      return c.size() + (c.size() == 1 ? " collected fact" : " collected facts");
    } else if (fact instanceof Campaign c) {
      return "campaign " + c.id();
    } else if (fact instanceof Program p) {
      return "program " + p.id();
    } else if (fact instanceof ProgramParameters p) {
      return "parameters of program " + p.program();
    } else if (fact instanceof InvoiceLine l) {
      return "line " + l.sku();
    } else if (fact instanceof SellThroughLine l) {
      return "line " + l.sku();
    } else if (fact instanceof PointsAward a) {
      return "award of " + a.getPoints() + " points to " + participant(a.getBeneficiary()) + " (" + a.getKind() + ")";
    } else if (fact instanceof BadgeAward b) {
      return "badge " + b.badge() + " of " + participant(b.participant());
    } else if (fact instanceof Qualification q) {
      return "qualification of " + participant(q.participant()) + " for tier " + q.tier();
    } else if (fact instanceof RiskAlert r) {
      return "risk alert " + r.code();
    } else if (fact instanceof ClaimFacts c) {
      return "claim " + c.claim() + " of invoice " + c.invoiceNumber();
    } else if (fact instanceof CampaignEnd e) {
      return "the last " + e.windowDays() + " days of campaign " + e.campaign();
    } else if (fact instanceof Missed m) {
      return "missed " + m.ruleId();
    }
    if (!overridesToString(fact)) {
      // Object's own text carries an identity hash: one outcome would read differently each time
      return fact.getClass().getSimpleName();
    }
    String text = String.valueOf(fact);
    return text.length() <= MAX_OTHER ? text : text.substring(0, MAX_OTHER) + "...";
  }

  /**
   * Whether the label of {@code fact} stays what it is now: its type is immutable (and labelled
   * from what never changes), so a sentence written later may label it then. An award, a collected
   * list, figures (whose label is cheap but whose fact is big to keep) and types the rules may
   * declare and change are not.
   */
  static boolean stable(Object fact) {
    return fact instanceof Activity || fact instanceof Partner || fact instanceof ParentPartner
        || fact instanceof Member || fact instanceof CurrentTier || fact instanceof Tier || fact instanceof Campaign
        || fact instanceof Program || fact instanceof ProgramParameters || fact instanceof InvoiceLine
        || fact instanceof SellThroughLine || fact instanceof BadgeAward || fact instanceof Qualification
        || fact instanceof RiskAlert || fact instanceof ClaimFacts || fact instanceof CampaignEnd
        || fact instanceof Missed || fact instanceof String || fact instanceof EarnRate || fact instanceof Threshold
        || fact instanceof Thresholds || fact instanceof PeriodCap;
  }

  private static boolean overridesToString(Object fact) {
    return OVERRIDES_TO_STRING.get(fact.getClass());
  }

  static String participant(ParticipantId id) {
    return id.kind() + " " + id.value();
  }
}
