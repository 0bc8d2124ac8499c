package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.LedgerStoreException;
import dev.loyalty.ledger.spi.TestClock;
import dev.loyalty.ledger.spi.Together;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * System accounts (issuance, clearing) are not locked by the commands that pay from them: their
 * changes are added to their rows at the end ({@link AddedChanges}), inside a unit of work just
 * before it commits. So a unit that paid from the issuance account does not make every other
 * award wait for its commit, and the rows stay exact whatever order transactions commit in.
 */
class JdbcSystemAccountsTest {
  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId CLEARING = AccountId.of("system:clearing");
  private static final AccountId BUDGET = AccountId.of("budget:monsoon");

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

  private Ledger ledger(int wallets) {
    Ledger ledger = Ledger.using(PostgresFixture.freshStore(), clock);
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(CLEARING, AccountType.SYSTEM);
    ledger.openAccount(BUDGET, AccountType.BUDGET);
    for (int i = 0; i < wallets; i++) {
      ledger.openAccount(wallet(i), AccountType.WALLET);
    }
    return ledger;
  }

  private static AccountId wallet(int i) {
    return AccountId.of("wallet:" + i);
  }

  private static TransferRequest award(String key, int wallet, long points) {
    return TransferRequest.of(IdempotencyKey.of(key), "award", Entry.debit(ISSUANCE, points),
        Entry.credit(wallet(wallet), points, Expiry.never()));
  }

  @Test
  void aUnitThatPaidFromTheIssuanceAccountDoesNotHoldItsRow_soOtherAwardsCommitMeanwhile() throws Exception {
    Ledger ledger = ledger(3);
    DataSource ds = PostgresFixture.dataSource();
    ExecutorService other = Executors.newFixedThreadPool(2);
    try {
      long seenInside = JdbcUnitOfWork.inTransaction(ds, () -> {
        ledger.transfer(award("A-1", 0, 100));
        try {
          // a plain command and another unit, both paid from the same account, commit while this unit is open
          other.submit(() -> ledger.transfer(award("B-1", 1, 40))).get(20, TimeUnit.SECONDS);
          other.submit(() -> JdbcUnitOfWork.inTransaction(ds, () -> ledger.transfer(award("C-1", 2, 2))))
              .get(20, TimeUnit.SECONDS);
          // others see what committed, not this unit's award
          assertThat(other.submit(() -> ledger.balance(ISSUANCE).posted()).get(20, TimeUnit.SECONDS))
              .isEqualTo(-42);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        // this unit reads its own change too
        return ledger.balance(ISSUANCE).posted();
      });
      assertThat(seenInside).isEqualTo(-142);
    } finally {
      other.shutdownNow();
    }
    assertThat(ledger.balance(ISSUANCE).posted()).isEqualTo(-142);
    assertThat(ledger.balance(wallet(0)).posted()).isEqualTo(100);
    sound(ledger);
  }

  @Test
  void aUnitThatRollsBackAddsNothingToTheSystemAccounts() {
    Ledger ledger = ledger(1);
    ledger.transfer(award("A-1", 0, 10));
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(PostgresFixture.dataSource(), () -> {
      ledger.transfer(award("A-2", 0, 100));
      ledger.hold(HoldRequest.of(IdempotencyKey.of("H-1"), wallet(0), CLEARING, 50, "redeem"));
      throw new IllegalStateException("host failed");
    })).hasMessage("host failed");
    assertThat(ledger.balance(ISSUANCE).posted()).isEqualTo(-10);
    assertThat(ledger.balance(CLEARING).pendingCredits()).isZero();
    assertThat(ledger.balance(wallet(0)).posted()).isEqualTo(10);
    sound(ledger);
  }

