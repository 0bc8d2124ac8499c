package dev.loyalty.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.LedgerCommand;
import dev.loyalty.ledger.LedgerException;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.Statement;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.VoidHoldRequest;
import dev.loyalty.ledger.memory.InMemoryLedgerStore;
import dev.loyalty.ledger.spi.LedgerSnapshot;
import dev.loyalty.ledger.spi.LedgerStoreException;
import dev.loyalty.ledger.spi.TestClock;
import dev.loyalty.ledger.spi.Together;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * System accounts' changes go to one of their stripe rows (schema version 7, {@link
 * AddedChanges#CTES}): the first one no other transaction holds, or, when all are held, the
 * thread's start stripe, waited for. Whatever stripes the changes went to, every read sees the
 * account's row plus its stripes, exactly what a ledger that ran the same commands one at a time
 * holds.
 */
class JdbcAccountStripesTest {
  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId CLEARING = AccountId.of("system:clearing");
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final int WALLETS = 12;

  private final TestClock clock = new TestClock(NOW);
  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  /** The store of the last {@link #replay}. */
  private InMemoryLedgerStore replayStore;

  @AfterEach
  void stopWorker() {
    worker.shutdownNow();
  }

  private static AccountId wallet(int i) {
    return AccountId.of("wallet:" + i);
  }

  private static void openAll(Ledger ledger) {
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(CLEARING, AccountType.SYSTEM);
    for (int i = 0; i < WALLETS; i++) {
      ledger.openAccount(wallet(i), AccountType.WALLET);
    }
  }

  private static TransferRequest award(String key, int wallet, long points) {
    return TransferRequest.of(IdempotencyKey.of(key), "award", Entry.debit(ISSUANCE, points),
        Entry.credit(wallet(wallet), points, Expiry.never()));
  }

  /** A command that landed, with the transaction it wrote. */
  private record Landed(LedgerCommand command, Transaction transaction) {}

  /** Commands that all change a system account: awards, spends dated back a little, holds and their ends. */
  private LedgerCommand command(Random random, String key, List<HoldId> holds) {
    int w = random.nextInt(WALLETS);
    int pick = random.nextInt(100);
    if (pick < 40 || pick >= 80 && holds.isEmpty()) {
      // dated back by up to 200 minutes, so that spends dated back find points as of their time
      return award(key, w, 1 + random.nextInt(100)).effectiveAt(NOW.minus(Duration.ofMinutes(random.nextInt(200))));
    } else if (pick < 60) {
      // dated back by up to 100 minutes: the clearing account's last credit is the latest of them
      long points = 1 + random.nextInt(30);
      return TransferRequest.of(IdempotencyKey.of(key), "spend", Entry.debit(wallet(w), points),
          Entry.credit(CLEARING, points)).effectiveAt(NOW.minus(Duration.ofMinutes(random.nextInt(100))));
    } else if (pick < 80) {
      return HoldRequest.of(IdempotencyKey.of(key), wallet(w), CLEARING, 1 + random.nextInt(30), "redeem");
    }
    HoldId hold = holds.get(random.nextInt(holds.size()));
    return random.nextBoolean() ? PostHoldRequest.partial(IdempotencyKey.of(key), hold, 1 + random.nextInt(5), "ship")
        : VoidHoldRequest.of(IdempotencyKey.of(key), hold, "cancel");
  }

