package dev.loyalty.core.rewards;

import static dev.loyalty.core.testing.RewardsFixture.CASHBACK;
import static dev.loyalty.core.testing.RewardsFixture.DEALER;
import static dev.loyalty.core.testing.RewardsFixture.GIFT_CARD;
import static dev.loyalty.core.testing.RewardsFixture.MUG;
import static dev.loyalty.core.testing.RewardsFixture.T0;
import static dev.loyalty.core.testing.RewardsFixture.VOUCHER;
import static dev.loyalty.core.testing.RewardsFixture.WATCH;
import static dev.loyalty.core.testing.RewardsFixture.byMember;
import static dev.loyalty.core.testing.RewardsFixture.owner;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.RecoveryReport;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.Faults;
import dev.loyalty.core.testing.RewardsFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A process that dies at any write of a redemption's change (the ledger's hold, post, void or
 * reversal, the stock's reservation, the codes' claim, the outbox's append, the redemption's own
 * saves), before the write or after it (the write landed, the answer was lost), is finished
 * exactly once: after a restart, by recover() or by the host calling again. For every scenario and
 * every write in it, the crashed run ends exactly where a run without a crash ends: the same
 * balances and ledger transactions, redemptions, stock, codes and events, and each call answers as
 * it did.
 */
class RedemptionCrashTest {
  private static final MemberId REP = ChannelFixture.rep(DEALER, 1);
  private static final MemberId OWNER = owner(DEALER);
  private static final PartnerId DEALER_B = ChannelFixture.DEALERS.get(1);
  static final List<ParticipantId> WALLETS = List.of(DEALER, REP, OWNER, owner(DEALER_B));

  /** A named series of host calls after a setup that does not crash. */
  record Scenario(String name, Consumer<RewardsFixture> setup, List<Function<RewardsFixture, Object>> calls) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Scenario scenario(String name, Consumer<RewardsFixture> setup,
      List<Function<RewardsFixture, Object>> calls) {
    return new Scenario(name, f -> {
      WALLETS.forEach(w -> f.give(w, 5_000));
      f.loadCodes(3);
      setup.accept(f);
    }, calls);
  }

