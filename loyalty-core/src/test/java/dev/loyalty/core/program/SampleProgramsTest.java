package dev.loyalty.core.program;

import dev.loyalty.core.InputProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The two sample files under {@code src/test/resources/programs}. */
class SampleProgramsTest {

  @Test
  void theValidSampleLoads() {
    Program program = ProgramLoader.fromPath(ProgramDocuments.path(ProgramDocuments.VALID));

    assertThat(program.id()).isEqualTo("acme-channel-2026");
    assertThat(program.tiers()).hasSize(2);
    assertThat(program.campaigns()).hasSize(1);
  }

  @Test
  void theInvalidSampleIsRefusedWithEveryProblemAndTheFileNamed() {
    Path file = ProgramDocuments.path(ProgramDocuments.INVALID);

    assertThatThrownBy(() -> ProgramLoader.fromPath(file))
        .isInstanceOfSatisfying(ProgramDefinitionException.class, e -> {
          assertThat(e.problems()).containsExactly(
              new InputProblem("$.zone", "unknown time zone 'India/Delhi'; expected a region id such as Asia/Kolkata"),
              new InputProblem("$.pointValue.USDD",
                  "unknown currency code 'USDD'; expected an ISO 4217 code such as INR or USD"),
              new InputProblem("$.tierPolicy.grace", "'3 months' is not an ISO-8601 period such as P3M or P90D"),
              new InputProblem("$.tiers[1].critera", "unknown field; expected one of id, name, earnMultiplier, criteria"),
              new InputProblem("$.tiers[2].id", "duplicate tier id 'gold'; $.tiers[1] has it already"),
              new InputProblem("$.tiers[2].earnMultiplier", "must be positive, got 0"),
              // Gold's misspelt criteria were not read, so platinum is measured against silver.
              new InputProblem("$.tiers[2].criteria.minSales.INR", "requires 50000, less than the 100000 that the "
                  + "lower tier 'silver' at $.tiers[0] requires; a higher tier must not require less"),
              new InputProblem("$.campaigns[0].endsOn",
                  "2026-06-30 is before startsOn 2026-07-01; a campaign must end on or after the day it starts"),
              new InputProblem("$.campaigns[0].budget", "must be positive, got 0"),
              new InputProblem("$.campaigns[0].target.regions[0]", "region 'North' must be 1-50 lower-case letters, "
                  + "digits or dashes, starting with a letter or digit"),
              new InputProblem("$.campaigns[0].target.tiers[0]",
                  "unknown tier 'platinum'; the program defines silver, gold"),
              new InputProblem("$.earnSplit", "partnerPercent and memberPercent must sum to 100, got 70 + 20 = 90"),
              new InputProblem("$.expiry.yearEnd",
                  "'31-03' is not a real day of the year: month 31 is out of range (1 to 12)"));
          assertThat(e.getMessage())
              .startsWith("invalid program definition in " + file + " (13 problems):\n$.zone: unknown time zone")
              .hasLineCount(14);
        });
  }
}