  /**
   * Eight threads, half of them running plain commands (group-committed) and half units of work of
   * two or three commands (a quarter rolled back; one failed transiently runs again, as a host's
   * would), every command changing the issuance or the clearing account: afterwards every
   * account's state, the trial balance, the system accounts' balances as of earlier times and their
   * statements equal those of an in-memory ledger that ran the landed commands one at a time in
   * journal order, the chain verifies every one of them, and the audit finds nothing. The issuance
   * account's row was never written: its changes are in several stripes.
   */
  @Test
  void eightThreadsOfUnitsAndPlainCommands_leaveEveryAccountAsASequentialReplay_withTheSystemAccountsInStripes()
      throws Exception {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    Ledger ledger = Ledger.using(store, clock);
    openAll(ledger);
    DataSource ds = PostgresFixture.dataSource();
    List<Landed> landed = new CopyOnWriteArrayList<>();
    List<HoldId> holds = new CopyOnWriteArrayList<>();
    Together.run(8, thread -> {
      Random random = new Random(thread);
      for (int i = 0; i < 30; i++) {
        String key = "t" + thread + "-" + i;
        if (thread % 2 == 0) {
          LedgerCommand command = command(random, key, holds);
          run(() -> {
            try {
              ledger.execute(command).ifPresent(tx -> note(new Landed(command, tx), landed, holds));
            } catch (LedgerException refused) {
              // an overdraft or a hold resolved meanwhile: refused alike in the replay
            }
          });
          continue;
        }
        List<LedgerCommand> commands = new ArrayList<>();
        for (int c = 0; c < 2 + random.nextInt(2); c++) {
          commands.add(command(random, key + "-" + c, holds));
        }
        boolean rollBack = i % 4 == 0;
        try {
          List<Landed> unit = new ArrayList<>();
          run(() -> {
            unit.clear();
            JdbcUnitOfWork.inTransaction(ds, () -> {
              for (LedgerCommand command : commands) {
                try {
                  ledger.execute(command).ifPresent(tx -> unit.add(new Landed(command, tx)));
                } catch (LedgerException refused) {
                  // an overdraft or a hold resolved meanwhile: refused alike in the replay
                }
              }
              if (rollBack) {
                throw new IllegalStateException("rolled back");
              }
              return null;
            });
          });
          unit.forEach(l -> note(l, landed, holds));
        } catch (IllegalStateException expected) {
          assertThat(rollBack).isTrue();
        }
      }
    });

    Ledger replay = replay(landed);
    for (var account : ledger.accounts()) {
      assertThat(store.accountState(account.id())).as("state of %s", account.id())
          .isEqualTo(replayStore.accountState(account.id()));
    }
    assertThat(ledger.trialBalance()).isEqualTo(replay.trialBalance());
    for (AccountId system : List.of(ISSUANCE, CLEARING)) {
      for (int minutes = -120; minutes <= 10; minutes += 13) {
        Instant at = NOW.plus(Duration.ofMinutes(minutes));
        assertThat(ledger.balanceAsOf(system, at)).as("%s as of %s", system, at).isEqualTo(replay.balanceAsOf(system, at));
      }
      assertThat(lines(ledger.statement(system, NOW.minus(Duration.ofMinutes(50)), NOW.plusSeconds(1))))
          .isEqualTo(lines(replay.statement(system, NOW.minus(Duration.ofMinutes(50)), NOW.plusSeconds(1))));
    }
    var chain = ledger.verify();
    assertThat(chain.intact()).as(chain.detail()).isTrue();
    assertThat(chain.checked()).isEqualTo(landed.size());
    assertThat(ledger.audit().findings()).isEmpty();
    assertThat(ledger.balance(CLEARING).pendingCredits()).isPositive();
    assertThat(longs("SELECT posted FROM ledger_account WHERE id = ?", ISSUANCE.value())).containsExactly(0L);
    assertThat(longs("SELECT count(*) FROM ledger_account_stripe WHERE account_id = ? AND posted <> 0", ISSUANCE.value())
        .get(0)).isGreaterThan(1);
  }

  /** The landed commands one at a time in journal order on a fresh in-memory ledger; each lands with the same postings. */
  private Ledger replay(List<Landed> landed) {
    replayStore = new InMemoryLedgerStore();
    TestClock replayClock = new TestClock(NOW);
    Ledger replay = Ledger.using(replayStore, replayClock);
    openAll(replay);
    List<Landed> ordered = new ArrayList<>(landed);
    ordered.sort(Comparator.comparing((Landed l) -> l.transaction().id()));
    Map<HoldId, HoldId> holdIds = new HashMap<>();
    for (Landed l : ordered) {
      replayClock.set(l.transaction().recordedAt());
      LedgerCommand command = l.command();
      if (command instanceof PostHoldRequest p) {
        command = new PostHoldRequest(p.key(), holdIds.get(p.hold()), p.amount(), p.reason(), p.metadata());
      } else if (command instanceof VoidHoldRequest v) {
        command = new VoidHoldRequest(v.key(), holdIds.get(v.hold()), v.reason(), v.metadata());
      }
      Transaction again = replay.execute(command).orElseThrow();
      assertThat(again.postings()).as("postings of replayed %s", l.transaction().id()).isEqualTo(l.transaction().postings());
      again.hold().filter(h -> l.command() instanceof HoldRequest)
          .ifPresent(h -> holdIds.put(l.transaction().hold().orElseThrow(), h));
    }
    return replay;
  }