  private static RedemptionId id(String value) {
    return RedemptionId.of(value);
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        scenario("a code from the pool", f -> { }, List.of(
            f -> f.rewards().redeem(byMember("R-1", REP, VOUCHER).withUnits(2)))),
        scenario("a provider's code through the port", f -> { }, List.of(
            f -> f.rewards().redeem(byMember("R-1", REP, GIFT_CARD)))),
        scenario("goods ordered, shipped, delivered and returned in two parts", f -> { }, List.of(
            f -> f.rewards().redeem(RedemptionRequest.fromOrganisation(id("R-1"), DEALER, OWNER, WATCH).withUnits(2)),
            f -> f.rewards().ship(id("R-1"), Shipment.of("Blue Dart", "BD-1")),
            f -> f.rewards().deliver(id("R-1")),
            f -> f.rewards().returnUnits(id("R-1"), "RMA-1", 1, "strap broken"),
            f -> f.rewards().returnUnits(id("R-1"), "RMA-2", 1, "did not like it"))),
        scenario("collected goods handed over, and an order cancelled", f -> { }, List.of(
            f -> f.rewards().redeem(byMember("R-1", REP, MUG)),
            f -> f.rewards().redeem(byMember("R-2", REP, WATCH)),
            f -> f.rewards().cancel(id("R-2"), "changed mind"),
            f -> f.rewards().deliver(id("R-1")))),
        scenario("a failed delivery", f -> { }, List.of(
            f -> f.rewards().redeem(byMember("R-1", REP, WATCH)),
            f -> f.rewards().ship(id("R-1"), Shipment.of("DTDC", "D-1")),
            f -> f.rewards().failDelivery(id("R-1"), "address not found"))),
        scenario("cashback the host fulfils later", f -> { }, List.of(
            f -> f.rewards().redeem(byMember("R-1", REP, CASHBACK)),
            f -> f.rewards().fulfil(id("R-1"), "NEFT-1"))),
        scenario("an order that times out", f -> { }, List.of(
            f -> f.rewards().redeem(byMember("R-1", REP, WATCH)),
            f -> {
              f.clock.set(T0.plus(Duration.ofDays(8)));
              f.rewards().expireTimedOut(); // what it returns is what this call expired: none, if recover() did
              return f.rewards().redemption(id("R-1")).orElseThrow();
            })),
        scenario("the host's fulfilment refuses", f -> f.port = o -> FulfilmentResult.refused("no such card"),
            List.of(f -> f.rewards().redeem(byMember("R-1", REP, GIFT_CARD)))),
        scenario("the points are spent between the check and the hold", f -> f.faults.onceBefore("reserve",
            () -> f.spend(REP, 4_500)), List.of(f -> f.rewards().redeem(byMember("R-1", REP, VOUCHER)))),
        scenario("the last code is taken between the check and the claim", f -> {
          f.loadCodes(0);
          f.rewards().redeem(byMember("R-0", OWNER, VOUCHER).withUnits(2));
          f.faults.onceBefore("claim", () -> f.rewards().redeem(byMember("R-b", owner(DEALER_B), VOUCHER)));
        }, List.of(f -> f.rewards().redeem(byMember("R-1", REP, VOUCHER)))));
  }

  /** Runs {@code calls} from {@code from}; each answer described; stops at a crash, whose index it records. */
  static final class Run {
    final List<String> answers = new ArrayList<>();
    int crashedAt = -1;

    Run(RewardsFixture f, List<Function<RewardsFixture, Object>> calls, int from) {
      for (int i = from; i < calls.size(); i++) {
        try {
          answers.add(answer(f, calls.get(i)));
        } catch (Faults.Crash crash) {
          crashedAt = i;
          return;
        }
      }
    }

    /** What {@code call} answers, described: its result, or the refusal it throws (a crash is thrown on). */
    static String answer(RewardsFixture f, Function<RewardsFixture, Object> call) {
      try {
        return describe(call.apply(f));
      } catch (Faults.Crash crash) {
        throw crash;
      } catch (RuntimeException refused) {
        return refused.getClass().getSimpleName() + ": " + refused.getMessage();
      }
    }

    private static String describe(Object answer) {
      if (answer instanceof Redemption r) {
        return RewardsFixture.describe(r);
      }
      if (answer instanceof List<?> list) {
        return list.stream().map(Run::describe).toList().toString();
      }
      return String.valueOf(answer);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void aCrashAtAnyWriteIsFinishedExactlyOnce(Scenario scenario) {
    RewardsFixture reference = new RewardsFixture();
    scenario.setup().accept(reference);
    reference.faults.count();
    Run expected = new Run(reference, scenario.calls(), 0);
    int writes = reference.faults.writes();
    RewardsFixture.State end = reference.state(WALLETS);
    assertThat(end.balanced()).isTrue();
    assertThat(writes).as("writes in " + scenario).isGreaterThan(3);

    int crashes = 0;
    for (int step = 1; step <= writes; step++) {
      for (Faults.When when : Faults.When.values()) {
        for (boolean recoverFirst : List.of(true, false)) {
          String run = scenario + ", crash " + when + " write " + step + (recoverFirst ? ", recover()" : ", call again");
          RewardsFixture f = new RewardsFixture();
          scenario.setup().accept(f);
          f.faults.arm(step, when);
          Run crashed = new Run(f, scenario.calls(), 0);
          assertThat(f.faults.fired()).as(run).isTrue();
          assertThat(crashed.crashedAt).as(run).isNotNegative();
          crashes++;

          f.faults.disarm();
          f.restart();
          if (recoverFirst) {
            RecoveryReport report = f.engine.recover();
            assertThat(report.isComplete()).as(run + ": " + report).isTrue();
          }
          Run resumed = new Run(f, scenario.calls(), crashed.crashedAt);
          List<String> answers = new ArrayList<>(crashed.answers);
          answers.addAll(resumed.answers);

          assertThat(answers).as(run).isEqualTo(expected.answers);
          assertThat(f.state(WALLETS)).as(run).isEqualTo(end);
          assertThat(f.redemptions.unsettled()).as(run).allSatisfy(r -> assertThat(r.pending()).isEmpty());
          assertThat(f.ledger.verify().intact()).as(run).isTrue();
        }
      }
    }
    assertThat(crashes).isEqualTo(writes * 4);
  }
}
