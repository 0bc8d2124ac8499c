package dev.loyalty.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.examples.bench.ClaimsGenerator.Event;
import dev.loyalty.examples.bench.ClaimsGenerator.Fraud;
import dev.loyalty.examples.bench.ClaimsGenerator.Identity;
import dev.loyalty.examples.bench.ClaimsGenerator.Redeem;
import dev.loyalty.examples.bench.ClaimsGenerator.Scenario;
import dev.loyalty.examples.bench.ClaimsGenerator.Submit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The claims benchmark on a small channel: the generator injects every kind of fraud at about 3%
 * and is the same for a seed; the report has a row per kind with figures, and the books balance.
 * The detection figures themselves are not checked here (docs/BENCHMARKS.md records a full run's).
 */
class ClaimsBenchmarkTest {

  @Test
  void theGeneratorInjectsEveryKindOfFraudAtAboutThreePercent_andIsTheSameForASeed() {
    Scenario scenario = ClaimsGenerator.generate(40, 7);
    long claims = scenario.events().stream().filter(e -> e instanceof Submit).count();
    long frauds = scenario.events().stream().filter(e -> e instanceof Submit s && s.fraud().isPresent()).count();

    assertThat((double) frauds / claims).isBetween(0.025, 0.045);
    for (Fraud kind : Fraud.values()) {
      assertThat(scenario.events()).as(kind.label()).anyMatch(e -> e instanceof Submit s
          && s.fraud().equals(Optional.of(kind)));
    }
    assertThat(scenario.events()).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    assertThat(ClaimsGenerator.generate(40, 7)).isEqualTo(scenario);
  }

  @Test
  void everyTakeoverChangesADetailShortlyBeforeItsFirstRedemption_honestPartnersChangeAFewPercentAYear() {
    Scenario scenario = ClaimsGenerator.generate(300, 16);
    List<Event> events = scenario.events();
    Map<PartnerId, List<Identity>> registrations = events.stream().filter(e -> e instanceof Identity)
        .map(e -> (Identity) e).collect(Collectors.groupingBy(Identity::partner));
    List<Redeem> takeovers = events.stream().filter(e -> e instanceof Redeem r && r.fraud()).map(e -> (Redeem) e)
        .toList();
    assertThat(takeovers).isNotEmpty();
    for (Redeem r : takeovers) {
      assertThat(registrations.get(r.partner())).as("a change before %s", r).anyMatch(i -> i.at().isBefore(r.at())
          && !i.at().isBefore(r.at().minus(Duration.ofDays(4))) && i.kind() != IdentityKind.TAX_ID);
    }
    // after enrolment, each partner's own changes (not the takeovers'): about 16% of partners a year
    Instant year = ClaimsGenerator.START.atStartOfDay(ClaimsGenerator.ZONE).toInstant();
    Set<PartnerId> taken = takeovers.stream().map(Redeem::partner).collect(Collectors.toSet());
    long changed = registrations.entrySet().stream().filter(e -> !taken.contains(e.getKey()))
        .filter(e -> e.getValue().stream().anyMatch(i -> !i.at().isBefore(year))).count();
    long partners = scenario.partners().stream().filter(p -> !p.front() && !taken.contains(p.id())).count();
    assertThat((double) changed / partners).isBetween(0.08, 0.25);
  }

  @Test
  void theReportHasARowPerKindOfFraud_andTheBooksBalance() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ClaimsBenchmark(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(40, "test");
    String report = bytes.toString(StandardCharsets.UTF_8);

    assertThat(report).contains("40 generated partners", "## Frauds held", "## Honest claims held", "claims/s",
        "Books balanced, ledger chain and audit log intact: yes");
    for (Fraud kind : Fraud.values()) {
      assertThat(report).containsPattern("\\| " + kind.label() + " \\| " + Pattern.quote(ClaimsBenchmark.signals(kind))
          + " \\| \\d+ \\| \\d+\\.\\d% \\| \\d+\\.\\d% \\| \\d+ \\| \\d+\\.\\d% \\|");
    }
    assertThat(report).doesNotContain("NaN").contains("0 refused by the engine");
    assertThat(Arrays.stream(report.split("\n")).filter(l -> l.startsWith("| duplicate invoice")))
        .singleElement().asString().contains("100.0%");
  }
}
