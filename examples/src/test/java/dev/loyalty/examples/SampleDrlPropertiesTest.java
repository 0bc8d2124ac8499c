package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.simulation.ActivityGenerator;
import dev.loyalty.core.simulation.Channel;
import dev.loyalty.core.simulation.ChannelGenerator;
import dev.loyalty.core.simulation.ChannelShape;
import dev.loyalty.core.simulation.Simulation;
import dev.loyalty.core.simulation.SimulationReport;
import dev.loyalty.core.simulation.Simulator;
import dev.loyalty.ledger.Balance;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.RuleSet;
import dev.loyalty.rules.RuleSource;
import dev.loyalty.rules.testing.LoyaltyArbitraries;
import dev.loyalty.rules.testing.ReportInvariants;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * Properties an integrator would state of their own DRL, here of a sample one
 * ({@code rules/sample-incentives.drl}: points per amount, tier multiplier, a cap per invoice, the
 * rep's share, a training bonus), with loyalty-rules' property kit: jqwik draws the streams and,
 * when a property fails, shrinks the stream to the shortest one that still breaks it.
 */
@PropertyDefaults(tries = 20)
class SampleDrlPropertiesTest {
  static final Program PROGRAM = ProgramLoader.fromJson(new InputStreamReader(Objects.requireNonNull(
      SampleDrlPropertiesTest.class.getClassLoader().getResourceAsStream("rules/sample-program.json")),
      StandardCharsets.UTF_8));
  static final DroolsRuleEngine RULES = DroolsRuleEngine.of(RuleSet.of("sample-1", Instant.MIN,
      RuleSource.fromClasspath("rules/sample-incentives.drl", SampleDrlPropertiesTest.class.getClassLoader())));
  static final long CAP = Long.parseLong(PROGRAM.parameters().get("max-points-per-invoice"));
  static final Channel CHANNEL = ChannelGenerator.seeded(42).generate(ChannelShape.ofPartners(15));
  static final Instant FROM = Instant.parse("2026-01-01T04:00:00Z");
  static final Instant MIDDLE = Instant.parse("2026-09-01T04:00:00Z");
  static final Instant TO = Instant.parse("2026-12-31T04:00:00Z");

  @Provide
  Arbitrary<List<Activity>> streams() {
    return LoyaltyArbitraries.activityStreams(CHANNEL, FROM, TO, 40);
  }

  @Provide
  Arbitrary<List<Activity>> histories() {
    return LoyaltyArbitraries.activityStreams(CHANNEL, FROM, MIDDLE, 30);
  }

  @Provide
  Arbitrary<Sale> laterSales() {
    return LoyaltyArbitraries.sales(CHANNEL, MIDDLE, TO);
  }

  @Provide
  Arbitrary<InvoiceLine> lines() {
    return LoyaltyArbitraries.invoiceLines();
  }

  @Provide
  Arbitrary<ActivityGenerator> years() {
    return LoyaltyArbitraries.years(CHANNEL, 12);
  }

  @Property
  void pointsAreNeverNegative(@ForAll("streams") List<Activity> stream) {
    SimulationReport report = Simulator.of(CHANNEL).simulate(PROGRAM, RULES, stream);
    assertThat(ReportInvariants.violations(report)).isEmpty();
    assertThat(report.participants()).allSatisfy(p -> assertThat(p.balance()).isNotNegative());
  }

  @Property
  void noInvoiceEverPaysMoreThanTheCap(@ForAll("streams") List<Activity> stream) {
    Simulation run = Simulator.of(CHANNEL).start(PROGRAM, RULES);
    for (Activity a : stream) {
      Optional<Receipt> receipt = run.record(a);
      if (a instanceof Sale && receipt.isPresent()) {
        long paid = receipt.get().awards().stream().mapToLong(w -> w.points()).sum();
        assertThat(paid).as("points for %s", a.id()).isLessThanOrEqualTo(CAP);
      }
    }
  }

  @Property
  void moreSalesNeverEarnFewerPoints(@ForAll("histories") List<Activity> history, @ForAll("laterSales") Sale sale,
      @ForAll("lines") InvoiceLine extra) {
    List<InvoiceLine> more = new ArrayList<>(sale.lines());
    if (more.stream().anyMatch(l -> l.sku().equals(extra.sku()))) {
      return;   // an invoice names a SKU once
    }
    more.add(extra);
    Sale bigger = new Sale(sale.header(), sale.currency(), more);
    assertThat(pointsFor(bigger, history)).isGreaterThanOrEqualTo(pointsFor(sale, history));
  }

  private static long pointsFor(Sale sale, List<Activity> history) {
    Simulation run = Simulator.of(CHANNEL).start(PROGRAM, RULES);
    history.forEach(run::record);
    return run.record(sale).orElseThrow().totalPoints();
  }

  @Property(tries = 10)
  void aReplayedStreamChangesNothing(@ForAll("streams") List<Activity> stream) {
    Simulation run = Simulator.of(CHANNEL).start(PROGRAM, RULES);
    stream.forEach(run::record);
    Map<ParticipantId, Balance> before = balances(run);
    long transactions = run.engine().ledger().verify().checked();
    for (Activity a : stream) {
      try {
        run.record(a);
      } catch (LoyaltyException refused) {
        // a refusal is refused again; nothing changes either way
      }
    }
    assertThat(balances(run)).isEqualTo(before);
    assertThat(run.engine().ledger().verify().checked()).isEqualTo(transactions);
    SimulationReport report = run.finish();
    assertThat(report.activities().replayed()).isEqualTo(stream.size());
    assertThat(report.points()).isEqualTo(Simulator.of(CHANNEL).simulate(PROGRAM, RULES, stream).points());
  }

  private static Map<ParticipantId, Balance> balances(Simulation run) {
    Map<ParticipantId, Balance> out = new LinkedHashMap<>();
    CHANNEL.partners().forEach(p -> out.put(p.id(), run.engine().balance(p.id())));
    CHANNEL.members().forEach(m -> out.put(m.id(), run.engine().balance(m.id())));
    return out;
  }

  @Property(tries = 3)
  void theSameSeedGivesTheSameReport(@ForAll("years") ActivityGenerator year) {
    assertThat(Simulator.of(CHANNEL).simulate(PROGRAM, RULES, year))
        .isEqualTo(Simulator.of(CHANNEL).simulate(PROGRAM, RULES, year));
  }
}
