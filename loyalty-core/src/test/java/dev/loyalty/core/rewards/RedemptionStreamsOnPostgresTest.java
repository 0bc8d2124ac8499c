package dev.loyalty.core.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.RewardsFixture;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;

/**
 * The stream property of {@link RedemptionStreamPropertiesTest} with every store in PostgreSQL
 * (each change of a redemption one transaction), fewer tries; and the rewards on PostgreSQL against
 * the in-memory rewards as their model: for the same stream the same balances, ledger transactions,
 * redemptions (every version's status, history, codes, refunds), stock, codes and events.
 */
@PropertyDefaults(tries = 5)
class RedemptionStreamsOnPostgresTest extends RedemptionStreamPropertiesTest {

  @Override
  RewardsFixture newFixture() {
    return RewardsFixture.onPostgres(EngineDatabase.fresh());
  }

  /** The in-memory run (150 tries of the same streams) shows every kind of step happens. */
  @Override
  boolean checksCoverage() {
    return false;
  }

  @Property(tries = 5)
  void theRewardsOnPostgresDoWhatTheInMemoryRewardsDo(@ForAll("streams") List<Step> steps) {
    RewardsFixture memory = new RewardsFixture();
    play(memory, steps);
    RewardsFixture postgres = newFixture();
    play(postgres, steps);

    assertThat(postgres.state(WALLETS)).isEqualTo(memory.state(WALLETS));
    assertThat(postgres.redemptions.unsettled()).isEmpty();
  }
}
