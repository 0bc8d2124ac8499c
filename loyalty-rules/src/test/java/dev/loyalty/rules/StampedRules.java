package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleOutcome;
import java.time.Instant;

/**
 * Rule sets whose every rule stamps its version on what it produces, in several stages and two
 * files, so that a test can tell whether an outcome came wholly from one version.
 */
final class StampedRules {
  private StampedRules() {
  }

  /** Version {@code version}: a base award of {@code n} doubled, a bonus of 10 n, a badge. */
  static RuleSet version(String version, int n, Instant effectiveFrom) {
    String head = """
        package stamped;
        import dev.loyalty.core.activity.*;
        import dev.loyalty.core.model.*;
        import dev.loyalty.rules.facts.*;
        import java.math.BigDecimal;
        """;
    RuleSource awards = RuleSource.of("awards.drl", head + """
        rule "base" ruleflow-group "award"
        when
          Partner( $p : id )
          Sale( )
        then
          insert(PointsAward.of($p, %1$d, "base", "Base of %2$s."));
        end

        rule "bonus" ruleflow-group "award"
        when
          Partner( $p : id )
          Sale( )
        then
          insert(PointsAward.of($p, %1$d * 10, "bonus", "Bonus of %2$s."));
        end
        """.formatted(n, version));
    RuleSource later = RuleSource.of("later.drl", head + """
        rule "double" ruleflow-group "multiply"
        when
          $a : PointsAward( kind == "base" )
        then
          modify($a) { multiply(new BigDecimal("2"), "Doubled by %2$s.") }
        end

        rule "stamp" ruleflow-group "audit"
        when
          Partner( $p : id )
          PointsAward( kind == "bonus" )
        then
          insert(new BadgeAward($p, "%2$s", "Stamped by %2$s."));
        end
        """.formatted(n, version));
    return RuleSet.of(version, effectiveFrom, awards, later);
  }

  /** Checks that {@code outcome} is wholly the work of {@code version} with number {@code n}. */
  static void assertWhollyFrom(RuleOutcome outcome, String version, int n) {
    assertThat(outcome.awards()).extracting(Award::points).containsExactly(2L * n, 10L * n);
    assertThat(outcome.awards()).extracting(Award::reason)
        .containsExactly("Base of " + version + ". Doubled by " + version + ".", "Bonus of " + version + ".");
    assertThat(outcome.awards()).allSatisfy(a -> assertThat(a.rule().version()).isEqualTo(version));
    assertThat(outcome.badges()).singleElement().satisfies(b -> {
      assertThat(b.badge()).isEqualTo(version);
      assertThat(b.rule().version()).isEqualTo(version);
    });
    assertThat(outcome.decisions()).hasSize(4)
        .allSatisfy(d -> assertThat(d.rule().version()).isEqualTo(version));
  }

  /** The version an outcome came from, read from what its rules stamped. */
  static String versionOf(RuleOutcome outcome) {
    return outcome.badges().get(0).badge();
  }
}