  private static void note(Landed l, List<Landed> landed, List<HoldId> holds) {
    landed.add(l);
    l.transaction().hold().filter(h -> l.command() instanceof HoldRequest).ifPresent(holds::add);
  }

  /** A statement's lines without their transaction ids (the replay's ids have no gaps). */
  private static List<String> lines(Statement statement) {
    List<String> out = new ArrayList<>();
    out.add("opening " + statement.opening() + ", closing " + statement.closing());
    statement.lines().forEach(l -> out.add(l.type() + " " + l.effectiveAt() + " " + l.amount() + " -> " + l.balanceAfter()));
    return out;
  }

  /**
   * A unit whose thread's start stripe another transaction holds adds to another stripe at once:
   * it does not wait while a stripe is free (a plain command, then a unit of work, on that thread).
   */
  @Test
  void aUnitWhoseStartStripeIsHeld_addsToTheNextFreeOneWithoutWaiting() throws Exception {
    Ledger ledger = Ledger.using(PostgresFixture.freshStore(), clock);
    openAll(ledger);
    int start = worker.submit(AddedChanges::startStripe).get(10, TimeUnit.SECONDS);
    DataSource ds = PostgresFixture.dataSource();
    try (Connection holder = ds.getConnection()) {
      holder.setAutoCommit(false);
      assertThat(lockStripes(holder, "stripe = " + start)).isEqualTo(1);

      worker.submit(() -> ledger.transfer(award("A-1", 0, 70))).get(10, TimeUnit.SECONDS);
      worker.submit(() -> JdbcUnitOfWork.inTransaction(ds, () -> ledger.transfer(award("A-2", 1, 5))))
          .get(10, TimeUnit.SECONDS);

      assertThat(ledger.balance(ISSUANCE).posted()).isEqualTo(-75);
      int next = (start + 1) % AddedChanges.STRIPES;
      assertThat(longs("SELECT posted FROM ledger_account_stripe WHERE account_id = ? AND stripe IN (" + start + ", "
          + next + ") ORDER BY stripe = " + start + " DESC", ISSUANCE.value())).containsExactly(0L, -75L);
      holder.rollback();
    }
    assertThat(ledger.audit().findings()).isEmpty();
  }

  /**
   * When another transaction holds every stripe of the account, a unit waits for its start stripe
   * (PostgreSQL shows it waiting for a lock), and once that is free adds to it exactly.
   */
  @Test
  void whenEveryStripeIsHeld_aUnitWaitsForItsStartStripe_thenAddsToIt() throws Exception {
    Ledger ledger = Ledger.using(PostgresFixture.freshStore(), clock);
    openAll(ledger);
    worker.submit(() -> ledger.transfer(award("before", 2, 9))).get(10, TimeUnit.SECONDS);
    int start = worker.submit(AddedChanges::startStripe).get(10, TimeUnit.SECONDS);
    DataSource ds = PostgresFixture.dataSource();
    Future<?> waiting;
    try (Connection holder = ds.getConnection()) {
      holder.setAutoCommit(false);
      assertThat(lockStripes(holder, "true")).isEqualTo(AddedChanges.STRIPES);
      waiting = worker.submit(() -> JdbcUnitOfWork.inTransaction(ds, () -> ledger.transfer(award("A-1", 0, 40))));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (longs("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%stripe_locks%'")
          .get(0) == 0) {
        assertThat(waiting.isDone()).as("the unit ended while every stripe was held").isFalse();
        assertThat(System.nanoTime()).as("the unit never waited for a stripe").isLessThan(deadline);
        Thread.sleep(20);
      }
      assertThat(waiting.isDone()).isFalse();
      holder.commit();
    }
    waiting.get(20, TimeUnit.SECONDS);
    assertThat(ledger.balance(ISSUANCE).posted()).isEqualTo(-49);
    assertThat(longs("SELECT posted FROM ledger_account_stripe WHERE account_id = ? AND stripe = " + start,
        ISSUANCE.value())).containsExactly(-49L);
    assertThat(ledger.audit().findings()).isEmpty();
  }

