package dev.loyalty.core.rewards;

import static dev.loyalty.core.testing.RewardsFixture.DEALER;
import static dev.loyalty.core.testing.RewardsFixture.GIFT_CARD;
import static dev.loyalty.core.testing.RewardsFixture.MUG;
import static dev.loyalty.core.testing.RewardsFixture.VOUCHER;
import static dev.loyalty.core.testing.RewardsFixture.WATCH;
import static dev.loyalty.core.testing.RewardsFixture.byMember;
import static dev.loyalty.core.testing.RewardsFixture.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.RecoveryReport;
import dev.loyalty.core.StoreFailureException;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.StockReservation;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.RewardsFixture;
import dev.loyalty.core.testing.TriggerFaults;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.spi.Together;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Redemptions on two application instances (two engines, each with a pool of its own) sharing one
 * PostgreSQL database, each change one transaction holding its partner's lock across instances:
 * of 8 threads racing for the last unit of stock, an organisation's last points or a pool's last
 * codes exactly as many win as there is to win, and stock, codes and balances add up; a
 * per-participant limit holds across instances too (the partner's lock orders the checks). An
 * engine closed and another opened on the same database goes on where the first stopped:
 * redemptions, stock and codes are all there. A placement whose host port fails, or whose second
 * transaction (after the port answered) is lost, is kept up to the port and finished by {@code
 * recover()} on a new engine, paid once.
 */
class RedemptionsOnPostgresConcurrencyTest {
  private static final PartnerId DEALER_B = ChannelFixture.DEALERS.get(1);
  private static final PartnerId DEALER_C = ChannelFixture.DEALERS.get(2);

  private RewardsFixture f;
  private HikariDataSource firstPool;
  private HikariDataSource secondPool;
  private List<LoyaltyEngine> engines;

  @BeforeEach
  void twoInstances() {
    f = RewardsFixture.onPostgres(EngineDatabase.fresh());
    firstPool = EngineDatabase.secondInstance(6);
    secondPool = EngineDatabase.secondInstance(6);
    engines = List.of(f.build(firstPool), f.build(secondPool));
  }

  @AfterEach
  void closePools() {
    firstPool.close();
    secondPool.close();
  }

  /** Thread {@code i}'s engine: the two instances take turns. */
  private Rewards on(int i) {
    return engines.get(i % 2).rewards();
  }

  private void assertOneWinner(List<Together.Outcome<Redemption>> outcomes, Class<? extends Throwable> loss) {
    assertThat(outcomes.stream().filter(Together.Outcome::won).count()).as("winners").isEqualTo(1);
    assertThat(outcomes).filteredOn(o -> !o.won()).allSatisfy(o -> assertThat(o.failure()).isInstanceOf(loss));
    assertThat(f.ledger.trialBalance().isBalanced()).isTrue();
    assertThat(f.ledger.verify().intact()).isTrue();
  }

  /** Every redemption refused while placed released its hold and stock; nothing is left pending. */
  private void assertNothingHeldByRefusals(List<? extends ParticipantId> wallets) {
    for (ParticipantId w : wallets) {
      for (Redemption r : f.redemptions.ofWallet(w)) {
        assertThat(r.pending()).isEmpty();
        if (r.status() == RedemptionStatus.REFUSED) {
          r.hold().ifPresent(h -> assertThat(f.ledger.findHold(h).orElseThrow().status()).isEqualTo(HoldStatus.VOIDED));
          f.stock.reservation(r.id()).ifPresent(s -> assertThat(s.state()).isEqualTo(StockReservation.State.RELEASED));
        }
      }
    }
  }

  @RepeatedTest(3)
  void ofEightThreadsOnTwoInstancesRedeemingTheLastUnitExactlyOneGetsIt() {
    f.give(owner(DEALER_C), 2_000);
    f.give(ChannelFixture.rep(DEALER_C, 1), 2_000);
    f.rewards().redeem(byMember("R-c1", owner(DEALER_C), WATCH).withUnits(2));
    f.rewards().redeem(byMember("R-c2", ChannelFixture.rep(DEALER_C, 1), WATCH).withUnits(2));
    List<MemberId> members = RedemptionConcurrencyTest.eightMembers();
    members.forEach(m -> f.give(m, 1_500));

    List<Together.Outcome<Redemption>> outcomes = Together.race(8, i -> on(i).redeem(byMember("R-" + i, members.get(i), WATCH)));

    assertOneWinner(outcomes, OutOfStockException.class);
    assertThat(outcomes).filteredOn(Together.Outcome::won)
        .allSatisfy(o -> assertThat(o.value().status()).isEqualTo(RedemptionStatus.ORDERED));
    assertThat(f.rewards().stock(WATCH)).isEqualTo(new StockLevel(WATCH, Stock.of(5), 5, 0));
    for (int i = 0; i < 8; i++) {
      long pending = outcomes.get(i).won() ? 1_000 : 0;
      assertThat(f.balance(members.get(i))).isEqualTo(new Balance(f.program.accounts().wallet(members.get(i)), 1_500,
          pending, 0));
    }
    assertNothingHeldByRefusals(members);
  }

  @RepeatedTest(3)
  void ofEightThreadsOnTwoInstancesSpendingAnOrganisationsLastPointsExactlyOneIsPlaced() {
    f.give(DEALER, 200);

    List<Together.Outcome<Redemption>> outcomes = Together.race(8, i -> on(i).redeem(RedemptionRequest.fromOrganisation(
        RedemptionId.of("R-" + i), DEALER, owner(DEALER), MUG)));

    assertOneWinner(outcomes, InsufficientPointsException.class);
    assertThat(f.balance(DEALER)).isEqualTo(new Balance(f.program.accounts().wallet(DEALER), 200, 200, 0));
    assertThat(f.rewards().stock(MUG).taken()).isEqualTo(1);
    assertNothingHeldByRefusals(List.of(DEALER));
  }

  @Test
  void ofEightThreadsOnTwoInstancesTakingAPoolsLastCodesEachCodeGoesOnce() {
    f.loadCodes(5);
    List<MemberId> members = RedemptionConcurrencyTest.eightMembers();
    members.forEach(m -> f.give(m, 1_000));

    List<Together.Outcome<Redemption>> outcomes = Together.race(8, i -> on(i).redeem(byMember("R-" + i, members.get(i),
        VOUCHER)));

    assertThat(outcomes).filteredOn(o -> !o.won())
        .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(NoCodeAvailableException.class));
    List<String> given = outcomes.stream().filter(Together.Outcome::won).flatMap(o -> o.value().codes().stream()).toList();
    assertThat(given).hasSize(5).doesNotHaveDuplicates()
        .containsExactlyInAnyOrder("AMZ-0", "AMZ-1", "AMZ-2", "AMZ-3", "AMZ-4");
    assertThat(f.rewards().codesLeft(RewardsFixture.POOL)).isZero();
    assertThat(f.rewards().stock(VOUCHER).used()).isEqualTo(5);
    long paid = members.stream().mapToLong(m -> 1_000 - f.balance(m).posted()).sum();
    assertThat(paid).isEqualTo(5 * 500);
    assertNothingHeldByRefusals(members);
  }

  @RepeatedTest(3)
  void aPerParticipantLimitHoldsAcrossInstances() throws Exception {
    // WATCH: at most 2 a month per paying participant; the organisation pays, its owner asks 8 times at once
    f.give(DEALER, 10_000);
    // the second instance's filings take 300 ms to write: without the partner's lock across
    // instances, the first would count the wallet's redemptions meanwhile without that one and place
    // two more (as it does when the rewards run staged)
    List<Together.Outcome<Redemption>> outcomes;
    try (AutoCloseable slow = TriggerFaults.slowInserts(EngineDatabase.dataSource(), "loyalty_redemption",
        "right(NEW.id, 1) IN ('1', '3', '5', '7')", 0.3)) {
      outcomes = Together.race(8, i -> on(i).redeem(RedemptionRequest.fromOrganisation(RedemptionId.of("R-" + i), DEALER,
          owner(DEALER), WATCH)));
    }

    assertThat(outcomes.stream().filter(Together.Outcome::won).count()).as("within the limit").isEqualTo(2);
    assertThat(outcomes).filteredOn(o -> !o.won())
        .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(RedemptionLimitException.class));
    assertThat(f.rewards().stock(WATCH).taken()).isEqualTo(2);
    assertThat(f.balance(DEALER).pendingDebits()).isEqualTo(2_000);
  }

  @Test
  void redemptionsStockAndCodesSurviveClosingOneEngineAndOpeningAnother() {
    MemberId rep = ChannelFixture.rep(DEALER, 1);
    f.give(rep, 5_000);
    f.give(DEALER, 5_000);
    f.loadCodes(3);
    Rewards first = engines.get(0).rewards();
    Redemption voucher = first.redeem(byMember("R-1", rep, VOUCHER));
    Redemption watch = first.redeem(RedemptionRequest.fromOrganisation(RedemptionId.of("R-2"), DEALER, owner(DEALER),
        WATCH).withUnits(2));
    first.ship(watch.id(), Shipment.of("Blue Dart", "BD-1"));
    Redemption mug = first.redeem(byMember("R-3", rep, MUG));
    List<Redemption> before = List.of(first.redemption(voucher.id()).orElseThrow(),
        first.redemption(watch.id()).orElseThrow(), first.redemption(mug.id()).orElseThrow());
    Balance repBefore = engines.get(0).balance(rep);
    firstPool.close(); // the first instance is gone

    try (HikariDataSource third = EngineDatabase.secondInstance(4)) {
      LoyaltyEngine reopened = f.build(third);
      Rewards again = reopened.rewards();

      assertThat(reopened.recover().isComplete()).isTrue();
      assertThat(List.of(again.redemption(voucher.id()).orElseThrow(), again.redemption(watch.id()).orElseThrow(),
          again.redemption(mug.id()).orElseThrow())).isEqualTo(before);
      assertThat(again.redemptionsOf(rep)).extracting(Redemption::id).containsExactly(voucher.id(), mug.id());
      assertThat(again.stock(WATCH)).isEqualTo(new StockLevel(WATCH, Stock.of(5), 0, 2));
      assertThat(again.stock(MUG).reserved()).isEqualTo(1);
      assertThat(again.codesLeft(RewardsFixture.POOL)).isEqualTo(2);
      assertThat(reopened.balance(rep)).isEqualTo(repBefore);
      // the same request again returns what was made, charging nothing; the next takes the next code
      assertThat(again.redeem(byMember("R-1", rep, VOUCHER))).isEqualTo(before.get(0));
      assertThat(again.redeem(byMember("R-4", rep, VOUCHER)).codes()).containsExactly("AMZ-1");
      // and the orders go on where they stood
      assertThat(again.deliver(watch.id()).status()).isEqualTo(RedemptionStatus.DELIVERED);
      assertThat(again.cancel(mug.id(), "changed mind").status()).isEqualTo(RedemptionStatus.CANCELLED);
      assertThat(again.stock(MUG).taken()).isZero();
      assertThat(reopened.balance(rep)).isEqualTo(new Balance(f.program.accounts().wallet(rep), 5_000 - 1_000, 0, 0));
      assertThat(f.ledger.verify().intact()).isTrue();
    }
  }

  @Test
  void aPortThatFailsLeavesThePlacementCommittedUpToIt_andRecoverAsksItAgain() {
    MemberId rep = ChannelFixture.rep(DEALER, 1);
    f.give(rep, 5_000);
    Function<FulfilmentOrder, FulfilmentResult> provider = f.port;
    f.port = order -> {
      throw new IllegalStateException("the fuel-card provider is down");
    };

    assertThatThrownBy(() -> engines.get(0).rewards().redeem(byMember("R-1", rep, GIFT_CARD)))
        .isInstanceOf(LoyaltyException.class).hasMessageContaining("the fuel-card provider is down");

    Redemption waiting = f.redemptions.find(RedemptionId.of("R-1")).orElseThrow();
    assertThat(waiting.status()).isEqualTo(RedemptionStatus.REQUESTED);
    assertThat(waiting.hold()).isPresent();
    assertThat(waiting.pending()).containsInstanceOf(RedemptionAction.Place.class);
    assertThat(f.balance(rep).pendingDebits()).isEqualTo(800);
    assertThat(f.stock.reservation(waiting.id()).orElseThrow().state()).isEqualTo(StockReservation.State.HELD);

    f.port = provider;
    RecoveryReport report = engines.get(1).recover();

    assertThat(report.redemptions().finished()).containsExactly(waiting.id());
    Redemption done = f.redemptions.find(waiting.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(RedemptionStatus.FULFILLED);
    assertThat(done.reference()).contains("FUEL-R-1");
    assertThat(f.balance(rep)).isEqualTo(new Balance(f.program.accounts().wallet(rep), 4_200, 0, 0));
    assertThat(f.portCalls.get()).isEqualTo(2);
  }

  @Test
  void aPortsAnswerLostWithItsTransactionIsAskedForAgain_andPaidOnce() {
    MemberId rep = ChannelFixture.rep(DEALER, 1);
    f.give(rep, 5_000);
    TriggerFaults.Step outbox = new TriggerFaults.Step("the outbox", "BEFORE INSERT ON loyalty_outbox");
    TriggerFaults.arm(EngineDatabase.dataSource(), outbox, TriggerFaults.Kind.RAISE);
    try {
      assertThatThrownBy(() -> engines.get(0).rewards().redeem(byMember("R-1", rep, GIFT_CARD)))
          .isInstanceOf(StoreFailureException.class).hasStackTraceContaining("test fault");
    } finally {
      TriggerFaults.disarm(EngineDatabase.dataSource(), outbox);
    }
    assertThat(f.portCalls.get()).as("the port answered done; its transaction was lost").isEqualTo(1);
    assertThat(f.redemptions.find(RedemptionId.of("R-1")).orElseThrow().status()).isEqualTo(RedemptionStatus.REQUESTED);

    assertThat(engines.get(1).recover().redemptions().finished()).containsExactly(RedemptionId.of("R-1"));

    Redemption done = engines.get(1).rewards().redemption(RedemptionId.of("R-1")).orElseThrow();
    assertThat(done.status()).isEqualTo(RedemptionStatus.FULFILLED);
    assertThat(f.portCalls.get()).isEqualTo(2);
    assertThat(f.balance(rep)).isEqualTo(new Balance(f.program.accounts().wallet(rep), 4_200, 0, 0));
    assertThat(f.outboxEvents()).extracting(e -> e.id()).containsExactly(
        "badge:redemption:R-1:member:dealer-a-rep-1:first-redemption", "redemption:R-1:fulfilled");
  }

  /**
   * A payment (the stock taken, the hold posted) and another partner's placement of the same item
   * (the stock reserved, the points held) lock the item's row and the ledger's shared clearing
   * account in the same order, so neither waits for the other in a circle: with the payment's
   * ledger write slowed while the placement starts, the database sees no deadlock (it saw one when
   * a payment posted before it took the stock).
   */
  @Test
  void aPaymentAndAnotherPartnersPlacementOfOneItemNeverDeadlock() throws Exception {
    MemberId a = ChannelFixture.rep(DEALER, 1);
    MemberId b = ChannelFixture.rep(DEALER_B, 1);
    f.give(a, 1_000);
    f.give(b, 1_000);
    Redemption mug = engines.get(0).rewards().redeem(byMember("R-a", a, MUG));
    DataSource ds = EngineDatabase.dataSource();
    long deadlocksBefore = deadlocks(ds);
    TriggerFaults.sql(ds, "CREATE SEQUENCE IF NOT EXISTS test_slow_calls");
    TriggerFaults.sql(ds, "ALTER SEQUENCE test_slow_calls RESTART WITH 1");
    List<Together.Outcome<Redemption>> outcomes;
    try (AutoCloseable slow = TriggerFaults.slowInserts(ds, "ledger_transaction", "nextval('test_slow_calls') = 1",
        0.6)) {
      outcomes = Together.race(List.of(() -> engines.get(0).rewards().deliver(mug.id()), () -> {
        Thread.sleep(200); // while the payment's ledger write sleeps
        return engines.get(1).rewards().redeem(byMember("R-b", b, MUG));
      }));
    }

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(outcomes.get(0).value().status()).isEqualTo(RedemptionStatus.DELIVERED);
    assertThat(outcomes.get(1).value().status()).isEqualTo(RedemptionStatus.ORDERED);
    Thread.sleep(1_500); // the statistics collector counts deadlocks a little later
    assertThat(deadlocks(ds) - deadlocksBefore).as("deadlocks the database broke").isZero();
    assertThat(f.rewards().stock(MUG)).isEqualTo(new StockLevel(MUG, Stock.unlimited(), 1, 1));
  }

  private static long deadlocks(DataSource ds) throws java.sql.SQLException {
    try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
      s.execute("SELECT pg_stat_clear_snapshot()");
      try (java.sql.ResultSet rs = s.executeQuery("SELECT deadlocks FROM pg_stat_database "
          + "WHERE datname = current_database()")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
