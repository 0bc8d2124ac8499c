package dev.loyalty.rules;

import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.rules.standard.StandardRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A program built only from the ready-made rules: the shipped {@code samples/standard-program.json}
 * (every rule switched on by its parameters, Silver and Gold, a monsoon campaign for northern
 * dealers), which these tests thereby also check loads.
 */
final class StandardProgram {
  /** The shipped example program that switches every ready-made rule on. */
  static final Program SHIPPED = ProgramLoader.fromJson(new String(readShipped(), StandardCharsets.UTF_8));
  static final Map<String, String> PARAMETERS = SHIPPED.parameters();

  private StandardProgram() {
  }

  private static byte[] readShipped() {
    try (InputStream in = StandardProgram.class.getClassLoader()
        .getResourceAsStream("dev/loyalty/rules/samples/standard-program.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The program, with the monsoon campaign's budget {@code campaignBudget}. */
  static Program program(long campaignBudget) {
    return ChannelFixture.withBudgetAndParameters(SHIPPED, campaignBudget, PARAMETERS);
  }

  /** An engine with every ready-made rule, compiled once per test class (a few seconds). */
  static DroolsRuleEngine engine() {
    return DroolsRuleEngine.of(StandardRules.ruleSet("standard-1", Instant.MIN));
  }
}