  /**
   * A batch reads a system account as its row plus its stripes, as a single command does: it posts
   * a hold whose pending credit to the clearing account is in a stripe in one transaction (read
   * from the row alone, the clearing account's pending credits would be zero, the post would fail
   * there, and the batch would fall back to one transaction per command).
   */
  @Test
  void aBatchReadsASystemAccountWithItsStripes_andPostsAHoldWhosePendingCreditIsInOne() {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    Ledger ledger = Ledger.using(store, clock);
    openAll(ledger);
    ledger.transfer(award("A-1", 0, 100));
    HoldId hold = ledger.hold(HoldRequest.of(IdempotencyKey.of("H-1"), wallet(0), CLEARING, 50, "redeem"));
    long together = store.chunksCommittedTogether();

    ledger.executeAll(List.of(PostHoldRequest.partial(IdempotencyKey.of("P-1"), hold, 20, "ship"), award("A-2", 1, 5)));

    assertThat(store.chunksCommittedTogether()).isEqualTo(together + 1);
    assertThat(ledger.balance(CLEARING)).isEqualTo(new Balance(CLEARING, 20, 0, 0));
    assertThat(ledger.balance(ISSUANCE).posted()).isEqualTo(-105);
    assertThat(ledger.audit().findings()).isEmpty();
  }

  /**
   * A system account whose stripes are gone (deleted by hand, or opened with the trigger of schema
   * version 7 disabled) fails the command that would add to it, naming it, rather than losing its
   * change; nothing of the command is kept.
   */
  @Test
  void aSystemAccountWithoutStripes_failsTheCommandNamingIt_andNothingChanges() throws Exception {
    JdbcLedgerStore store = PostgresFixture.freshStore();
    Ledger ledger = Ledger.using(store, clock);
    openAll(ledger);
    ledger.transfer(award("before", 0, 10));
    try (Connection c = PostgresFixture.dataSource().getConnection(); var s = c.createStatement()) {
      // the stripes folded into the row, then gone
      s.execute("UPDATE ledger_account a SET posted = t.posted, pending_debits = t.pending_debits, pending_credits = "
          + "t.pending_credits, debt = t.debt, inflow = t.inflow, outflow = t.outflow, last_credit_at_ns = "
          + "t.last_credit_at_ns FROM ledger_account_total t WHERE t.id = a.id AND a.id = 'system:issuance'");
      s.execute("DELETE FROM ledger_account_stripe WHERE account_id = 'system:issuance'");
    }
    LedgerSnapshot before = LedgerSnapshot.of(store);

    assertThatThrownBy(() -> ledger.transfer(award("A-1", 1, 5))).isInstanceOfSatisfying(LedgerStoreException.class,
        e -> {
          assertThat(e).hasMessageContaining("without stripes").hasMessageContaining(ISSUANCE.value());
          assertThat(e.isTransient()).isFalse();
        });
    assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(PostgresFixture.dataSource(),
        () -> ledger.transfer(award("A-2", 1, 5)))).hasMessageContaining("without stripes");

    assertThat(LedgerSnapshot.of(store)).isEqualTo(before);
  }

  /** Locks the stripes of the issuance account that match {@code where} on {@code holder}; returns how many. */
  private static int lockStripes(Connection holder, String where) throws SQLException {
    try (PreparedStatement ps = holder.prepareStatement("SELECT stripe FROM ledger_account_stripe WHERE account_id = ? AND "
        + where + " FOR NO KEY UPDATE")) {
      ps.setString(1, ISSUANCE.value());
      int locked = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          locked++;
        }
      }
      return locked;
    }
  }

  private static List<Long> longs(String sql, String... parameters) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Connection c = PostgresFixture.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  /** Runs {@code body} again while it fails transiently, as a host does. */
  private static void run(Runnable body) {
    while (true) {
      try {
        body.run();
        return;
      } catch (LedgerStoreException e) {
        assertThat(e.isTransient()).as(e.getMessage()).isTrue();
      }
    }
  }
}
