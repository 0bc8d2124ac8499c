package dev.loyalty.examples.bench;

import dev.loyalty.examples.ManualClock;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.ChainVerification;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.TrialBalance;
import dev.loyalty.ledger.memory.InMemoryLedgerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fresh in-memory ledger with the benchmark's accounts: three system accounts and numbered
 * member wallets, plus the harness's shadow of the wallets' available points.
 */
final class LedgerFixture {

  static final AccountId ISSUANCE = AccountId.of("system:issuance");
  static final AccountId CLEARING = AccountId.of("system:redemption-clearing");
  static final AccountId BREAKAGE = AccountId.of("system:breakage");
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final String name;
  final ManualClock clock = new ManualClock(START);
  /**
   * Kept so that the checks can count transactions left unsealed; {@link Ledger#inMemory} builds
   * exactly this store, so the ledger behaves the same.
   */
  final InMemoryLedgerStore store = new InMemoryLedgerStore();
  final Ledger ledger = Ledger.using(store, clock);
  final AccountId[] wallets;
  final ShadowBalances shadow;
  private final Map<AccountId, Integer> walletIndex = new HashMap<>();
  private long setupCommands;

  /** @param name unique per run: it prefixes every idempotency key of the run */
  LedgerFixture(String name, int walletCount) {
    this.name = name;
    this.wallets = new AccountId[walletCount];
    this.shadow = new ShadowBalances(walletCount);
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(CLEARING, AccountType.SYSTEM);
    ledger.openAccount(BREAKAGE, AccountType.SYSTEM);
    for (int i = 0; i < walletCount; i++) {
      wallets[i] = AccountId.of(String.format("wallet:member:%05d", i));
      walletIndex.put(wallets[i], i);
      ledger.openAccount(wallets[i], AccountType.WALLET);
    }
  }

  /** The index of a wallet, or -1 for a system account. Read-only after construction, so thread-safe. */
  int indexOf(AccountId account) {
    Integer i = walletIndex.get(account);
    return i == null ? -1 : i;
  }

  /** The prefix of the idempotency keys of worker {@code thread}. */
  String keyPrefix(int thread) {
    return name + ":t" + thread + ":";
  }

  /**
   * Gives every wallet {@code points} from issuance before the run starts, as lots that expire
   * {@code minLife} to {@code maxLife} after now (null: never).
   */
  void prefund(long points, Duration minLife, Duration maxLife, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < wallets.length; i++) {
      Expiry expiry = minLife == null ? Expiry.never()
          : Expiry.at(clock.instant().plus(Workloads.between(random, minLife, maxLife)));
      ledger.transfer(TransferRequest.of(IdempotencyKey.of(name + ":prefund:" + i), "prefund",
          Entry.debit(ISSUANCE, points), Entry.credit(wallets[i], points, expiry)));
      shadow.add(i, points);
      setupCommands++;
    }
  }

  long setupCommands() {
    return setupCommands;
  }

  /**
   * Checks the ledger after a run: it balances, every wallet's lots add up to its balance, the
   * harness's shadow agrees with it, and the hash chain verifies. Returns a one-line report.
   */
  Check check() {
    StringBuilder problems = new StringBuilder();
    TrialBalance trial = ledger.trialBalance();
    if (!trial.isBalanced()) {
      problems.append(" trial balance not balanced: ").append(trial).append(';');
    }
    int shadowMismatches = 0;
    int lotMismatches = 0;
    long openLots = 0;
    int maxLots = 0;
    for (int i = 0; i < wallets.length; i++) {
      Balance b = ledger.balance(wallets[i]);
      if (b.available() != shadow.get(i)) {
        if (shadowMismatches++ == 0) {
          problems.append(" wallet ").append(wallets[i]).append(" available ").append(b.available())
              .append(" but the harness expected ").append(shadow.get(i)).append(';');
        }
      }
      List<Lot> lots = ledger.lots(wallets[i], false);
      long remaining = 0;
      long held = 0;
      for (Lot lot : lots) {
        remaining += lot.remaining();
        held += lot.held();
      }
      // No reversals run here, so no wallet has debt: its lots must add up to its balance exactly.
      if (remaining != b.posted() || held != b.pendingDebits()) {
        if (lotMismatches++ == 0) {
          problems.append(" wallet ").append(wallets[i]).append(" lots hold ").append(remaining).append('/')
              .append(held).append(" but its balance is ").append(b).append(';');
        }
      }
      openLots += lots.size();
      maxLots = Math.max(maxLots, lots.size());
    }
    if (shadowMismatches > 1) {
      problems.append(' ').append(shadowMismatches).append(" wallets differ from the harness's view;");
    }
    if (lotMismatches > 1) {
      problems.append(' ').append(lotMismatches).append(" wallets' lots disagree with their balances;");
    }
    int unsealed = store.unsealed(Integer.MAX_VALUE).size();
    long verifyStart = System.nanoTime();
    ChainVerification chain = ledger.verify();
    long verifyNanos = System.nanoTime() - verifyStart;
    if (!chain.intact()) {
      problems.append(" hash chain broken: ").append(chain.detail()).append(';');
    }
    return new Check(problems.length() == 0, problems.toString().trim(), chain.checked(), verifyNanos, unsealed,
        (double) openLots / wallets.length, maxLots);
  }

  /**
   * The result of {@link #check()}.
   *
   * @param unsealedBeforeVerify transactions committed but not yet linked into the hash chain
   *                             when the run had ended (verify() links them)
   */
  record Check(boolean ok, String problems, long transactions, long verifyNanos, int unsealedBeforeVerify,
      double openLotsPerWallet, int maxOpenLots) {
    String describe() {
      return String.format("%s; %,d transactions, chain verified in %,d ms; %d left unsealed at the end; "
              + "open lots per wallet %.1f (max %d)",
          ok ? "checks ok (balanced, lots = balances, harness view = ledger)" : "CHECKS FAILED: " + problems,
          transactions, verifyNanos / 1_000_000, unsealedBeforeVerify, openLotsPerWallet, maxOpenLots);
    }
  }
}
