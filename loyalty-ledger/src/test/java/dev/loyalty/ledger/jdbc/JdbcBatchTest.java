package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.CommandResult;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.ExpiryRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.TestClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL store's batch path (one transaction, one statement per step for the whole
 * chunk): that it is taken, by {@code executeAll} and by the group commit of single commands
 * from several threads, that it hands back what it does not offer, and that batches and
 * single commands on shared accounts neither deadlock nor lose anything. What a batch means is
 * the contract suite's (LedgerStoreContract.Batches), which runs on this store too.
 */
class JdbcBatchTest {

  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId BREAKAGE = AccountId.of("system:breakage");
  private static final int WALLETS = 12;

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

  private static AccountId wallet(int i) {
    return AccountId.of("wallet:" + i);
  }

  private Ledger funded(JdbcLedgerStore store) {
    Ledger ledger = Ledger.using(store, clock);
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(BREAKAGE, AccountType.SYSTEM);
    for (int i = 0; i < WALLETS; i++) {
      ledger.openAccount(wallet(i), AccountType.WALLET);
      ledger.transfer(TransferRequest.of(IdempotencyKey.of("fund-" + i), "fund", Entry.debit(ISSUANCE, 1_000),
          Entry.credit(wallet(i), 1_000, Expiry.at(Instant.parse("2027-01-01T00:00:00Z")))));
    }
    return ledger;
  }

  private static TransferRequest move(String key, int from, int to, long points) {
    return TransferRequest.of(IdempotencyKey.of(key), "move", Entry.debit(wallet(from), points),
        Entry.credit(wallet(to), points, Expiry.carried()));
  }

  @Test
  void aBatchOfTransfersIsCommittedInOneTransaction() {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    Ledger ledger = funded(store);
    long before = store.chunksCommittedTogether();

    List<CommandResult> results = ledger.executeAll(List.of(move("a", 0, 1, 10), move("b", 1, 2, 1_005),
        move("c", 2, 0, 3_000), move("a", 0, 1, 10)));

    assertThat(store.chunksCommittedTogether()).isEqualTo(before + 1);
    assertThat(results).extracting(CommandResult::isAccepted).containsExactly(true, true, false, true);
    assertThat(results.get(3).transaction()).isEqualTo(results.get(0).transaction());
    assertThat(ledger.balance(wallet(0)).posted()).isEqualTo(990);
    assertThat(ledger.balance(wallet(1)).posted()).isEqualTo(5);
    assertThat(ledger.balance(wallet(2)).posted()).isEqualTo(2_005);
  }

  @Test
  void aBatchWithAnExpiryRunFallsBackToOneTransactionPerCommand() {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    Ledger ledger = funded(store);
    clock.advance(Duration.ofDays(400));
    long before = store.chunksCommittedTogether();

    List<CommandResult> results = ledger.executeAll(List.of(move("a", 0, 1, 10),
        ExpiryRequest.of(IdempotencyKey.of("x"), BREAKAGE, clock.instant())));

    assertThat(store.chunksCommittedTogether()).isEqualTo(before);
    assertThat(results).extracting(CommandResult::isAccepted).containsExactly(true, true);
    assertThat(ledger.balance(BREAKAGE).posted()).isEqualTo(1_000L * WALLETS);
    assertThat(ledger.verify().intact()).isTrue();
  }

  @Test
  void batchesAndSingleCommandsOnSharedAccountsFromTwoInstancesLoseNothing() throws Exception {
    JdbcLedgerStore first = PostgresFixture.freshStore();
    funded(first);
    try (var otherPool = PostgresFixture.newPool(4)) {
      JdbcLedgerStore second = JdbcLedgerStore.using(otherPool);
      List<Ledger> ledgers = List.of(Ledger.using(first, clock), Ledger.using(second, clock));
      ExecutorService threads = Executors.newFixedThreadPool(8);
      List<Future<List<CommandResult>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        Ledger ledger = ledgers.get(t % 2);
        futures.add(threads.submit(() -> {
          SplittableRandom random = new SplittableRandom(thread);
          List<CommandResult> done = new ArrayList<>();
          for (int round = 0; round < 15; round++) {
            List<TransferRequest> commands = new ArrayList<>();
            for (int k = 0; k < (thread < 4 ? 40 : 1); k++) {
              int from = random.nextInt(WALLETS);
              int to = (from + 1 + random.nextInt(WALLETS - 1)) % WALLETS;
              commands.add(move(thread + "-" + round + "-" + k, from, to, 1 + random.nextInt(30)));
            }
            done.addAll(ledger.executeAll(commands));
          }
          return done;
        }));
      }
      threads.shutdown();
      assertThat(threads.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
      Map<AccountId, Long> expected = new HashMap<>();
      for (int i = 0; i < WALLETS; i++) {
        expected.put(wallet(i), 1_000L);
      }
      int accepted = 0;
      for (Future<List<CommandResult>> f : futures) {
        for (CommandResult r : f.get()) {
          if (r.isAccepted()) {
            accepted++;
            for (Posting p : r.transaction().orElseThrow().postings()) {
              expected.merge(p.account(), p.amount(), Long::sum);
            }
          }
        }
      }
      Ledger ledger = ledgers.get(0);
      assertThat(accepted).isPositive();
      for (int i = 0; i < WALLETS; i++) {
        assertThat(ledger.balance(wallet(i)).posted()).as("wallet %d", i).isEqualTo(expected.get(wallet(i)));
        assertThat(ledger.lots(wallet(i), false).stream().mapToLong(dev.loyalty.ledger.Lot::remaining).sum())
            .isEqualTo(expected.get(wallet(i)));
      }
      assertThat(first.chunksCommittedTogether() + second.chunksCommittedTogether()).isPositive();
      assertThat(ledger.trialBalance().isBalanced()).isTrue();
      assertThat(ledger.verify().intact()).isTrue();
    }
  }

