package dev.loyalty.core.rewards;

import static dev.loyalty.core.rewards.RedemptionCrashTest.WALLETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.StoreFailureException;
import dev.loyalty.core.jdbc.JdbcCodePoolStore;
import dev.loyalty.core.jdbc.JdbcRedemptionStore;
import dev.loyalty.core.jdbc.JdbcStockStore;
import dev.loyalty.core.rewards.RedemptionCrashTest.Run;
import dev.loyalty.core.rewards.RedemptionCrashTest.Scenario;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.RewardsFixture;
import dev.loyalty.core.testing.TriggerFaults;
import dev.loyalty.core.testing.TriggerFaults.Kind;
import dev.loyalty.core.testing.TriggerFaults.Step;
import dev.loyalty.ledger.jdbc.JdbcLedgerStore;
import dev.loyalty.ledger.spi.LedgerStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rewards on an engine built with {@code postgres(dataSource)}, whose redemption, stock and
 * code-pool stores (and catalog versions) are then in the database beside the ledger and the
 * outbox, and whose every change of a redemption is one database transaction. Every path of {@link
 * RedemptionCrashTest} (but the two that need a fault between two writes in memory, whose races
 * {@code RedemptionsOnPostgresConcurrencyTest} runs for real) ends exactly where it ends in memory:
 * the same answers, balances, ledger transactions, redemptions, stock, codes and events. And a store
 * failing at any step of any change (a trigger raising an error on the step's table: the filing,
 * the save, the stock, the reservation, the codes, the ledger, the outbox, the badge), or the
 * connection killed there, keeps nothing of the change: the call fails, nothing changed, and doing
 * it again applies it once (a killed connection is run again by the engine by itself). The one
 * thing a failure may leave is a placement through the host's port, committed with its stock and
 * points reserved before the port is asked: doing it again asks the port and finishes it.
 */
class RedemptionOnPostgresTest {

  private static final List<Step> STEPS = List.of(
      new Step("filing the redemption", "BEFORE INSERT ON loyalty_redemption"),
      new Step("saving the redemption", "BEFORE UPDATE ON loyalty_redemption"),
      new Step("the stock's count", "BEFORE INSERT OR UPDATE ON loyalty_stock"),
      new Step("the stock reservation", "BEFORE INSERT OR UPDATE ON loyalty_stock_reservation"),
      new Step("the codes", "BEFORE UPDATE ON loyalty_code"),
      new Step("the ledger's write", "BEFORE INSERT ON ledger_transaction"),
      new Step("the outbox", "BEFORE INSERT ON loyalty_outbox"),
      new Step("the badge", "BEFORE INSERT ON loyalty_badge"));

  /** The paths of the crash test that need no fault injected between two writes in memory. */
  static Stream<Scenario> scenarios() {
    return RedemptionCrashTest.scenarios().filter(s -> !s.name().contains("between the check"));
  }

  /** The path run in memory: its answers, and where it ends. */
  private record Reference(List<String> answers, RewardsFixture.State end) {
    static Reference of(Scenario scenario) {
      RewardsFixture memory = new RewardsFixture();
      scenario.setup().accept(memory);
      Run run = new Run(memory, scenario.calls(), 0);
      return new Reference(run.answers, memory.state(WALLETS));
    }
  }

