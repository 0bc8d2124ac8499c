package dev.loyalty.rules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.simulation.Channel;
import dev.loyalty.core.simulation.ChannelGenerator;
import dev.loyalty.core.simulation.ChannelShape;
import dev.loyalty.core.simulation.SimulationReport;
import dev.loyalty.core.simulation.SimulationReport.ParticipantResult;
import dev.loyalty.core.simulation.Simulator;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/** The kit's arbitraries draw valid streams, and its invariants hold for them and catch a broken report. */
@PropertyDefaults(tries = 40)
class LoyaltyArbitrariesTest {
  static final Channel CHANNEL = ChannelGenerator.seeded(3).generate(ChannelShape.ofPartners(12));
  static final Instant FROM = Instant.parse("2026-01-01T04:00:00Z");
  static final Instant TO = Instant.parse("2026-12-31T04:00:00Z");

  @Provide
  Arbitrary<List<Activity>> streams() {
    return LoyaltyArbitraries.activityStreams(CHANNEL, FROM, TO, 80);
  }

  @Property
  void streamsAreInDateOrderWithUniqueIds_andReturnsFollowTheirSales(@ForAll("streams") List<Activity> stream) {
    Set<ActivityId> ids = new HashSet<>();
    Map<ActivityId, PartnerId> sales = new HashMap<>();
    Instant last = Instant.MIN;
    for (Activity a : stream) {
      assertThat(ids.add(a.id())).as("unique %s", a.id()).isTrue();
      assertThat(a.occurredAt()).isAfterOrEqualTo(last).isBetween(FROM, TO);
      last = a.occurredAt();
      assertThat(CHANNEL.partner(a.partner())).isPresent();
      a.member().ifPresent(m -> assertThat(CHANNEL.member(m).orElseThrow().partner()).isEqualTo(a.partner()));
      if (a instanceof Sale s) {
        sales.put(s.id(), s.partner());
      } else if (a instanceof SaleReturn r) {
        assertThat(sales.get(r.invoice())).isEqualTo(r.partner());
      }
    }
  }

  @Property(tries = 15)
  void theEngineRefusesNoneOfThem_andTheInvariantsHold(@ForAll("streams") List<Activity> stream) {
    SimulationReport report = Simulator.of(CHANNEL).simulate(ChannelFixture.program(5_000), new SampleRules(), stream);
    assertThat(report.activities().refused()).as("%s", report.activities().refusals()).isZero();
    assertThat(ReportInvariants.violations(report)).isEmpty();
  }

  @Property(tries = 5)
  void theInvariantsCatchABalanceThatDoesNotAddUp(@ForAll("streams") List<Activity> stream) {
    SimulationReport report = Simulator.of(CHANNEL).simulate(ChannelFixture.program(5_000), new SampleRules(), stream);
    List<ParticipantResult> changed = new ArrayList<>(report.participants());
    ParticipantResult p = changed.get(0);
    changed.set(0, new ParticipantResult(p.participant(), p.organisation(), p.region(), p.tier(), p.issued(),
        p.takenBack(), p.clawedBack(), p.expired(), p.redeemed(), p.balance() + 1, p.pending()));
    SimulationReport broken = new SimulationReport(report.program(), report.firstActivity(), report.asOf(),
        report.closes(), report.activities(), report.redemptions(), report.points(), report.liability(), report.rules(), report.campaigns(),
        report.caps(), report.tiers(), report.tierMoves(), report.regions(), report.topPartners(), changed);
    assertThat(ReportInvariants.violations(broken)).anySatisfy(v -> assertThat(v)
        .contains(p.participant().value() + " holds " + (p.balance() + 1) + " points"));
  }
}
