package dev.loyalty.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.testing.SampleRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine benchmark's baseline computes the points SampleRules award: if the rules change and
 * the baseline does not, this fails here rather than in a benchmark run.
 */
class PlainPointsTest {

  private final EngineChannel channel = new EngineChannel(20);

  @Test
  void baseline_equalsEveryEngineWallet_withABudgetThatNeverCuts() {
    Program program = EngineChannel.program(1_000_000_000_000L);
    List<Activity> stream = EngineWorkload.streams("large", channel.dealers, 1, false, 6_000, 7).get(0);

    Result result = recordAndApply(program, stream);

    assertThat(stream).anyMatch(a -> a instanceof SaleReturn);
    assertThat(result.engineWallets).isNotEmpty().isEqualTo(result.plain.balances());
    assertThat(result.engineBudgets).isEqualTo(result.plain.budgetsLeft());
  }

  @Test
  void baseline_equalsEveryEngineWalletAndTheBudget_whenTheBudgetCutsAwards() {
    Program program = EngineChannel.program(200_000);
    List<Activity> stream = EngineWorkload.streams("small", channel.dealers, 1, false, 6_000, 11).get(0);

    Result result = recordAndApply(program, stream);

    assertThat(result.cutPoints).as("points the budget cut").isPositive();
    assertThat(result.engineWallets).isEqualTo(result.plain.balances());
    assertThat(result.engineBudgets).isEqualTo(result.plain.budgetsLeft());
  }

  @Test
  void baseline_refusesAProgramWithRulesItDoesNotReproduce() {
    Program sample = EngineChannel.program(1_000);
    Map<String, String> parameters = new HashMap<>(sample.parameters());
    parameters.put("review-above", "100000");
    Program withRisk = new Program(sample.id(), sample.name(), sample.zone(), sample.pointValue(), sample.tiers(),
        sample.tierPolicy(), sample.campaigns(), sample.earnSplit(), sample.expiry(), sample.accounts(), parameters);

    assertThatThrownBy(() -> new PlainPoints(withRisk, channel.directory))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("review-above");
  }

  private record Result(PlainPoints plain, Map<ParticipantId, Long> engineWallets,
      Map<CampaignId, Long> engineBudgets, long cutPoints) {}

  private Result recordAndApply(Program program, List<Activity> stream) {
    EngineChannel.Engine engine = channel.engine(program, new SampleRules());
    PlainPoints plain = new PlainPoints(program, channel.directory);
    long cut = 0;
    for (Activity a : stream) {
      Receipt receipt = engine.engine().record(a);
      for (PostedAward award : receipt.awards()) {
        cut += award.requested() - award.points();
      }
      plain.apply(a);
    }
    engine.checkLedger();
    return new Result(plain, engine.walletBalances(), engine.budgetsLeft(), cut);
  }
}