  private static RewardsFixture onPostgres(Scenario scenario) {
    RewardsFixture f = RewardsFixture.onPostgres(EngineDatabase.fresh());
    scenario.setup().accept(f);
    return f;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyPathEndsWhereItEndsInMemory_withItsRedemptionsStockAndCodesInTheDatabase(Scenario scenario) {
    Reference memory = Reference.of(scenario);

    RewardsFixture f = onPostgres(scenario);
    Run run = new Run(f, scenario.calls(), 0);

    assertThat(run.answers).isEqualTo(memory.answers());
    assertThat(f.state(WALLETS)).isEqualTo(memory.end());
    assertThat(f.ledger.verify().intact()).isTrue();
    assertThat(f.redemptions.unsettled()).allSatisfy(r -> assertThat(r.pending()).isEmpty());
    // what the state read came from the database: new store objects, as another process, see it all
    DataSource ds = EngineDatabase.dataSource();
    RewardsFixture.State end = f.state(WALLETS);
    for (String id : end.redemptions().keySet()) {
      assertThat(JdbcRedemptionStore.using(ds).find(RedemptionId.of(id)).map(RewardsFixture::describe))
          .contains(end.redemptions().get(id));
    }
    assertThat(JdbcCodePoolStore.using(ds).available(RewardsFixture.POOL)).isEqualTo(end.codesLeft());
    assertThat(JdbcStockStore.using(ds).count(RewardsFixture.WATCH).toString())
        .isEqualTo(end.stock().get(RewardsFixture.WATCH.value()));
    assertThat(JdbcLedgerStore.using(ds).accountStates()).as("the ledger is in the database too").isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void aStoreFailingAtAnyStepOfAChangeKeepsNothing_andDoingItAgainAppliesItOnce(Scenario scenario) {
    Reference memory = Reference.of(scenario);
    List<String> fired = new ArrayList<>();
    for (Step step : STEPS) {
      RewardsFixture f = onPostgres(scenario);
      DataSource ds = EngineDatabase.dataSource();
      List<String> answers = new ArrayList<>();
      for (Function<RewardsFixture, Object> call : scenario.calls()) {
        RewardsFixture.State before = f.state(WALLETS);
        TriggerFaults.arm(ds, step, Kind.RAISE);
        try {
          answers.add(Run.answer(f, failingOnce(call, f, before, scenario + " at " + step, fired)));
        } finally {
          TriggerFaults.disarm(ds, step);
        }
      }
      String run = scenario + ", " + step + " failing once";
      assertThat(answers).as(run).isEqualTo(memory.answers());
      assertThat(f.state(WALLETS)).as(run).isEqualTo(memory.end());
      assertThat(f.redemptions.unsettled()).as(run).allSatisfy(r -> assertThat(r.pending()).isEmpty());
      assertThat(f.ledger.verify().intact()).as(run).isTrue();
    }
    assertThat(fired).as("steps that failed in " + scenario).hasSizeGreaterThanOrEqualTo(4);
  }

  /**
   * {@code call}, which fails at the armed step if it reaches it: then nothing it did is kept (but
   * a placement committed up to the host's port) and the same call is made again.
   */
  private static Function<RewardsFixture, Object> failingOnce(Function<RewardsFixture, Object> call,
      RewardsFixture f, RewardsFixture.State before, String where, List<String> fired) {
    return fixture -> {
      try {
        return call.apply(fixture);
      } catch (StoreFailureException | LedgerStoreException failure) {
        assertThat(failure).as(where).hasStackTraceContaining("test fault");
        assertKeptNothing(f, before, where);
        fired.add(where);
        return call.apply(fixture);
      }
    };
  }

  /**
   * Nothing of the failed change is kept: no event, no redemption changed (but one placed up to the
   * host's port), no stock or code taken; the ledger changed only by its own timeout sweep, which
   * {@code expireTimedOut} runs before it expires redemptions, each void committed on its own.
   */
  private static void assertKeptNothing(RewardsFixture f, RewardsFixture.State before, String where) {
    RewardsFixture.State after = f.state(WALLETS);
    assertThat(after.events()).as(where + ": no event").isEqualTo(before.events());
    for (Map.Entry<String, String> r : after.redemptions().entrySet()) {
      if (!r.getValue().equals(before.redemptions().get(r.getKey()))) {
        assertThat(r.getValue()).as(where + ": only a placement up to the host's port is kept")
            .startsWith("REQUESTED").contains("hold true").contains("pending Optional[Place[");
      }
    }
    if (!after.redemptions().equals(before.redemptions())) {
      return;
    }
    assertThat(after.stock()).as(where + ": stock").isEqualTo(before.stock());
    assertThat(after.codesLeft()).as(where + ": codes").isEqualTo(before.codesLeft());
    List<String> ledgerAdded = new ArrayList<>(after.ledgerLog());
    ledgerAdded.removeAll(before.ledgerLog());
    assertThat(ledgerAdded).as(where + ": ledger transactions").allSatisfy(tx -> assertThat(tx)
        .startsWith("~ledger/timeout/"));
    if (ledgerAdded.isEmpty()) {
      assertThat(after).as(where + ": nothing changed").isEqualTo(before);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void aConnectionKilledInTheLedgersWriteIsRunAgainByTheEngine_once(Scenario scenario) {
    Reference memory = Reference.of(scenario);
    RewardsFixture f = onPostgres(scenario);
    DataSource ds = EngineDatabase.dataSource();
    Step ledger = STEPS.get(5);
    List<String> answers = new ArrayList<>();
    long killed = 0;
    for (Function<RewardsFixture, Object> call : scenario.calls()) {
      TriggerFaults.arm(ds, ledger, Kind.KILL);
      try {
        answers.add(Run.answer(f, fixture -> {
          try {
            return call.apply(fixture);
          } catch (LedgerStoreException sweep) {
            // the ledger's own timeout sweep, a command outside any redemption's transaction, reports
            // the lost connection rather than guess whether its void committed: the host calls again
            assertThat(sweep).hasStackTraceContaining("voidTimedOutHolds");
            return call.apply(fixture);
          }
        }));
        killed += TriggerFaults.calls(ds) > 1 ? 1 : 0;
      } finally {
        TriggerFaults.disarm(ds, ledger);
      }
    }

    assertThat(killed).as("connections killed").isPositive();
    assertThat(answers).isEqualTo(memory.answers());
    assertThat(f.state(WALLETS)).isEqualTo(memory.end());
  }
}
