package dev.loyalty.examples.bench;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.ExpiryRequest;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.LedgerException;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.VoidHoldRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The scenarios' workers. Latency is the time spent inside ledger calls: request objects are
 * built before the stopwatch starts, so the figures are the ledger's, not the harness's.
 */
final class Workloads {

  /** Scenario 1 and the baseline: share of operations that are earns (the rest are wallet-to-wallet transfers). */
  static final int EARN_PERCENT = 50;
  /** Scenario 1: lots from earns expire 30 to 365 days out (the clock stands still in scenario 1). */
  static final Duration S1_MIN_LIFE = Duration.ofDays(30);
  static final Duration S1_MAX_LIFE = Duration.ofDays(365);

  /** Scenario 3: one operation in this many (counted over all threads) is an expiry run. */
  static final int MIX_EXPIRY_EVERY = 1_000;
  /** Scenario 3: each expiry run first moves the clock by this much. */
  static final Duration MIX_EXPIRY_STEP = Duration.ofDays(1);
  /** Scenario 3: lots from earns expire 1 to 90 days (expiry runs) out. */
  static final Duration MIX_MIN_LIFE = Duration.ofDays(1);
  static final Duration MIX_MAX_LIFE = Duration.ofDays(90);
  /** Scenario 3: at most this many holds open per thread; then the oldest is resolved first. */
  static final int MIX_MAX_OPEN_HOLDS = 64;

  private Workloads() {}

  /** The points of one earn, transfer or hold: 10 to 200. */
  static long amount(SplittableRandom random) {
    return 10 + random.nextInt(191);
  }

  /**
   * A whole number of days uniformly between {@code min} and {@code max}: programs set expiry
   * by the day ("365 days after the invoice", "end of the quarter"), not by the second, so lots
   * of one wallet share dates.
   */
  static Duration between(SplittableRandom random, Duration min, Duration max) {
    long spread = max.toDays() - min.toDays();
    return min.plusDays(random.nextLong(spread + 1));
  }

  // ---------------------------------------------------------------------------------------------
  // The commands, timed

  /** Helpers shared by the ledger workers: unique keys and timed, counted commands. */
  abstract static class LedgerWorker implements BenchRunner.Worker {
    final LedgerFixture f;
    final WalletPicker picker;
    final SplittableRandom random;
    private final String keyPrefix;
    private long sequence;

    LedgerWorker(LedgerFixture f, int thread, WalletPicker picker, long seed) {
      this.f = f;
      this.picker = picker;
      this.random = new SplittableRandom(seed);
      this.keyPrefix = f.keyPrefix(thread);
    }

    /** Every command gets a key of its own: the ledger always checks and stores it. */
    IdempotencyKey nextKey() {
      return IdempotencyKey.of(keyPrefix + sequence++);
    }

    /**
     * Sends one command, timed (the request was built before) and counted. Returns what the
     * ledger returned, or empty when it refused the command (the refusal is counted).
     */
    <T> Optional<T> timed(Tally tally, Tally.Kind kind, Supplier<T> command) {
      tally.commands++;
      long start = System.nanoTime();
      try {
        T result = command.get();
        tally.record(kind, System.nanoTime() - start);
        return Optional.of(result);
      } catch (LedgerException refused) {
        tally.record(kind, System.nanoTime() - start);
        tally.refused(refused.code());
        return Optional.empty();
      }
    }

    /** Issuance credits the wallet {@code amount} in a new lot that expires at {@code expiresAt}. */
    void earn(Tally tally, int wallet, long amount, Instant expiresAt) {
      TransferRequest request = TransferRequest.of(nextKey(), "earn", Entry.debit(LedgerFixture.ISSUANCE, amount),
          Entry.credit(f.wallets[wallet], amount, Expiry.at(expiresAt)));
      timed(tally, Tally.Kind.EARN, () -> f.ledger.transfer(request)).ifPresent(written -> {
        tally.lotMovements += written.lotMovements().size();
        f.shadow.add(wallet, amount);
      });
    }

