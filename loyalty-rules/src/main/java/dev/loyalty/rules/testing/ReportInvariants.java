package dev.loyalty.rules.testing;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.simulation.SimulationReport;
import dev.loyalty.core.simulation.SimulationReport.CampaignTotal;
import dev.loyalty.core.simulation.SimulationReport.ParticipantResult;
import dev.loyalty.core.simulation.SimulationReport.RuleTotal;
import java.util.ArrayList;
import java.util.List;

/**
 * What holds for every program and every rule set, checked on a simulation's report: a property
 * test of one's own DRL asserts that the list of violations is empty, whatever stream jqwik draws.
 *
 * <ul>
 *   <li>no participant's balance, issued, taken back, clawed back, expired or pending points are
 *       negative, and none holds more than it was issued;</li>
 *   <li>each participant's balance is what it was issued, less what returns took from its wallet,
 *       less what expired, less what it redeemed; the totals are the participants' sums;</li>
 *   <li>every point issued and taken back is credited to a rule;</li>
 *   <li>no campaign budget is negative, or paid out more than it was given.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe; never null.
 */
public final class ReportInvariants {
  private ReportInvariants() {
  }

  /** Every violation in {@code report}, one sentence each naming who and the figures; empty when all hold. */
  public static List<String> violations(SimulationReport report) {
    requireNonNull(report, "report");
    List<String> out = new ArrayList<>();
    long issued = 0;
    long taken = 0;
    long clawed = 0;
    long expired = 0;
    long redeemed = 0;
    long balance = 0;
    for (ParticipantResult p : report.participants()) {
      String who = p.participant().kind() + " " + p.participant().value();
      if (p.issued() < 0 || p.takenBack() < 0 || p.clawedBack() < 0 || p.expired() < 0 || p.redeemed() < 0
          || p.balance() < 0 || p.pending() < 0) {
        out.add(who + " has a negative figure: " + p);
      }
      if (p.clawedBack() > p.takenBack()) {
        out.add(who + " had " + p.clawedBack() + " points clawed back of only " + p.takenBack() + " taken back");
      }
      long expected = p.issued() - (p.takenBack() - p.clawedBack()) - p.expired() - p.redeemed();
      if (p.balance() != expected) {
        out.add(who + " holds " + p.balance() + " points but was issued " + p.issued() + ", lost "
            + (p.takenBack() - p.clawedBack()) + " to returns and " + p.expired() + " to expiry and redeemed "
            + p.redeemed() + ": " + expected);
      }
      if (p.balance() > p.issued()) {
        out.add(who + " holds " + p.balance() + " points, more than the " + p.issued() + " it was issued");
      }
      issued += p.issued();
      taken += p.takenBack();
      clawed += p.clawedBack();
      expired += p.expired();
      redeemed += p.redeemed();
      balance += p.balance();
    }
    SimulationReport.Points points = report.points();
    if (points.issued() != issued || points.takenBack() != taken || points.clawedBack() != clawed
        || points.expired() != expired || points.redeemed() != redeemed || points.outstanding() != balance) {
      out.add("the totals " + points + " are not the participants' sums: issued " + issued + ", taken back " + taken
          + ", clawed back " + clawed + ", expired " + expired + ", redeemed " + redeemed + ", outstanding " + balance);
    }
    long byRule = report.rules().stream().mapToLong(RuleTotal::issued).sum();
    long takenByRule = report.rules().stream().mapToLong(RuleTotal::takenBack).sum();
    if (byRule != points.issued() || takenByRule != points.takenBack()) {
      out.add("rules issued " + byRule + " and took back " + takenByRule + " points, the report " + points.issued()
          + " and " + points.takenBack());
    }
    for (CampaignTotal c : report.campaigns()) {
      if (c.left() < 0) {
        out.add("campaign " + c.campaign() + "'s budget is negative: " + c.left());
      }
      if (c.issued() - c.takenBack() > c.budget()) {
        out.add("campaign " + c.campaign() + " paid out " + (c.issued() - c.takenBack()) + " points net, more than its "
            + "budget of " + c.budget());
      }
    }
    return out;
  }
}