  @Test
  void severalCommandsOfOneUnitAddUpOnTheSameSystemAccount() {
    Ledger ledger = ledger(1);
    var hold = JdbcUnitOfWork.inTransaction(PostgresFixture.dataSource(), () -> {
      ledger.transfer(award("A-1", 0, 100));
      ledger.transfer(award("A-2", 0, 30));
      var h = ledger.hold(HoldRequest.of(IdempotencyKey.of("H-1"), wallet(0), CLEARING, 50, "redeem"));
      ledger.postHold(PostHoldRequest.partial(IdempotencyKey.of("P-1"), h, 20, "redeemed"));
      return h;
    });
    assertThat(ledger.balance(ISSUANCE).posted()).isEqualTo(-130);
    assertThat(ledger.balance(CLEARING).posted()).isEqualTo(20);
    assertThat(ledger.findHold(hold).orElseThrow().status().name()).isEqualTo("POSTED");
    sound(ledger);
  }

  private static TransferRequest campaign(String key, int wallet, long points, Instant effective) {
    return TransferRequest.of(IdempotencyKey.of(key), "campaign", Entry.debit(BUDGET, points),
        Entry.credit(wallet(wallet), points, Expiry.never())).effectiveAt(effective);
  }

  private static TransferRequest fund(String key, long points, Instant effective) {
    return TransferRequest.of(IdempotencyKey.of(key), "fund", Entry.debit(ISSUANCE, points), Entry.credit(BUDGET, points))
        .effectiveAt(effective);
  }