    /**
     * Wallet to wallet; the credit keeps the expiry dates of the lots the debit took. The caller
     * has reserved {@code amount} of {@code from} in the shadow.
     */
    void transfer(Tally tally, int from, int to, long amount) {
      TransferRequest request = TransferRequest.of(nextKey(), "member-transfer", Entry.debit(f.wallets[from], amount),
          Entry.credit(f.wallets[to], amount, Expiry.carried()));
      Optional<Transaction> written = timed(tally, Tally.Kind.TRANSFER, () -> f.ledger.transfer(request));
      if (written.isEmpty()) {
        f.shadow.add(from, amount); // give back the reservation
        return;
      }
      tally.lotMovements += written.get().lotMovements().size();
      f.shadow.add(to, amount);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Scenario 1

  /** Scenario 1: earns (issuance to a wallet, new lot) mixed with wallet-to-wallet transfers. */
  static final class Transfers extends LedgerWorker {
    Transfers(LedgerFixture f, int thread, WalletPicker picker, long seed) {
      super(f, thread, picker, seed);
    }

    @Override
    public void operate(Tally tally) {
      int to = picker.pick(random);
      long amount = amount(random);
      if (random.nextInt(100) >= EARN_PERCENT) {
        int from = picker.pickOther(random, to);
        if (f.shadow.tryReserve(from, amount)) {
          transfer(tally, from, to, amount);
          return;
        }
        tally.substitutions++;
      }
      earn(tally, to, amount, f.clock.instant().plus(between(random, S1_MIN_LIFE, S1_MAX_LIFE)));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Engine-shaped awards (LedgerCpuProbe --awards)

  /**
   * Awards shaped as {@code LoyaltyEngine.record} posts them (its {@code EarningStep}): issuance and
   * a campaign budget debited, one to three wallets (a dealer and its reps) credited with lots that
   * expire on one date, effective up to an hour before now (an activity recorded late), with the
   * activity named in the metadata; four or five entries, so not a two-entry transfer.
   */
  static final class Awards extends LedgerWorker {
    static final AccountId BUDGET = AccountId.of("budget:campaign:spring");

    Awards(LedgerFixture f, int thread, WalletPicker picker, long seed) {
      super(f, thread, picker, seed);
    }

    /** Opens the campaign budget with {@code points} from issuance, then moves the clock a day on. */
    static void openBudget(LedgerFixture f, long points) {
      f.ledger.openAccount(BUDGET, AccountType.BUDGET);
      f.ledger.transfer(TransferRequest.of(IdempotencyKey.of(f.name + ":budget"), "campaign-budget",
          Entry.debit(LedgerFixture.ISSUANCE, points), Entry.credit(BUDGET, points, Expiry.never())));
      f.clock.advance(Duration.ofDays(1));
    }

    @Override
    public void operate(Tally tally) {
      int first = picker.pick(random);
      int credits = 1 + random.nextInt(3);
      long base = amount(random);
      long bonus = amount(random);
      Expiry expiry = Expiry.at(f.clock.instant().plus(between(random, S1_MIN_LIFE, S1_MAX_LIFE)));
      List<Entry> entries = new ArrayList<>(2 + credits);
      entries.add(Entry.debit(LedgerFixture.ISSUANCE, base * credits));
      entries.add(Entry.debit(BUDGET, bonus * credits));
      for (int k = 0; k < credits; k++) {
        entries.add(Entry.credit(f.wallets[(first + k) % f.wallets.length], base + bonus, expiry));
      }
      String activity = "sale-" + random.nextInt(1_000_000_000);
      TransferRequest request = new TransferRequest(nextKey(), entries, "award:sale", Map.of("activity", activity),
          Optional.of(f.clock.instant().minusSeconds(random.nextInt(3_600))));
      timed(tally, Tally.Kind.EARN, () -> f.ledger.transfer(request)).ifPresent(written -> {
        tally.lotMovements += written.lotMovements().size();
        for (int k = 0; k < credits; k++) {
          f.shadow.add((first + k) % f.wallets.length, base + bonus);
        }
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Scenario 2

  /** Scenario 2: one operation is a hold from a wallet to redemption clearing, then its post. */
  static final class HoldPost extends LedgerWorker {
    HoldPost(LedgerFixture f, int thread, WalletPicker picker, long seed) {
      super(f, thread, picker, seed);
    }

    @Override
    public void operate(Tally tally) {
      int wallet = picker.pick(random);
      long amount = amount(random);
      if (!f.shadow.tryReserve(wallet, amount)) {
        // The prefund is meant to make this impossible; should it happen, refill instead.
        tally.substitutions++;
        earn(tally, wallet, 100_000, f.clock.instant().plus(S1_MAX_LIFE));
        return;
      }
      HoldRequest holdRequest = HoldRequest.of(nextKey(), f.wallets[wallet], LedgerFixture.CLEARING, amount,
          "redemption");
      tally.commands++;
      long holdStart = System.nanoTime();
      HoldId hold;
      try {
        hold = f.ledger.hold(holdRequest);
      } catch (LedgerException refused) {
        tally.record(Tally.Kind.HOLD_POST, System.nanoTime() - holdStart);
        tally.refused(refused.code());
        f.shadow.add(wallet, amount);
        return;
      }
      long holdNanos = System.nanoTime() - holdStart;
      PostHoldRequest postRequest = PostHoldRequest.full(nextKey(), hold, "fulfilled");
      tally.commands++;
      long postStart = System.nanoTime();
      try {
        tally.lotMovements += f.ledger.postHold(postRequest).lotMovements().size();
      } catch (LedgerException refused) {
        // The hold stays open and keeps its points reserved, as the shadow already assumes.
        tally.refused(refused.code());
      }
      long postNanos = System.nanoTime() - postStart;
      tally.recordPart(Tally.Kind.HOLD, holdNanos);
      tally.recordPart(Tally.Kind.POST, postNanos);
      tally.record(Tally.Kind.HOLD_POST, holdNanos + postNanos);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Scenario 3

  /** What the threads of one scenario-3 run share: the operation count that schedules expiry runs. */
  static final class MixShared {
    final AtomicLong operations = new AtomicLong();
  }

  /**
   * Scenario 3, one command per operation: 45% earns (lots expiring 1 to 90 days out), 30%
   * wallet-to-wallet transfers, 12% holds, 13% resolutions of this thread's oldest open hold (two
   * in three posted, one voided); and every {@link #MIX_EXPIRY_EVERY}-th operation overall, the
   * clock moves a day and an expiry run moves expired points to breakage.
   */
  static final class Mix extends LedgerWorker {
    private record OpenHold(HoldId id, int wallet, long amount) {}

    private final MixShared shared;
    private final ArrayDeque<OpenHold> openHolds = new ArrayDeque<>();

    Mix(LedgerFixture f, int thread, WalletPicker picker, long seed, MixShared shared) {
      super(f, thread, picker, seed);
      this.shared = shared;
    }

    @Override
    public void operate(Tally tally) {
      if (shared.operations.incrementAndGet() % MIX_EXPIRY_EVERY == 0) {
        expiryRun(tally);
        return;
      }
      int roll = random.nextInt(100);
      int wallet = picker.pick(random);
      long amount = amount(random);
      if (roll < 45) {
        earn(tally, wallet, amount);
      } else if (roll < 75) {
        int from = picker.pickOther(random, wallet);
        if (f.shadow.tryReserve(from, amount)) {
          transfer(tally, from, wallet, amount);
        } else {
          tally.substitutions++;
          earn(tally, wallet, amount);
        }
      } else if (roll < 87 && openHolds.size() < MIX_MAX_OPEN_HOLDS) {
        if (f.shadow.tryReserve(wallet, amount)) {
          hold(tally, wallet, amount);
        } else {
          tally.substitutions++;
          earn(tally, wallet, amount);
        }
      } else if (!openHolds.isEmpty()) {
        resolve(tally, openHolds.poll(), random.nextInt(3) < 2);
      } else {
        earn(tally, wallet, amount);
      }
    }

    private void earn(Tally tally, int wallet, long amount) {
      earn(tally, wallet, amount, f.clock.instant().plus(between(random, MIX_MIN_LIFE, MIX_MAX_LIFE)));
    }

    private void hold(Tally tally, int wallet, long amount) {
      HoldRequest request = HoldRequest.of(nextKey(), f.wallets[wallet], LedgerFixture.CLEARING, amount,
          "redemption");
      Optional<HoldId> id = timed(tally, Tally.Kind.HOLD, () -> f.ledger.hold(request));
      if (id.isPresent()) {
        openHolds.add(new OpenHold(id.get(), wallet, amount));
      } else {
        f.shadow.add(wallet, amount);
      }
    }

    private void resolve(Tally tally, OpenHold hold, boolean post) {
      IdempotencyKey key = nextKey();
      Optional<Transaction> resolved = post
          ? timed(tally, Tally.Kind.POST, () -> f.ledger.postHold(PostHoldRequest.full(key, hold.id(), "fulfilled")))
          : timed(tally, Tally.Kind.VOID, () -> f.ledger.voidHold(VoidHoldRequest.of(key, hold.id(), "cancelled")));
      if (resolved.isEmpty()) {
        return;
      }
      tally.lotMovements += resolved.get().lotMovements().size();
      if (!post) {
        f.shadow.add(hold.wallet(), hold.amount());
      }
    }

    private void expiryRun(Tally tally) {
      Instant asOf = f.clock.advance(MIX_EXPIRY_STEP);
      ExpiryRequest request = ExpiryRequest.of(nextKey(), LedgerFixture.BREAKAGE, asOf);
      tally.expiryRuns++;
      Optional<Optional<Transaction>> run = timed(tally, Tally.Kind.EXPIRY, () -> f.ledger.expire(request));
      if (run.isEmpty()) {
        return;
      }
      Optional<Transaction> expired = run.get();
      if (expired.isEmpty()) {
        tally.expiryRunsWithNothingToExpire++;
        return;
      }
      tally.lotMovements += expired.get().lotMovements().size();
      for (Posting p : expired.get().postings()) {
        int wallet = f.indexOf(p.account());
        if (wallet >= 0) {
          f.shadow.add(wallet, p.amount());
          tally.expiredWallets++;
          tally.expiredPoints -= p.amount();
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Baseline

  /**
   * Scenario 1's balance arithmetic in plain Java, for scale: a {@code HashMap} of balances behind
   * one {@link ReentrantLock} (like the ledger's single write lock), exact arithmetic, and the
   * balance check of a debit. No lots, keys, journal or hash chain.
   */
  static final class PlainBook {
    private final Map<String, long[]> balances = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final String issuance;

    PlainBook(String issuance, String[] wallets, long prefund) {
      this.issuance = issuance;
      balances.put(issuance, new long[] {0});
      for (String w : wallets) {
        balances.put(w, new long[] {0});
        earn(w, prefund);
      }
    }

    void earn(String wallet, long amount) {
      lock.lock();
      try {
        long[] from = balances.get(issuance);
        long[] to = balances.get(wallet);
        from[0] = Math.subtractExact(from[0], amount);
        to[0] = Math.addExact(to[0], amount);
      } finally {
        lock.unlock();
      }
    }

    /** False, changing nothing, when {@code from} has less than {@code amount}. */
    boolean transfer(String from, String to, long amount) {
      lock.lock();
      try {
        long[] source = balances.get(from);
        if (source[0] < amount) {
          return false;
        }
        long[] target = balances.get(to);
        source[0] = Math.subtractExact(source[0], amount);
        target[0] = Math.addExact(target[0], amount);
        return true;
      } finally {
        lock.unlock();
      }
    }

    /** The sum of all balances: zero when every update was balanced. */
    long total() {
      lock.lock();
      try {
        long sum = 0;
        for (long[] b : balances.values()) {
          sum = Math.addExact(sum, b[0]);
        }
        return sum;
      } finally {
        lock.unlock();
      }
    }
  }

  /** The baseline worker: scenario 1's operation mix against a {@link PlainBook}. */
  static final class Baseline implements BenchRunner.Worker {
    private final PlainBook book;
    private final String[] wallets;
    private final WalletPicker picker;
    private final SplittableRandom random;

    Baseline(PlainBook book, String[] wallets, WalletPicker picker, long seed) {
      this.book = book;
      this.wallets = wallets;
      this.picker = picker;
      this.random = new SplittableRandom(seed);
    }

    @Override
    public void operate(Tally tally) {
      int to = picker.pick(random);
      long amount = amount(random);
      if (random.nextInt(100) >= EARN_PERCENT) {
        int from = picker.pickOther(random, to);
        tally.commands++;
        long start = System.nanoTime();
        boolean done = book.transfer(wallets[from], wallets[to], amount);
        tally.record(Tally.Kind.TRANSFER, System.nanoTime() - start);
        if (done) {
          return;
        }
        tally.substitutions++;
      }
      tally.commands++;
      long start = System.nanoTime();
      book.earn(wallets[to], amount);
      tally.record(Tally.Kind.EARN, System.nanoTime() - start);
    }
  }
}
