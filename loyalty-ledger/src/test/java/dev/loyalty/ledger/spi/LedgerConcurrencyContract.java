package dev.loyalty.ledger.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.ChainVerification;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.ExpiryRequest;
import dev.loyalty.ledger.HoldAlreadyResolvedException;
import dev.loyalty.ledger.HoldAmountExceededException;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.LedgerCommand;
import dev.loyalty.ledger.LedgerException;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.VoidHoldRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many threads on shared accounts: transfers, budget awards, holds, posts and voids racing for
 * the same holds, expiry runs. Afterwards the invariants hold and the state equals a sequential
 * replay, in journal order, of the commands that landed. Extend it with {@link #createStore()}.
 */
public abstract class LedgerConcurrencyContract {

  /** A new, empty store. */
  protected abstract LedgerStore createStore();

  /** Threads to run; override for a store that wants more. */
  protected int threads() {
    return 8;
  }

  /** Commands per thread. */
  protected int commandsPerThread() {
    return 1500;
  }

  /**
   * The store thread {@code thread} writes through; by default the shared one. A store that many
   * application instances share returns another instance over the same database here.
   */
  protected LedgerStore storeForThread(LedgerStore shared, int thread) {
    return shared;
  }

  static final AccountId ISSUANCE = AccountId.of("system:issuance");
  static final AccountId CLEARING = AccountId.of("system:clearing");
  static final AccountId BREAKAGE = AccountId.of("system:breakage");
  static final AccountId BUDGET = AccountId.of("budget:campaign");
  static final long BUDGET_FUNDS = 20_000;
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static List<AccountId> wallets() {
    List<AccountId> out = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      out.add(AccountId.of("wallet:" + i));
    }
    return out;
  }

  private static void openAll(Ledger ledger) {
    for (AccountId id : List.of(ISSUANCE, CLEARING, BREAKAGE)) {
      ledger.openAccount(id, AccountType.SYSTEM);
    }
    ledger.openAccount(BUDGET, AccountType.BUDGET);
    wallets().forEach(w -> ledger.openAccount(w, AccountType.WALLET));
  }

  /** A command that landed, with the transaction it wrote. */
  record Landed(LedgerCommand command, Transaction transaction) {}

  @Test
  void concurrentCommandsOnSharedAccountsEqualASequentialReplay() throws Exception {
    TestClock clock = new TestClock(T0);
    LedgerStore store = createStore();
    Ledger ledger = Ledger.using(store, clock);
    openAll(ledger);
    List<Landed> landed = new CopyOnWriteArrayList<>();
    landed.add(new Landed(null, ledger.transfer(TransferRequest.of(IdempotencyKey.of("fund"), "fund",
        Entry.debit(ISSUANCE, BUDGET_FUNDS), Entry.credit(BUDGET, BUDGET_FUNDS)))));
    List<HoldId> holds = new CopyOnWriteArrayList<>();
    Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    AtomicLong awarded = new AtomicLong();
    List<AccountId> wallets = wallets();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads());
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads(); t++) {
      int thread = t;
      Ledger mine = Ledger.using(storeForThread(store, thread), clock);
      futures.add(pool.submit(() -> {
        Random random = new Random(31L * thread + 7);
        start.await();
        for (int i = 0; i < commandsPerThread(); i++) {
          String key = "t" + thread + "-" + i;
          if (random.nextInt(200) == 0) {
            // a lot that "never" expires, the host's way: 9999-12-31T23:59:59.999999999Z
            command(mine, landed, counts, TransferRequest.of(IdempotencyKey.of(key + "-forever"), "earn",
                Entry.debit(ISSUANCE, 7), Entry.credit(w0(random), 7, Expiry.at(Ledger.LATEST_INSTANT))));
          }
          AccountId w = wallets.get(random.nextInt(wallets.size()));
          AccountId other = wallets.get(random.nextInt(wallets.size()));
          int pick = random.nextInt(100);
          LedgerCommand command;
          if (pick < 25) {
            long amount = 1 + random.nextInt(200);
            // Lots expire in the future, days after the clock's now: an expiry run and an earn that
            // run concurrently then commute. (A lot born expired, written while an expiry run scans,
            // is rightly left to the next run; a replay in id order would expire it at once.)
            command = TransferRequest.of(IdempotencyKey.of(key), "earn", Entry.debit(ISSUANCE, amount),
                Entry.credit(w, amount, Expiry.at(clock.instant().plus(Duration.ofHours(24 + random.nextInt(200))))));
          } else if (pick < 40) {
            long amount = 1 + random.nextInt(150);
            command = TransferRequest.of(IdempotencyKey.of(key), "award", Entry.debit(BUDGET, amount),
                Entry.credit(w, amount, Expiry.at(T0.plus(Duration.ofDays(365)))));
          } else if (pick < 55 && !w.equals(other)) {
            long amount = 1 + random.nextInt(100);
            command = TransferRequest.of(IdempotencyKey.of(key), "share", Entry.debit(w, amount),
                Entry.credit(other, amount, Expiry.carried()));
          } else if (pick < 65) {
            long amount = 1 + random.nextInt(100);
            TransferRequest spend = TransferRequest.of(IdempotencyKey.of(key), "spend", Entry.debit(w, amount),
                Entry.credit(CLEARING, amount));
            // now and then dated back a little: it may take only what the wallet had then
            command = random.nextInt(5) == 0 ? spend.effectiveAt(clock.instant().minus(Duration.ofMinutes(30))) : spend;
          } else if (pick < 80) {
            command = HoldRequest.of(IdempotencyKey.of(key), w, CLEARING, 1 + random.nextInt(100), "redeem");
          } else if (pick < 97 && !holds.isEmpty()) {
            HoldId hold = holds.get(random.nextInt(holds.size()));
            command = random.nextBoolean()
                ? PostHoldRequest.partial(IdempotencyKey.of(key), hold, 1 + random.nextInt(10), "ship")
                : VoidHoldRequest.of(IdempotencyKey.of(key), hold, "cancel");
          } else if (pick < 99) {
            clock.advance(Duration.ofMinutes(20));
            command = ExpiryRequest.of(IdempotencyKey.of(key), BREAKAGE, clock.instant());
          } else {
            continue;
          }
          LedgerCommand executed = command;
          try {
            Optional<Transaction> tx = mine.execute(executed);
            counts.computeIfAbsent(executed.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            if (tx.isPresent()) {
              landed.add(new Landed(executed, tx.get()));
              tx.get().hold().filter(h -> executed instanceof HoldRequest).ifPresent(holds::add);
              if (executed instanceof TransferRequest tr && tr.reason().equals("award")) {
                awarded.addAndGet(tr.entries().get(1).amount());
              }
            }
          } catch (InsufficientBalanceException | HoldAlreadyResolvedException | HoldAmountExceededException expected) {
            // the races this test is after: overdrafts and two threads resolving one hold
            counts.computeIfAbsent(expected.code().name(), k -> new AtomicLong()).incrementAndGet();
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(5, TimeUnit.MINUTES);
    }
    pool.shutdown();

    // Every command type landed many times, and the races happened.
    assertThat(counts.keySet()).contains("TransferRequest", "HoldRequest", "PostHoldRequest", "VoidHoldRequest",
        "ExpiryRequest", "INSUFFICIENT_BALANCE", "HOLD_ALREADY_RESOLVED");

    // The invariants, on the concurrent result.
    assertThat(ledger.trialBalance().isBalanced()).isTrue();
    assertThat(ledger.audit().findings()).as("audit after the concurrent run").isEmpty();
    for (AccountId w : wallets) {
      assertThat(ledger.balance(w).available()).as("available of %s", w).isNotNegative();
      long lots = ledger.lots(w, false).stream().mapToLong(Lot::remaining).sum();
      assertThat(lots).isEqualTo(ledger.balance(w).posted());
    }
    assertThat(ledger.balance(BUDGET).posted()).isEqualTo(BUDGET_FUNDS - awarded.get()).isNotNegative();
    ChainVerification chain = ledger.verify();
    assertThat(chain.intact()).as(chain.detail()).isTrue();
    assertThat(chain.checked()).isEqualTo(landed.size());

    // The same commands, one at a time in journal order, on a fresh in-memory ledger.
    TestClock replayClock = new TestClock(T0);
    Ledger replay = Ledger.inMemory(replayClock);
    openAll(replay);
    List<Landed> ordered = new ArrayList<>(landed);
    ordered.sort(Comparator.comparing((Landed l) -> l.transaction().id()));
    Map<HoldId, HoldId> holdIds = new HashMap<>();
    for (Landed l : ordered) {
      replayClock.set(l.transaction().recordedAt());
      LedgerCommand command = l.command() == null
          ? TransferRequest.of(IdempotencyKey.of("fund"), "fund", Entry.debit(ISSUANCE, BUDGET_FUNDS),
              Entry.credit(BUDGET, BUDGET_FUNDS))
          : remapHold(l.command(), holdIds);
      Transaction again;
      try {
        again = replay.execute(command).orElseThrow();
      } catch (LedgerException e) {
        throw new AssertionError("replay of " + l.transaction().id() + " was refused: " + e.getMessage(), e);
      }
      assertThat(again.postings()).as("postings of replayed %s", l.transaction().id())
          .isEqualTo(l.transaction().postings());
      again.hold().filter(h -> l.command() instanceof HoldRequest)
          .ifPresent(h -> holdIds.put(l.transaction().hold().orElseThrow(), h));
    }
    for (AccountId id : ledger.accounts().stream().map(a -> a.id()).toList()) {
      assertThat(replay.balance(id)).as("balance of %s", id).isEqualTo(ledger.balance(id));
      assertThat(lotShapes(replay.lots(id, false))).as("lots of %s", id).isEqualTo(lotShapes(ledger.lots(id, false)));
    }
  }

  /**
   * Threads crediting a budget at random earlier dates, drawing on it at random earlier dates and
   * reading what it may give from some date on ({@code availableFrom}, which in memory may build
   * the budget's index while others write): no award takes what the budget only got later (its
   * balance as of every time stays at or above zero), the store's {@code mostPostedAfter} equals
   * its definition over the journal afterwards, and the landed commands replayed one at a time in
   * journal order all land again.
   */
  @Test
  void backdatedAwardsRacingBackdatedCreditsNeverTakeWhatTheBudgetGotLater() throws Exception {
    Instant now = T0.plus(Duration.ofDays(30));
    TestClock clock = new TestClock(now);
    LedgerStore store = createStore();
    Ledger ledger = Ledger.using(store, clock);
    openAll(ledger);
    List<Landed> landed = new CopyOnWriteArrayList<>();
    AtomicLong refused = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads());
    List<Future<?>> futures = new ArrayList<>();
    int commands = Math.max(50, commandsPerThread() / 10);
    for (int t = 0; t < threads(); t++) {
      int thread = t;
      Ledger mine = Ledger.using(storeForThread(store, thread), clock);
      futures.add(pool.submit(() -> {
        Random random = new Random(97L * thread + 3);
        start.await();
        for (int i = 0; i < commands; i++) {
          Instant at = T0.plus(Duration.ofHours(random.nextInt(30 * 24)));
          int pick = random.nextInt(10);
          if (pick < 3) {
            reads.incrementAndGet();
            assertThat(mine.availableFrom(BUDGET, at)).isNotNegative();
            continue;
          }
          long amount = 1 + random.nextInt(pick < 6 ? 100 : 150);
          TransferRequest command = pick < 6
              ? TransferRequest.of(IdempotencyKey.of("c" + thread + "-" + i), "credit", Entry.debit(ISSUANCE, amount),
                  Entry.credit(BUDGET, amount)).effectiveAt(at)
              : TransferRequest.of(IdempotencyKey.of("a" + thread + "-" + i), "award", Entry.debit(BUDGET, amount),
                  Entry.credit(wallets().get(random.nextInt(6)), amount)).effectiveAt(at);
          try {
            landed.add(new Landed(command, mine.transfer(command)));
          } catch (InsufficientBalanceException expected) {
            refused.incrementAndGet();
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(5, TimeUnit.MINUTES);
    }
    pool.shutdown();

    assertThat(refused.get()).as("awards refused").isPositive();
    assertThat(landed).as("awards that landed").anyMatch(l -> l.transaction().reason().equals("award"));
    List<Transaction> journal = store.journal(Optional.empty(), Integer.MAX_VALUE);
    assertThat(journal).hasSize(landed.size());
    // the budget's balance as of every time something on it was effective, and just before
    java.util.TreeMap<Instant, Long> byTime = new java.util.TreeMap<>();
    journal.forEach(tx -> byTime.merge(tx.effectiveAt(), tx.amountFor(BUDGET), Long::sum));
    java.util.TreeMap<Instant, Long> asOf = new java.util.TreeMap<>();
    long running = 0;
    for (Map.Entry<Instant, Long> e : byTime.entrySet()) {
      running += e.getValue();
      asOf.put(e.getKey(), running);
    }
    assertThat(asOf.values()).as("the budget's balance as of each time").allSatisfy(b -> assertThat(b).isNotNegative());
    assertThat(ledger.balanceAsOf(BUDGET, asOf.firstKey()).posted()).isEqualTo(asOf.firstEntry().getValue());
    long posted = ledger.balance(BUDGET).posted();
    assertThat(posted).isEqualTo(running);
    for (int hour = -1; hour <= 30 * 24; hour += 7) {
      Instant from = T0.plus(Duration.ofHours(hour));
      Map.Entry<Instant, Long> atFrom = asOf.floorEntry(from);
      long least = atFrom == null ? 0 : atFrom.getValue();
      for (long later : asOf.tailMap(from, false).values()) {
        least = Math.min(least, later);
      }
      assertThat(store.mostPostedAfter(BUDGET, from)).as("after %s", from).isEqualTo(posted - least);
    }
    assertThat(ledger.audit().findings()).isEmpty();

    Ledger replay = Ledger.inMemory(new TestClock(now));
    openAll(replay);
    List<Landed> ordered = new ArrayList<>(landed);
    ordered.sort(Comparator.comparing((Landed l) -> l.transaction().id()));
    for (Landed l : ordered) {
      try {
        assertThat(replay.execute(l.command()).orElseThrow().postings()).isEqualTo(l.transaction().postings());
      } catch (LedgerException e) {
        throw new AssertionError("replay of " + l.transaction().id() + " was refused: " + e.getMessage(), e);
      }
    }
    assertThat(replay.balance(BUDGET)).isEqualTo(ledger.balance(BUDGET));
  }

  private static AccountId w0(Random random) {
    return wallets().get(random.nextInt(wallets().size()));
  }

  /** Executes {@code command}, recording it as the main loop does (it cannot be refused for lack of points). */
  private static void command(Ledger ledger, List<Landed> landed, Map<String, AtomicLong> counts, LedgerCommand command) {
    ledger.execute(command).ifPresent(tx -> landed.add(new Landed(command, tx)));
    counts.computeIfAbsent(command.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
  }

  private static LedgerCommand remapHold(LedgerCommand command, Map<HoldId, HoldId> holdIds) {
    if (command instanceof PostHoldRequest p) {
      return new PostHoldRequest(p.key(), holdIds.get(p.hold()), p.amount(), p.reason(), p.metadata());
    }
    if (command instanceof VoidHoldRequest v) {
      return new VoidHoldRequest(v.key(), holdIds.get(v.hold()), v.reason(), v.metadata());
    }
    return command;
  }

  private static List<String> lotShapes(List<Lot> lots) {
    return lots.stream().map(l -> l.original() + "/" + l.remaining() + "/" + l.held() + "@" + l.expiresAt()).toList();
  }

  @Test
  void verifyIsIntactWhileOthersWrite() throws Exception {
    TestClock clock = new TestClock(T0);
    Ledger ledger = Ledger.using(createStore(), clock);
    openAll(ledger);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int thread = t;
      writers.add(pool.submit(() -> {
        for (int i = 0; i < commandsPerThread(); i++) {
          ledger.transfer(TransferRequest.of(IdempotencyKey.of("w" + thread + "-" + i), "earn",
              Entry.debit(ISSUANCE, 1), Entry.credit(wallets().get(i % 6), 1, Expiry.never())));
        }
      }));
    }
    int verifications = 0;
    while (writers.stream().anyMatch(f -> !f.isDone()) || verifications == 0) {
      ChainVerification v = ledger.verify();
      assertThat(v.intact()).as(v.detail()).isTrue();
      verifications++;
    }
    for (Future<?> f : writers) {
      f.get(1, TimeUnit.MINUTES);
    }
    pool.shutdown();
    assertThat(ledger.verify().checked()).isEqualTo(2L * commandsPerThread());
  }

  /**
   * Threads racing to reverse parts of one award to two wallets: first parts of one wallet's share
   * (together asking about three times what it got), then parts of the other's and a full reversal
   * from every thread. Per account the reversals never take back more than the award gave, one
   * full reversal lands and takes back exactly what the parts left, and every refusal says why.
   */
  @Test
  void concurrentPartialReversalsOfOneTransactionNeverTakeBackMoreThanIt() throws Exception {
    TestClock clock = new TestClock(T0);
    LedgerStore store = createStore();
    Ledger ledger = Ledger.using(store, clock);
    openAll(ledger);
    AccountId first = wallets().get(0);
    AccountId second = wallets().get(1);
    Transaction award = ledger.transfer(TransferRequest.of(IdempotencyKey.of("award"), "award",
        Entry.debit(ISSUANCE, 3_000), Entry.credit(first, 2_000, Expiry.never()), Entry.credit(second, 1_000,
            Expiry.never())));
    Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    for (int phase = 0; phase < 2; phase++) {
      AccountId wallet = phase == 0 ? first : second;
      int parts = phase == 0 ? 40 : 6;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads());
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads(); t++) {
        int thread = t;
        int phaseNumber = phase;
        Ledger mine = Ledger.using(storeForThread(store, thread), clock);
        futures.add(pool.submit(() -> {
          Random random = new Random(17L * thread + 3 + phaseNumber);
          int fullAt = phaseNumber == 0 ? -1 : random.nextInt(parts);
          start.await();
          for (int i = 0; i < parts; i++) {
            IdempotencyKey key = IdempotencyKey.of("r" + phaseNumber + "-" + thread + "-" + i);
            long amount = 1 + random.nextInt(60);
            dev.loyalty.ledger.ReversalRequest request = i == fullAt
                ? dev.loyalty.ledger.ReversalRequest.of(key, award.id(), "all")
                : dev.loyalty.ledger.ReversalRequest.partial(key, award.id(), Map.of(wallet, -amount, ISSUANCE, amount),
                    "part");
            String kind = request.isPartial() ? "partial " : "full ";
            try {
              mine.reverse(request);
              counts.computeIfAbsent(kind + "applied", k -> new AtomicLong()).incrementAndGet();
            } catch (dev.loyalty.ledger.InvalidCommandException | dev.loyalty.ledger.AlreadyReversedException refused) {
              counts.computeIfAbsent(kind + refused.code().name(), k -> new AtomicLong()).incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();
      if (phase == 0) {
        assertThat(counts.keySet()).as("parts asking more than is left are refused").contains("partial applied",
            "partial INVALID_COMMAND");
        long takenFromFirst = 0;
        for (Transaction r : ledger.reversalsOf(award.id())) {
          takenFromFirst -= r.reversedPostings().stream().filter(p -> p.account().equals(first))
              .mapToLong(dev.loyalty.ledger.Posting::amount).sum();
        }
        assertThat(takenFromFirst).isBetween(1L, 2_000L);
        assertThat(ledger.balance(first).posted()).isEqualTo(2_000 - takenFromFirst);
      }
    }

    assertThat(counts.get("full applied")).as("one full reversal lands").hasValue(1);
    Map<AccountId, Long> takenBack = new HashMap<>();
    for (Transaction r : ledger.reversalsOf(award.id())) {
      r.reversedPostings().forEach(p -> takenBack.merge(p.account(), p.amount(), Long::sum));
    }
    assertThat(takenBack).containsOnly(Map.entry(first, -2_000L), Map.entry(second, -1_000L),
        Map.entry(ISSUANCE, 3_000L));
    assertThat(ledger.reversible(award.id())).isEmpty();
    for (AccountId id : List.of(first, second, ISSUANCE)) {
      assertThat(ledger.balance(id).posted()).as("posted of %s", id).isZero();
    }
    ChainVerification chain = ledger.verify();
    assertThat(chain.intact()).as(chain.detail()).isTrue();
  }

  /**
   * Sweeps that run at once void each due hold once, under the ledger's own keys, and report
   * nothing they could not void; a caller's command under such a key is refused meanwhile.
   */
  @Test
  void concurrentTimeoutSweepsVoidEachDueHoldOnce() throws Exception {
    TestClock clock = new TestClock(T0);
    LedgerStore store = createStore();
    Ledger ledger = Ledger.using(store, clock);
    openAll(ledger);
    List<HoldId> due = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      AccountId w = wallets().get(i % wallets().size());
      ledger.transfer(TransferRequest.of(IdempotencyKey.of("fund-" + i), "earn", Entry.debit(ISSUANCE, 10),
          Entry.credit(w, 10)));
      due.add(ledger.hold(HoldRequest.of(IdempotencyKey.of("hold-" + i), w, CLEARING, 10, "redeem")
          .timeoutAt(T0.plusSeconds(60))));
    }
    clock.advance(Duration.ofMinutes(2));
    ExecutorService pool = Executors.newFixedThreadPool(threads());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<dev.loyalty.ledger.TimeoutSweep>> sweeps = new ArrayList<>();
    for (int t = 0; t < threads(); t++) {
      Ledger mine = Ledger.using(storeForThread(store, t), clock);
      sweeps.add(pool.submit(() -> {
        start.await();
        return mine.voidTimedOutHolds();
      }));
    }
    start.countDown();
    List<HoldId> voided = new ArrayList<>();
    for (Future<dev.loyalty.ledger.TimeoutSweep> f : sweeps) {
      dev.loyalty.ledger.TimeoutSweep sweep = f.get(2, TimeUnit.MINUTES);
      assertThat(sweep.failed()).isEmpty();
      sweep.voided().forEach(tx -> voided.add(tx.hold().orElseThrow()));
    }
    pool.shutdown();
    // a sweep that finds a hold voided meanwhile replays the first void under the same key
    assertThat(new java.util.TreeSet<>(voided)).containsExactlyElementsOf(due);
    for (HoldId id : due) {
      assertThat(ledger.findHold(id).orElseThrow().status()).isEqualTo(dev.loyalty.ledger.HoldStatus.VOIDED);
    }
    long voids = store.journal(Optional.empty(), 1000).stream()
        .filter(tx -> tx.type() == dev.loyalty.ledger.TransactionType.HOLD_VOID).count();
    assertThat(voids).as("one void per hold").isEqualTo(due.size());
    assertThat(ledger.audit().findings()).isEmpty();
  }

  @Test
  void concurrentReplaysOfOneKeyApplyItOnce() throws Exception {
    TestClock clock = new TestClock(T0);
    Ledger ledger = Ledger.using(createStore(), clock);
    openAll(ledger);
    AccountId w = wallets().get(0);
    TransferRequest request = TransferRequest.of(IdempotencyKey.of("inv-42"), "earn", Entry.debit(ISSUANCE, 100),
        Entry.credit(w, 100, Expiry.at(T0.plus(Duration.ofDays(30)))));
    ExecutorService pool = Executors.newFixedThreadPool(threads());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<TransactionId>> results = new ArrayList<>();
    for (int t = 0; t < threads() * 4; t++) {
      results.add(pool.submit(() -> {
        start.await();
        return ledger.transfer(request).id();
      }));
    }
    start.countDown();
    List<TransactionId> ids = new ArrayList<>();
    for (Future<TransactionId> f : results) {
      ids.add(f.get(1, TimeUnit.MINUTES));
    }
    pool.shutdown();
    assertThat(ids).containsOnly(ids.get(0));
    assertThat(ledger.balance(w).posted()).isEqualTo(100);
  }
}
