package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.rules.Award;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where DRL comes from (strings, files, directories, the classpath) and what a rule set must be. */
class RuleSourcesTest {
  private static final String FILE_RULE = """
      package loyalty.sources;

      import dev.loyalty.core.activity.*;
      import dev.loyalty.core.model.*;
      import dev.loyalty.rules.facts.*;

      rule "%s"
        ruleflow-group "award"
      when
        Partner( $partner : id )
        Sale( )
      then
        insert(PointsAward.of($partner, %d, "bonus", "From %s."));
      end
      """;

  @Test
  void oneRuleSetFromAStringAFileAndTheClasspath(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("file.drl");
    Files.writeString(file, FILE_RULE.formatted("file bonus", 2, "a file"));
    RuleSet ruleSet = RuleSet.always("mixed",
        RuleSource.of("inline.drl", FILE_RULE.formatted("string bonus", 1, "a string")),
        RuleSource.fromPath(file),
        RuleSource.fromClasspath("examples/split/bonus.drl"));

    DroolsRuleEngine engine = DroolsRuleEngine.of(ruleSet);

    assertThat(engine.evaluate(TestFacts.sale("100").facts()).awards()).extracting(Award::points, Award::reason)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1L, "From a string."),
            org.assertj.core.groups.Tuple.tuple(2L, "From a file."),
            org.assertj.core.groups.Tuple.tuple(3L, "From the classpath."));
    assertThat(ruleSet.sources()).extracting(RuleSource::name)
        .containsExactly("inline.drl", file.toString(), "examples/split/bonus.drl");
  }

  @Test
  void aDirectory_givesItsDrlFilesSortedByName(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("b.drl"), "b");
    Files.writeString(dir.resolve("a.drl"), "a");
    Files.writeString(dir.resolve("notes.txt"), "not DRL");
    Files.createDirectory(dir.resolve("sub.drl"));

    assertThat(RuleSource.fromDirectory(dir)).extracting(RuleSource::drl).containsExactly("a", "b");
  }

  @Test
  void missingSources_areRefusedWithTheirName(@TempDir Path dir) {
    assertThatThrownBy(() -> RuleSource.fromClasspath("rules/none.drl"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no DRL resource 'rules/none.drl' on the classpath");
    assertThatThrownBy(() -> RuleSource.fromPath(dir.resolve("none.drl")))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("none.drl");
  }

  @Test
  void aRuleSet_needsAVersionAndDistinctSources() {
    RuleSource one = RuleSource.of("a.drl", "");
    assertThatThrownBy(() -> RuleSet.always("v 1", one)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rule set version 'v 1' must be 1-100 letters, digits, dots, dashes or underscores");
    assertThatThrownBy(() -> RuleSet.of("v1", Instant.MIN, List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rule set v1 has no DRL sources");
    assertThatThrownBy(() -> RuleSet.always("v1", one, RuleSource.of("a.drl", "other")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("rule set v1 has two sources named a.drl");
  }

  @Test
  void builderSettings_areGivenOnce() {
    DroolsRuleEngine.Builder builder = DroolsRuleEngine.builder().maxFiringsPerActivity(10)
        .classLoader(getClass().getClassLoader());

    assertThatThrownBy(() -> builder.maxFiringsPerActivity(20)).isInstanceOf(IllegalStateException.class)
        .hasMessage("maxFiringsPerActivity is already set");
    assertThatThrownBy(() -> builder.classLoader(getClass().getClassLoader())).isInstanceOf(IllegalStateException.class)
        .hasMessage("classLoader is already set");
  }

  @Test
  void anEngineWithoutRuleSets_refusesEveryActivity() {
    DroolsRuleEngine empty = DroolsRuleEngine.builder().build();

    assertThatThrownBy(() -> empty.evaluate(TestFacts.sale("100").facts())).isInstanceOf(RuleEvaluationException.class)
        .hasMessage("no rule set is in force at 2026-07-15T06:00:00Z for sale inv-1; none is installed");
    assertThat(empty.ruleSets()).isEmpty();
  }
}