  /**
   * Single commands from five threads queue behind a command that waits for a row lock held from
   * outside; when it commits, the five are committed in one transaction, each with its own
   * outcome: a key sent twice applies once, an overdraft is refused and changes nothing.
   */
  @Test
  void singleCommandsQueuedBehindACommitAreCommittedTogetherEachWithItsOwnOutcome() throws Exception {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    Ledger ledger = funded(store);
    long before = store.chunksCommittedTogether();

    Map<String, Future<Transaction>> outcomes = queueBehindALockedCommand(ledger);

    assertThat(store.chunksCommittedTogether()).isEqualTo(before + 1);
    assertThat(outcomes.get("blocked").get().postings()).extracting(Posting::amount).containsExactly(-1L, 1L);
    assertThat(outcomes.get("g1").get().id()).isEqualTo(outcomes.get("g1 again").get().id());
    assertThatThrownBy(() -> outcomes.get("overdraft").get()).hasCauseInstanceOf(InsufficientBalanceException.class);
    assertThat(ledger.balance(wallet(0)).posted()).isEqualTo(990);
    assertThat(ledger.balance(wallet(1)).posted()).isEqualTo(1_010);
    assertThat(ledger.balance(wallet(2)).posted()).isEqualTo(980);
    assertThat(ledger.balance(wallet(3)).posted()).isEqualTo(1_020);
    assertThat(ledger.balance(wallet(4)).posted()).isEqualTo(1_000);
    assertThat(ledger.balance(wallet(11)).posted()).isEqualTo(999);
    assertThat(ledger.trialBalance().isBalanced()).isTrue();
    assertThat(ledger.verify().intact()).isTrue();
  }

  @Test
  void withoutCommandGroupingEverySingleCommandIsATransactionOfItsOwn() throws Exception {
    JdbcLedgerStore store = PostgresFixture.freshStore().withoutCommandGrouping();
    Ledger ledger = funded(store);

    Map<String, Future<Transaction>> outcomes = queueBehindALockedCommand(ledger);

    assertThat(store.groupsConcurrentCommands()).isFalse();
    assertThat(store.chunksCommittedTogether()).isZero();
    assertThat(outcomes.get("g1").get().id()).isEqualTo(outcomes.get("g1 again").get().id());
    assertThatThrownBy(() -> outcomes.get("overdraft").get()).hasCauseInstanceOf(InsufficientBalanceException.class);
    assertThat(ledger.balance(wallet(0)).posted()).isEqualTo(990);
    assertThat(ledger.balance(wallet(3)).posted()).isEqualTo(1_020);
    assertThat(ledger.balance(wallet(4)).posted()).isEqualTo(1_000);
  }

  /**
   * Holds wallet 11's row lock from another connection, starts a transfer from it (which waits for
   * the lock, with the group's write in progress), then five more transfers from other threads;
   * once those threads wait (on the group, or on wallet 0's lock without grouping), releases the lock.
   */
  private Map<String, Future<Transaction>> queueBehindALockedCommand(Ledger ledger) throws Exception {
    ExecutorService threads = Executors.newCachedThreadPool();
    Map<String, Future<Transaction>> outcomes = new java.util.LinkedHashMap<>();
    try (Connection blocker = PostgresFixture.dataSource().getConnection(); Statement s = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      s.execute("SELECT * FROM ledger_account WHERE id = 'wallet:11' FOR UPDATE");
      outcomes.put("blocked", threads.submit(() -> ledger.transfer(move("blocked", 11, 10, 1))));
      awaitLockWaits(s, 1);
      Map<String, TransferRequest> queued = new java.util.LinkedHashMap<>();
      queued.put("g1", move("g1", 0, 1, 10));
      queued.put("g2", move("g2", 2, 3, 20));
      queued.put("g1 again", move("g1", 0, 1, 10));
      queued.put("overdraft", move("overdraft", 4, 5, 5_000));
      queued.put("g3", move("g3", 6, 7, 30));
      List<Thread> waiting = java.util.Collections.synchronizedList(new ArrayList<>());
      queued.forEach((name, command) -> outcomes.put(name, threads.submit(() -> {
        waiting.add(Thread.currentThread());
        return ledger.transfer(command);
      })));
      awaitQueued(waiting, queued.size());
      blocker.rollback();
      for (Future<Transaction> f : outcomes.values()) {
        try {
          f.get(1, TimeUnit.MINUTES);
        } catch (ExecutionException refusedOrFailed) {
          // asserted by the caller
        }
      }
    } finally {
      threads.shutdownNow();
    }
    return outcomes;
  }

  private static void awaitLockWaits(Statement s, int count) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")) {
        rs.next();
        if (rs.getInt(1) >= count) {
          return;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no command waits for the lock");
  }

  /**
   * Until all {@code count} threads have submitted their command and are parked: waiting for the
   * group's write in progress, or (without grouping, where nothing holds them up) done.
   */
  private static void awaitQueued(List<Thread> threads, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (threads.size() == count && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
          || t.getState() == Thread.State.TIMED_WAITING)) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the commands did not queue");
  }
}