  /** Runs {@code inner} as a unit of work on another thread, to its commit, while the caller's unit stays open. */
  private static void meanwhile(Runnable inner) {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      other.submit(() -> JdbcUnitOfWork.inTransaction(PostgresFixture.dataSource(), () -> {
        inner.run();
        return null;
      })).get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void aUnitWhoseBudgetWasDrawnDownMeanwhileFailsAtItsCommit_transiently_andLeavesNothing() {
    Ledger ledger = ledger(2);
    Instant t = Instant.parse("2025-12-01T00:00:00Z");
    ledger.transfer(fund("fund", 100, t));
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(PostgresFixture.dataSource(), () -> {
      ledger.transfer(campaign("A", 0, 80, t.plusSeconds(60)));
      // another unit draws on the same budget and commits first: both saw 100 available
      meanwhile(() -> ledger.transfer(campaign("B", 1, 80, t.plusSeconds(120))));
      return null;
    })).isInstanceOfSatisfying(LedgerStoreException.class, e -> {
      assertThat(e.isTransient()).isTrue();
      assertThat(e).hasMessageContaining("budget " + BUDGET.value()).hasMessageContaining("available -60");
    });
    assertThat(ledger.balance(BUDGET).posted()).isEqualTo(20);
    assertThat(ledger.balance(wallet(0)).posted()).isZero();
    assertThat(ledger.balance(wallet(1)).posted()).isEqualTo(80);
    sound(ledger);
    // run again, the unit reads the budget as it is now and is refused by the ledger itself
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(PostgresFixture.dataSource(),
        () -> ledger.transfer(campaign("A", 0, 80, t.plusSeconds(60)))))
        .isInstanceOf(InsufficientBalanceException.class);
  }

  @Test
  void aBackdatedDrawThatAnotherUnitsEarlierDrawLeftNoRoomFor_failsAtItsCommit() {
    Ledger ledger = ledger(2);
    Instant t1 = Instant.parse("2025-12-01T00:00:00Z");
    ledger.transfer(fund("fund-1", 100, t1));
    ledger.transfer(fund("fund-10", 100, t1.plusSeconds(10 * 86_400)));
    // A takes 100 at day 5: all the budget had then. B takes 50 at day 3 and commits first: in that
    // order the ledger would have refused A (as of days 5 to 10 the budget would be at -50)
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(PostgresFixture.dataSource(), () -> {
      ledger.transfer(campaign("A", 0, 100, t1.plusSeconds(5 * 86_400)));
      meanwhile(() -> ledger.transfer(campaign("B", 1, 50, t1.plusSeconds(3 * 86_400))));
      return null;
    })).isInstanceOfSatisfying(LedgerStoreException.class, e -> {
      assertThat(e.isTransient()).isTrue();
      assertThat(e).hasMessageContaining("least balance from");
    });
    assertThat(ledger.balance(BUDGET).posted()).isEqualTo(150);
    assertThat(ledger.balanceAsOf(BUDGET, t1.plusSeconds(6 * 86_400)).posted()).isEqualTo(50);
    sound(ledger);
  }

  @Test
  void aCreditEffectiveAfterAUnitsDrawThatCameMeanwhile_failsTheUnitOnce_andItsRerunLooksAtTheLaterBalances() {
    Ledger ledger = ledger(2);
    Instant t1 = Instant.parse("2025-12-01T00:00:00Z");
    ledger.transfer(fund("fund-1", 100, t1));
    Runnable drawAllAtDay5 = () -> ledger.transfer(campaign("A", 0, 100, t1.plusSeconds(5 * 86_400)));
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(PostgresFixture.dataSource(), () -> {
      drawAllAtDay5.run();
      meanwhile(() -> ledger.transfer(fund("fund-10", 100, t1.plusSeconds(10 * 86_400))));
      return null;
    })).isInstanceOfSatisfying(LedgerStoreException.class, e -> {
      assertThat(e.isTransient()).isTrue();
      assertThat(e).hasMessageContaining("credit effective after");
    });
    assertThat(ledger.balance(wallet(0)).posted()).isZero();
    // run again: it reads the later credit, so its commit looks at the balances after day 5 (all >= 0)
    JdbcUnitOfWork.inTransaction(PostgresFixture.dataSource(), () -> {
      drawAllAtDay5.run();
      return null;
    });
    assertThat(ledger.balance(BUDGET).posted()).isEqualTo(100);
    assertThat(ledger.balance(wallet(0)).posted()).isEqualTo(100);
    sound(ledger);
  }

  @Test
  void aUnitThatDrawsOnABudgetDoesNotHoldItsRow_untilItsEnd() {
    Ledger ledger = ledger(2);
    Instant t = Instant.parse("2025-12-01T00:00:00Z");
    ledger.transfer(fund("fund", 1_000, t));
    long inside = JdbcUnitOfWork.inTransaction(PostgresFixture.dataSource(), () -> {
      ledger.transfer(campaign("A", 0, 80, t.plusSeconds(60)));
      meanwhile(() -> ledger.transfer(campaign("B", 1, 30, t.plusSeconds(120))));
      return ledger.balance(BUDGET).posted();
    });
    assertThat(inside).isEqualTo(890);
    assertThat(ledger.balance(BUDGET).posted()).isEqualTo(890);
    sound(ledger);
  }

  /**
   * Eight threads pay from the issuance account (and a budget, which stays locked) in plain
   * commands, group-committed batches and units of work, a third of the units rolled back: the
   * system account's row equals the sum of its entries and the wallets' total. A unit's two
   * commands lock wallets w and w + 1 in turn, so the one from wallet 15 to wallet 0 locks out of
   * id order and can deadlock with a batch that holds wallet 0 and waits for 15 (LEDGER.md, "What
   * is locked"): a unit failed transiently runs again, as a host's would (before it did, the test
   * failed now and then under heavy load, once the unit was the one PostgreSQL failed).
   */
  @Test
  void concurrentAwardsInUnitsBatchesAndPlainCommandsLeaveTheSystemRowsExact() throws Exception {
    int wallets = 16;
    Ledger ledger = ledger(wallets);
    ledger.transfer(TransferRequest.of(IdempotencyKey.of("fund"), "fund", Entry.debit(ISSUANCE, 1_000_000),
        Entry.credit(BUDGET, 1_000_000)));
    DataSource ds = PostgresFixture.dataSource();
    int threads = 8;
    int each = 60;
    AtomicLong committed = new AtomicLong();
    Together.run(threads, thread -> {
      Random random = new Random(thread);
      for (int i = 0; i < each; i++) {
        String key = "t" + thread + "-" + i;
        int w = random.nextInt(wallets);
        long points = 1 + random.nextInt(50);
        boolean fromBudget = random.nextInt(4) == 0;
        TransferRequest request = fromBudget
            ? TransferRequest.of(IdempotencyKey.of(key), "campaign", Entry.debit(BUDGET, points),
                Entry.credit(wallet(w), points, Expiry.never()))
            : award(key, w, points);
        switch (thread % 3) {
          case 0 -> {
            ledger.transfer(request);
            committed.addAndGet(points);
          }
          case 1 -> {
            boolean rollBack = i % 3 == 0;
            while (true) {
              try {
                JdbcUnitOfWork.inTransaction(ds, () -> {
                  ledger.transfer(request);
                  ledger.transfer(award(key + "-second", (w + 1) % wallets, 1));
                  if (rollBack) {
                    throw new IllegalStateException("rolled back");
                  }
                  return null;
                });
                committed.addAndGet(points + 1);
                break;
              } catch (IllegalStateException expected) {
                assertThat(rollBack).isTrue();
                break;
              } catch (LedgerStoreException e) {
                // wallet 15 then wallet 0: this unit locks out of id order, so PostgreSQL may break a
                // deadlock with a batch by failing it; a host runs such a unit again, as here
                assertThat(e.isTransient()).as(e.getMessage()).isTrue();
              }
            }
          }
          default -> {
            ledger.executeAll(List.of(request, award(key + "-b", w, 2)));
            committed.addAndGet(points + 2);
          }
        }
      }
    });
    long inWallets = inWallets(ledger, wallets);
    assertThat(inWallets).isEqualTo(committed.get());
    assertThat(ledger.balance(ISSUANCE).posted() + ledger.balance(BUDGET).posted()).isEqualTo(-inWallets);
    sound(ledger);
  }

  /**
   * Eight threads' units draw a small budget dry, each run again while it fails transiently at its
   * commit: the budget never goes below zero, every point it lost is in a wallet, and the draws
   * refused by the ledger came only once nothing much was left.
   */
  @Test
  void unitsDrawingABudgetDryConcurrently_neverOverdrawIt() throws Exception {
    int wallets = 8;
    Ledger ledger = ledger(wallets);
    Instant t = Instant.parse("2025-12-01T00:00:00Z");
    ledger.transfer(fund("fund", 3_000, t));
    DataSource ds = PostgresFixture.dataSource();
    AtomicLong drawn = new AtomicLong();
    AtomicLong reruns = new AtomicLong();
    Together.run(wallets, wallet -> {
      Random random = new Random(wallet);
      for (int i = 0; ; i++) {
        long points = 1 + random.nextInt(40);
        TransferRequest request = campaign("w" + wallet + "-" + i, wallet, points, t.plusSeconds(1 + random.nextInt(1_000)));
        while (true) {
          try {
            JdbcUnitOfWork.inTransaction(ds, () -> ledger.transfer(request));
            drawn.addAndGet(points);
            break;
          } catch (LedgerStoreException e) {
            assertThat(e.isTransient()).as(e.getMessage()).isTrue();
            reruns.incrementAndGet();
          } catch (InsufficientBalanceException e) {
            assertThat(ledger.balance(BUDGET).available()).isLessThan(points);
            return;
          }
        }
      }
    });
    assertThat(inWallets(ledger, wallets)).isEqualTo(drawn.get());
    assertThat(ledger.balance(BUDGET).posted()).isEqualTo(3_000 - drawn.get()).isBetween(0L, 39L);
    sound(ledger);
  }

  private static long inWallets(Ledger ledger, int wallets) {
    long sum = 0;
    for (int i = 0; i < wallets; i++) {
      sum += ledger.balance(wallet(i)).posted();
    }
    return sum;
  }

  private static void sound(Ledger ledger) {
    assertThat(ledger.trialBalance().isBalanced()).isTrue();
    assertThat(ledger.verify().intact()).isTrue();
    assertThat(ledger.audit().findings()).isEmpty();
  }
}
