package dev.loyalty.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramDefinitionException;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.Ledger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code LoyaltyEngine.builder(...).build()} checks before it opens anything. */
class EngineBuildTest {

  /** Sample rules that, like a rule engine reading parameters, report one misspelt parameter. */
  private static final class MisspeltParameterRules implements RuleEngine {
    @Override
    public RuleOutcome evaluate(RuleFacts facts) {
      return new SampleRules().evaluate(facts);
    }

    @Override
    public List<InputProblem> problems(Program program) {
      return List.of(new InputProblem("$.parameters['earn.pionts']",
          "is not read by any rule; did you mean 'earn.points'?"));
    }
  }

  @Test
  void build_refusesAProgramItsRulesFindProblemsWith_andOpensNothing() {
    Program program = ChannelFixture.program(300);
    Ledger ledger = Ledger.inMemory();

    assertThatThrownBy(() -> LoyaltyEngine.builder(program, new MisspeltParameterRules()).ledger(ledger)
        .directory(PartnerDirectory.inMemory()).build())
        .isInstanceOf(ProgramDefinitionException.class)
        .hasMessageContaining("$.parameters['earn.pionts']: is not read by any rule; did you mean 'earn.points'?")
        .satisfies(e -> assertThat(((ProgramDefinitionException) e).problems()).hasSize(1));
    assertThat(ledger.accounts()).isEmpty();
  }

  @Test
  void build_acceptsAProgramWhenTheRulesFindNoProblems() {
    Program program = ChannelFixture.program(300);
    LoyaltyEngine engine = LoyaltyEngine.builder(program, new SampleRules()).directory(PartnerDirectory.inMemory())
        .build();
    assertThat(engine.program()).isSameAs(program);
  }
}
