package dev.loyalty.ledger.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountConflictException;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.AuditReport;
import dev.loyalty.ledger.AuditFinding;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.AlreadyReversedException;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.BalanceOverflowException;
import dev.loyalty.ledger.ChainVerification;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.ExpiringPoints;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.ExpiryRequest;
import dev.loyalty.ledger.HistoryPage;
import dev.loyalty.ledger.HoldAlreadyResolvedException;
import dev.loyalty.ledger.HoldAmountExceededException;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.HoldTimedOutException;
import dev.loyalty.ledger.IdempotencyConflictException;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.KeyOutcome;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.InvalidCommandException;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.LedgerException;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.NotReversibleException;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.RejectionCode;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.ShortfallPolicy;
import dev.loyalty.ledger.Statement;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransactionType;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.UnknownAccountException;
import dev.loyalty.ledger.UnknownHoldException;
import dev.loyalty.ledger.UnknownTransactionException;
import dev.loyalty.ledger.VoidHoldRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LedgerStore} must show through a {@link Ledger}. A store's test
 * extends this class and supplies {@link #createStore()} (a new, empty store per test) and
 * {@link #tamper} (how to alter a stored transaction behind the ledger's back).
 *
 * <p>Published in this module's test-jar so that a host can run it against its own store.
 */
public abstract class LedgerStoreContract {

  /** A new, empty store. Called once per test. */
  protected abstract LedgerStore createStore();

  /** Replaces the stored transaction {@code id} by {@code change.apply(it)}, bypassing the ledger. */
  protected abstract void tamper(LedgerStore store, TransactionId id, UnaryOperator<Transaction> change);

  /** Applies {@code tampering} to the store behind the ledger's back, with the store's own means. */
  protected abstract void tamper(LedgerStore store, Tampering tampering);

  protected static final AccountId ISSUANCE = AccountId.of("system:issuance");
  protected static final AccountId CLEARING = AccountId.of("system:clearing");
  protected static final AccountId BREAKAGE = AccountId.of("system:breakage");
  protected static final AccountId CLAWBACK = AccountId.of("system:clawback");
  protected static final AccountId BUDGET = AccountId.of("budget:campaign");
  protected static final AccountId DEALER = AccountId.of("wallet:dealer");
  protected static final AccountId REP = AccountId.of("wallet:rep");

  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  protected static final Instant JUNE = Instant.parse("2026-06-30T00:00:00Z");
  protected static final Instant DECEMBER = Instant.parse("2026-12-31T00:00:00Z");

  protected TestClock clock;
  protected LedgerStore store;
  protected Ledger ledger;
  private int keys;

  @BeforeEach
  void setUpLedger() {
    clock = new TestClock(T0);
    store = createStore();
    ledger = Ledger.using(store, clock);
    for (AccountId id : List.of(ISSUANCE, CLEARING, BREAKAGE, CLAWBACK)) {
      ledger.openAccount(id, AccountType.SYSTEM);
    }
    ledger.openAccount(BUDGET, AccountType.BUDGET);
    ledger.openAccount(DEALER, AccountType.WALLET);
    ledger.openAccount(REP, AccountType.WALLET);
  }

  protected IdempotencyKey key() {
    return IdempotencyKey.of("k" + (++keys));
  }

  protected Transaction earn(AccountId wallet, long points, Instant expiry) {
    return ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(ISSUANCE, points),
        Entry.credit(wallet, points, Expiry.at(expiry))));
  }

  protected Transaction spend(AccountId wallet, long points) {
    return ledger.transfer(TransferRequest.of(key(), "spend", Entry.debit(wallet, points), Entry.credit(CLEARING, points)));
  }

  protected long posted(AccountId id) {
    return ledger.balance(id).posted();
  }

  protected long available(AccountId id) {
    return ledger.balance(id).available();
  }

  /**
   * Each account's balance and debt: what a command that is undone restores (its lifetime totals
   * and last credit time keep what happened).
   */
  protected static List<Object> balancesAndDebts(List<AccountState> states) {
    return states.stream().<Object>map(s -> List.of(s.balance(), s.debt())).toList();
  }

  /** Asserts that {@code action} is refused with {@code type} and changes nothing at all. */
  protected void assertRefusedUnchanged(ThrowingCallable action, Class<? extends Throwable> type, String... messageParts) {
    LedgerSnapshot before = LedgerSnapshot.of(store);
    var thrown = assertThatThrownBy(action).isInstanceOf(type);
    for (String part : messageParts) {
      thrown.hasMessageContaining(part);
    }
    assertThat(LedgerSnapshot.of(store)).isEqualTo(before);
  }

  @Nested
  class Accounts {
    @Test
    void openAccount_isIdempotentForTheSameType() {
      var again = ledger.openAccount(DEALER, AccountType.WALLET);
      assertThat(again.type()).isEqualTo(AccountType.WALLET);
      assertThat(ledger.accounts()).hasSize(7);
    }

    @Test
    void openAccount_refusesAnotherType() {
      assertRefusedUnchanged(() -> ledger.openAccount(DEALER, AccountType.SYSTEM), AccountConflictException.class,
          "wallet:dealer", "WALLET", "SYSTEM");
    }

    @Test
    void balance_ofUnknownAccountIsAnError() {
      assertThatThrownBy(() -> ledger.balance(AccountId.of("nobody"))).isInstanceOf(UnknownAccountException.class)
          .hasMessageContaining("nobody");
    }
  }

  @Nested
  class Transfers {
    @Test
    void transfer_movesPointsAndCreatesALotWithTheGivenExpiry() {
      Transaction tx = earn(DEALER, 1_000, JUNE);
      assertThat(tx.type()).isEqualTo(TransactionType.TRANSFER);
      assertThat(tx.postings()).containsExactly(new Posting(ISSUANCE, -1_000), new Posting(DEALER, 1_000));
      assertThat(posted(DEALER)).isEqualTo(1_000);
      assertThat(posted(ISSUANCE)).isEqualTo(-1_000);
      List<Lot> lots = ledger.lots(DEALER, false);
      assertThat(lots).singleElement().satisfies(lot -> {
        assertThat(lot.original()).isEqualTo(1_000);
        assertThat(lot.remaining()).isEqualTo(1_000);
        assertThat(lot.expiresAt()).contains(JUNE);
      });
      assertThat(ledger.trialBalance().isBalanced()).isTrue();
    }

    @Test
    void transfer_recordsReasonMetadataAndTimes() {
      clock.advance(Duration.ofHours(5));
      Transaction tx = ledger.transfer(TransferRequest.of(key(), "invoice", Entry.debit(ISSUANCE, 5), Entry.credit(DEALER, 5))
          .withMetadata(Map.of("invoice", "INV-1")).effectiveAt(T0.plusSeconds(60)));
      assertThat(tx.reason()).isEqualTo("invoice");
      assertThat(tx.metadata()).containsEntry("invoice", "INV-1");
      assertThat(tx.effectiveAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(tx.recordedAt()).isEqualTo(clock.instant());
      assertThat(ledger.findTransaction(tx.id())).contains(tx);
    }

    @Test
    void transfer_refusesAnUnknownAccountAndChangesNothing() {
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(ISSUANCE, 5),
          Entry.credit(AccountId.of("wallet:ghost"), 5))), UnknownAccountException.class, "wallet:ghost");
    }

    @Test
    void transfer_refusesAnOverdraftOfAWalletAndChangesNothing() {
      earn(DEALER, 100, JUNE);
      assertRefusedUnchanged(() -> spend(DEALER, 101), InsufficientBalanceException.class, "wallet:dealer", "100", "101");
    }

    @Test
    void budget_capHoldsAndAnExhaustedBudgetRefuses() {
      ledger.transfer(TransferRequest.of(key(), "fund", Entry.debit(ISSUANCE, 300), Entry.credit(BUDGET, 300)));
      ledger.transfer(TransferRequest.of(key(), "award", Entry.debit(BUDGET, 200), Entry.credit(DEALER, 200, Expiry.at(JUNE))));
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "award", Entry.debit(BUDGET, 101),
          Entry.credit(DEALER, 101, Expiry.at(JUNE)))), InsufficientBalanceException.class, "budget:campaign", "100");
      assertThat(available(BUDGET)).isEqualTo(100);
    }

    @Test
    void transfer_systemAccountsMayGoNegative() {
      earn(DEALER, 10, JUNE);
      assertThat(posted(ISSUANCE)).isEqualTo(-10);
    }

    @Test
    void spending_takesTheSoonestExpiringLotFirstThenTheOldest() {
      earn(DEALER, 100, DECEMBER);
      earn(DEALER, 100, JUNE);
      ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(ISSUANCE, 100), Entry.credit(DEALER, 100)));
      earn(DEALER, 100, JUNE);
      Transaction tx = spend(DEALER, 250);
      List<Lot> lots = ledger.lots(DEALER, false);
      // JUNE lots (oldest first) are gone, then 50 of DECEMBER; the never-expiring lot is untouched.
      assertThat(lots).extracting(Lot::remaining).containsExactly(50L, 100L);
      assertThat(lots).extracting(Lot::expiresAt).containsExactly(Optional.of(DECEMBER), Optional.empty());
      assertThat(tx.lotMovements()).extracting(m -> m.amount()).containsExactly(-100L, -100L, -50L);
    }

    @Test
    void transfer_withCarriedExpiryKeepsTheLotsDates() {
      earn(DEALER, 100, JUNE);
      earn(DEALER, 100, DECEMBER);
      ledger.transfer(TransferRequest.of(key(), "share", Entry.debit(DEALER, 150), Entry.credit(REP, 150, Expiry.carried())));
      assertThat(ledger.lots(REP, false)).extracting(Lot::remaining, Lot::expiresAt)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(100L, Optional.of(JUNE)),
              org.assertj.core.groups.Tuple.tuple(50L, Optional.of(DECEMBER)));
    }

    @Test
    void transfer_carriedExpiryWithoutWalletLotsIsRefused() {
      ledger.transfer(TransferRequest.of(key(), "fund", Entry.debit(ISSUANCE, 300), Entry.credit(BUDGET, 300)));
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "award", Entry.debit(BUDGET, 100),
          Entry.credit(DEALER, 100, Expiry.carried()))), InvalidCommandException.class, "carries expiry");
    }

    @Test
    void transfer_refusesAnExpiryForAnAccountWithoutLots() {
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "fund", Entry.debit(ISSUANCE, 300),
          Entry.credit(BUDGET, 300, Expiry.at(JUNE)))), InvalidCommandException.class, "budget:campaign", "keeps no lots");
    }

    @Test
    void transfer_refusesAnEffectiveTimeInTheFuture() {
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(ISSUANCE, 5),
          Entry.credit(DEALER, 5)).effectiveAt(T0.plusSeconds(1))), InvalidCommandException.class, "future");
    }

    @Test
    void transfer_refusesABalanceOverflow() {
      earn(DEALER, Long.MAX_VALUE, JUNE);
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(CLAWBACK, 1),
          Entry.credit(DEALER, 1))), BalanceOverflowException.class, "wallet:dealer");
    }
  }

  @Nested
  class Holds {
    @Test
    void hold_reservesSoonestLotsAsAPendingDebitThatIsNotAvailable() {
      earn(DEALER, 100, DECEMBER);
      earn(DEALER, 100, JUNE);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 150, "redeem"));
      assertThat(ledger.balance(DEALER)).isEqualTo(new Balance(DEALER, 200, 150, 0));
      assertThat(ledger.balance(CLEARING)).isEqualTo(new Balance(CLEARING, 0, 0, 150));
      assertThat(available(DEALER)).isEqualTo(50);
      assertThat(ledger.lots(DEALER, false)).extracting(Lot::held).containsExactly(100L, 50L);
      assertThat(ledger.findHold(hold).orElseThrow().status()).isEqualTo(HoldStatus.OPEN);
      assertThat(ledger.openHolds(DEALER)).hasSize(1);
      assertRefusedUnchanged(() -> spend(DEALER, 51), InsufficientBalanceException.class);
    }

    @Test
    void pendingCredit_isVisibleButNotSpendable() {
      HoldId claim = ledger.hold(HoldRequest.of(key(), ISSUANCE, DEALER, 500, "claim-review").withToExpiry(Expiry.at(JUNE)));
      assertThat(ledger.balance(DEALER)).isEqualTo(new Balance(DEALER, 0, 0, 500));
      assertRefusedUnchanged(() -> spend(DEALER, 1), InsufficientBalanceException.class);
      ledger.postHold(PostHoldRequest.partial(key(), claim, 400, "claim-approved"));
      assertThat(ledger.balance(DEALER)).isEqualTo(new Balance(DEALER, 400, 0, 0));
      assertThat(ledger.lots(DEALER, false)).singleElement().satisfies(l -> assertThat(l.expiresAt()).contains(JUNE));
    }

    @Test
    void postHold_fullMovesTheHeldPointsFromTheReservedLots() {
      earn(DEALER, 100, DECEMBER);
      earn(DEALER, 100, JUNE);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 150, "redeem"));
      earn(DEALER, 100, Instant.parse("2026-03-01T00:00:00Z")); // sooner than both, but not reserved
      Transaction post = ledger.postHold(PostHoldRequest.full(key(), hold, "shipped"));
      assertThat(post.postings()).containsExactly(new Posting(DEALER, -150), new Posting(CLEARING, 150));
      assertThat(ledger.balance(DEALER)).isEqualTo(new Balance(DEALER, 150, 0, 0));
      assertThat(ledger.lots(DEALER, false)).extracting(Lot::remaining, Lot::held).containsExactly(
          org.assertj.core.groups.Tuple.tuple(100L, 0L), org.assertj.core.groups.Tuple.tuple(50L, 0L));
      assertThat(ledger.findHold(hold).orElseThrow().status()).isEqualTo(HoldStatus.POSTED);
    }

    @Test
    void postHold_partialPostsLessAndReleasesTheRest() {
      earn(DEALER, 200, JUNE);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 150, "redeem"));
      ledger.postHold(PostHoldRequest.partial(key(), hold, 60, "partly shipped"));
      assertThat(ledger.balance(DEALER)).isEqualTo(new Balance(DEALER, 140, 0, 0));
      assertThat(ledger.balance(CLEARING)).isEqualTo(new Balance(CLEARING, 60, 0, 0));
      assertThat(ledger.findHold(hold).orElseThrow().postedAmount()).isEqualTo(60);
    }

    @Test
    void postHold_refusesMoreThanHeld() {
      earn(DEALER, 200, JUNE);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 150, "redeem"));
      assertRefusedUnchanged(() -> ledger.postHold(PostHoldRequest.partial(key(), hold, 151, "x")),
          HoldAmountExceededException.class, "151", "150");
    }

    @Test
    void voidHold_restoresTheExactBalanceFromBeforeTheHold() {
      earn(DEALER, 100, DECEMBER);
      earn(DEALER, 100, JUNE);
      LedgerSnapshot before = LedgerSnapshot.of(store);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 150, "redeem"));
      ledger.voidHold(VoidHoldRequest.of(key(), hold, "cancelled"));
      assertThat(balancesAndDebts(store.accountStates())).isEqualTo(balancesAndDebts(before.accounts()));
      assertThat(ledger.lots(DEALER, true)).isEqualTo(before.lots().get(DEALER));
      assertThat(ledger.findHold(hold).orElseThrow().status()).isEqualTo(HoldStatus.VOIDED);
    }

    @Test
    void aHoldResolvesAtMostOnce() {
      earn(DEALER, 200, JUNE);
      HoldId posted = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 50, "redeem"));
      ledger.postHold(PostHoldRequest.full(key(), posted, "shipped"));
      assertRefusedUnchanged(() -> ledger.postHold(PostHoldRequest.full(key(), posted, "again")),
          HoldAlreadyResolvedException.class, posted.toString(), "POSTED");
      assertRefusedUnchanged(() -> ledger.voidHold(VoidHoldRequest.of(key(), posted, "late cancel")),
          HoldAlreadyResolvedException.class);
      HoldId voided = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 50, "redeem"));
      ledger.voidHold(VoidHoldRequest.of(key(), voided, "cancelled"));
      assertRefusedUnchanged(() -> ledger.postHold(PostHoldRequest.full(key(), voided, "ship anyway")),
          HoldAlreadyResolvedException.class, "VOIDED");
    }

    @Test
    void hold_refusesAnOverdraftAndAnUnknownHoldIsAnError() {
      earn(DEALER, 10, JUNE);
      assertRefusedUnchanged(() -> ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 11, "redeem")),
          InsufficientBalanceException.class, "10", "11");
      assertRefusedUnchanged(() -> ledger.postHold(PostHoldRequest.full(key(), HoldId.of(999), "x")),
          UnknownHoldException.class, "H999");
    }

    @Test
    void aTimedOutHoldCannotBePostedAndTheSweepVoidsIt() {
      earn(DEALER, 100, JUNE);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 80, "redeem").timeoutAt(T0.plus(Duration.ofDays(1))));
      clock.advance(Duration.ofDays(1));
      assertRefusedUnchanged(() -> ledger.postHold(PostHoldRequest.full(key(), hold, "too late")),
          HoldTimedOutException.class, hold.toString());
      List<Transaction> voided = ledger.voidTimedOutHolds().voided();
      assertThat(voided).singleElement().satisfies(tx -> assertThat(tx.type()).isEqualTo(TransactionType.HOLD_VOID));
      assertThat(available(DEALER)).isEqualTo(100);
      assertThat(ledger.voidTimedOutHolds().voided()).isEmpty();
    }

    @Test
    void hold_refusesATimeoutThatIsAlreadyPast() {
      earn(DEALER, 100, JUNE);
      assertRefusedUnchanged(() -> ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 80, "redeem").timeoutAt(T0)),
          InvalidCommandException.class, "time out");
    }

    @Test
    void hold_fromABudgetReservesTheCap() {
      ledger.transfer(TransferRequest.of(key(), "fund", Entry.debit(ISSUANCE, 100), Entry.credit(BUDGET, 100)));
      ledger.hold(HoldRequest.of(key(), BUDGET, DEALER, 70, "claim").withToExpiry(Expiry.at(JUNE)));
      assertRefusedUnchanged(() -> ledger.hold(HoldRequest.of(key(), BUDGET, REP, 31, "claim")),
          InsufficientBalanceException.class, "budget:campaign");
    }

    @Test
    void postHold_withCarriedExpiryKeepsTheReservedLotsDates() {
      earn(DEALER, 100, JUNE);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, REP, 40, "share").withToExpiry(Expiry.carried()));
      ledger.postHold(PostHoldRequest.full(key(), hold, "approved"));
      assertThat(ledger.lots(REP, false)).singleElement().satisfies(l -> assertThat(l.expiresAt()).contains(JUNE));
    }
  }

  @Nested
  class ExpiryRuns {
    @Test
    void expire_movesTheUnheldRemainderOfExpiredLotsToBreakage() {
      earn(DEALER, 100, JUNE);
      earn(DEALER, 100, DECEMBER);
      earn(REP, 30, JUNE);
      spend(DEALER, 40);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 20, "redeem"));
      clock.set(JUNE.plusSeconds(1));
      assertThat(ledger.expiringBy(JUNE)).containsExactly(new ExpiringPoints(DEALER, 40, JUNE),
          new ExpiringPoints(REP, 30, JUNE));
      Transaction tx = ledger.expire(ExpiryRequest.of(key(), BREAKAGE, JUNE)).orElseThrow();
      assertThat(tx.postings()).containsExactlyInAnyOrder(new Posting(DEALER, -40), new Posting(REP, -30),
          new Posting(BREAKAGE, 70));
      // the held 20 of the June lot stays until the hold resolves; the December lot is untouched
      assertThat(ledger.lots(DEALER, false)).extracting(Lot::remaining, Lot::held).containsExactly(
          org.assertj.core.groups.Tuple.tuple(20L, 20L), org.assertj.core.groups.Tuple.tuple(100L, 0L));
      assertThat(ledger.expire(ExpiryRequest.of(key(), BREAKAGE, JUNE))).isEmpty();
      ledger.voidHold(VoidHoldRequest.of(key(), hold, "cancelled"));
      assertThat(ledger.expire(ExpiryRequest.of(key(), BREAKAGE, JUNE)).orElseThrow().postings())
          .contains(new Posting(DEALER, -20));
      assertThat(posted(DEALER)).isEqualTo(100);
    }

    @Test
    void expire_refusesAFutureAsOfAndAWalletAsBreakage() {
      earn(DEALER, 100, JUNE);
      assertRefusedUnchanged(() -> ledger.expire(ExpiryRequest.of(key(), BREAKAGE, JUNE)), InvalidCommandException.class,
          "future");
      clock.set(JUNE);
      assertRefusedUnchanged(() -> ledger.expire(ExpiryRequest.of(key(), REP, JUNE)), InvalidCommandException.class,
          "WALLET");
    }
  }

  @Nested
  class Reversals {
    @Test
    void reversingAnEarnWithNoSpendRestoresTheWallet() {
      LedgerSnapshot before = LedgerSnapshot.of(store);
      Transaction earn = earn(DEALER, 100, JUNE);
      Transaction reversal = ledger.reverse(ReversalRequest.of(key(), earn.id(), "return"));
      assertThat(reversal.reverses()).contains(earn.id());
      assertThat(reversal.postings()).containsExactlyInAnyOrder(new Posting(DEALER, -100), new Posting(ISSUANCE, 100));
      assertThat(balancesAndDebts(store.accountStates())).isEqualTo(balancesAndDebts(before.accounts()));
      assertThat(ledger.lots(DEALER, false)).isEmpty();
    }

    @Test
    void aTransactionIsReversedAtMostOnce() {
      Transaction earn = earn(DEALER, 100, JUNE);
      Transaction reversal = ledger.reverse(ReversalRequest.of(key(), earn.id(), "return"));
      assertRefusedUnchanged(() -> ledger.reverse(ReversalRequest.of(key(), earn.id(), "return")),
          AlreadyReversedException.class, earn.id().toString(), reversal.id().toString());
    }

    @Test
    void onlyTransfersAndPostedHoldsAreReversible() {
      earn(DEALER, 100, JUNE);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 10, "redeem"));
      assertRefusedUnchanged(() -> ledger.reverse(ReversalRequest.of(key(), hold.transaction(), "x")),
          NotReversibleException.class, "HOLD");
      assertRefusedUnchanged(() -> ledger.reverse(ReversalRequest.of(key(), TransactionId.of(999), "x")),
          UnknownTransactionException.class, "T999");
      Transaction post = ledger.postHold(PostHoldRequest.full(key(), hold, "shipped"));
      ledger.reverse(ReversalRequest.of(key(), post.id(), "refund"));
      assertThat(posted(DEALER)).isEqualTo(100);
    }

    @Test
    void reversal_takesTheOriginalsLotsFirstThenSoonestOthers() {
      earn(DEALER, 100, JUNE);
      Transaction december = earn(DEALER, 100, DECEMBER);
      ledger.reverse(ReversalRequest.of(key(), december.id(), "return"));
      assertThat(ledger.lots(DEALER, false)).singleElement().satisfies(l -> assertThat(l.expiresAt()).contains(JUNE));

      Transaction again = earn(DEALER, 100, DECEMBER);
      spend(DEALER, 150); // June lot gone, 50 left of December
      ledger.reverse(ReversalRequest.of(key(), again.id(), "return").withPolicy(ShortfallPolicy.bookTo(CLAWBACK)));
      assertThat(posted(DEALER)).isZero();
      assertThat(posted(CLAWBACK)).isEqualTo(-50);
    }

    @Test
    void reversal_refusesAShortfallByDefault() {
      Transaction earn = earn(DEALER, 100, JUNE);
      spend(DEALER, 70);
      assertRefusedUnchanged(() -> ledger.reverse(ReversalRequest.of(key(), earn.id(), "return")),
          InsufficientBalanceException.class, "wallet:dealer", "30 available", "70 missing");
    }

    @Test
    void reversal_mayLeaveAWalletNegativeWhenAskedAndLaterCreditsRepayTheDebt() {
      Transaction earn = earn(DEALER, 100, JUNE);
      spend(DEALER, 70);
      ledger.reverse(ReversalRequest.of(key(), earn.id(), "fraud").withPolicy(ShortfallPolicy.allowNegative()));
      assertThat(ledger.balance(DEALER)).isEqualTo(new Balance(DEALER, -70, 0, 0));
      assertThat(store.accountState(DEALER).orElseThrow().debt()).isEqualTo(70);
      assertRefusedUnchanged(() -> spend(DEALER, 1), InsufficientBalanceException.class);
      earn(DEALER, 100, DECEMBER);
      assertThat(ledger.balance(DEALER).posted()).isEqualTo(30);
      assertThat(ledger.lots(DEALER, false)).singleElement().satisfies(l -> assertThat(l.remaining()).isEqualTo(30));
    }

    @Test
    void aWalletInDebtRepaysItWithPointsAHoldReleases() {
      Transaction earn = earn(DEALER, 100, JUNE);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 60, "redeem"));
      spend(DEALER, 40);
      ledger.reverse(ReversalRequest.of(key(), earn.id(), "fraud").withPolicy(ShortfallPolicy.allowNegative()));
      assertThat(ledger.balance(DEALER)).isEqualTo(new Balance(DEALER, -40, 60, 0));
      assertThat(store.accountState(DEALER).orElseThrow().debt()).isEqualTo(100);
      Transaction voided = ledger.voidHold(VoidHoldRequest.of(key(), hold, "cancelled"));
      // the 60 released points pay off part of the debt instead of becoming spendable or expirable
      assertThat(voided.lotMovements()).singleElement().satisfies(m -> assertThat(m.amount()).isEqualTo(-60));
      assertThat(store.accountState(DEALER).orElseThrow().debt()).isEqualTo(40);
      assertThat(ledger.balance(DEALER)).isEqualTo(new Balance(DEALER, -40, 0, 0));
      assertThat(ledger.lots(DEALER, false)).isEmpty();
      clock.set(JUNE);
      assertThat(ledger.expire(ExpiryRequest.of(key(), BREAKAGE, JUNE))).isEmpty();
    }

    @Test
    void reversal_ofASpendRefundsWithTheSpentLotsDates() {
      earn(DEALER, 100, JUNE);
      Transaction spend = spend(DEALER, 60);
      ledger.reverse(ReversalRequest.of(key(), spend.id(), "refund"));
      assertThat(ledger.lots(DEALER, false)).extracting(Lot::remaining, Lot::expiresAt).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple(40L, Optional.of(JUNE)),
          org.assertj.core.groups.Tuple.tuple(60L, Optional.of(JUNE)));
    }

    @Test
    void reversal_refusesABoundedClawbackAccount() {
      Transaction earn = earn(DEALER, 100, JUNE);
      spend(DEALER, 70);
      assertRefusedUnchanged(() -> ledger.reverse(ReversalRequest.of(key(), earn.id(), "x")
          .withPolicy(ShortfallPolicy.bookTo(BUDGET))), InvalidCommandException.class, "SYSTEM");
    }
  }

  @Nested
  class PartialReversals {
    private ReversalRequest partial(TransactionId original, AccountId a, long x, AccountId b, long y) {
      return ReversalRequest.partial(key(), original, Map.of(a, x, b, y), "return");
    }

    @Test
    void partial_takesBackThePartFromTheOriginalsLotsAndRecordsWhatItTookBack() {
      earn(DEALER, 100, JUNE); // sooner, but not the original's
      Transaction invoice = earn(DEALER, 1_000, DECEMBER);
      Transaction reversal = ledger.reverse(partial(invoice.id(), DEALER, -400, ISSUANCE, 400));
      assertThat(reversal.type()).isEqualTo(TransactionType.REVERSAL);
      assertThat(reversal.reverses()).contains(invoice.id());
      assertThat(reversal.postings()).containsExactlyInAnyOrder(new Posting(DEALER, -400), new Posting(ISSUANCE, 400));
      assertThat(reversal.reversedPostings()).containsExactly(new Posting(ISSUANCE, 400), new Posting(DEALER, -400));
      assertThat(ledger.lots(DEALER, false)).extracting(Lot::remaining, Lot::expiresAt).containsExactly(
          org.assertj.core.groups.Tuple.tuple(100L, Optional.of(JUNE)),
          org.assertj.core.groups.Tuple.tuple(600L, Optional.of(DECEMBER)));
      assertThat(ledger.reversalsOf(invoice.id())).containsExactly(reversal);
      assertThat(ledger.reversible(invoice.id())).containsExactly(Map.entry(ISSUANCE, 600L), Map.entry(DEALER, -600L));
      assertThat(ledger.findTransaction(reversal.id())).contains(reversal);
      assertThat(ledger.trialBalance().isBalanced()).isTrue();
    }

    @Test
    void partialsThenAFullReversalTakeBackExactlyTheOriginal() {
      earn(DEALER, 50, JUNE);
      LedgerSnapshot before = LedgerSnapshot.of(store);
      Transaction invoice = earn(DEALER, 1_000, DECEMBER);
      Transaction first = ledger.reverse(partial(invoice.id(), DEALER, -300, ISSUANCE, 300));
      Transaction second = ledger.reverse(partial(invoice.id(), DEALER, -200, ISSUANCE, 200));
      Transaction rest = ledger.reverse(ReversalRequest.of(key(), invoice.id(), "return the rest"));
      assertThat(rest.postings()).containsExactlyInAnyOrder(new Posting(DEALER, -500), new Posting(ISSUANCE, 500));
      assertThat(balancesAndDebts(store.accountStates())).isEqualTo(balancesAndDebts(before.accounts()));
      assertThat(ledger.lots(DEALER, false)).isEqualTo(before.lots().get(DEALER));
      assertThat(ledger.reversalsOf(invoice.id())).containsExactly(first, second, rest);
      assertThat(ledger.reversible(invoice.id())).isEmpty();
      assertRefusedUnchanged(() -> ledger.reverse(ReversalRequest.of(key(), invoice.id(), "again")),
          AlreadyReversedException.class, invoice.id().toString(), first.id().toString(), second.id().toString(),
          rest.id().toString());
      assertRefusedUnchanged(() -> ledger.reverse(partial(invoice.id(), DEALER, -1, ISSUANCE, 1)),
          AlreadyReversedException.class, invoice.id().toString());
    }

    @Test
    void partial_refusesTakingBackMoreThanIsLeftOnAnAccount() {
      Transaction invoice = earn(DEALER, 100, JUNE);
      Transaction first = ledger.reverse(partial(invoice.id(), DEALER, -60, ISSUANCE, 60));
      assertRefusedUnchanged(() -> ledger.reverse(partial(invoice.id(), DEALER, -50, ISSUANCE, 50)),
          InvalidCommandException.class, "50 on wallet:dealer, where only 40 of the original's 100 is left (60 reversed)",
          "50 on system:issuance", "earlier reversals: " + first.id());
      ledger.reverse(partial(invoice.id(), DEALER, -40, ISSUANCE, 40));
      assertThat(posted(DEALER)).isZero();
    }

    @Test
    void partial_refusesAnAccountTheOriginalDidNotPostToOrAPostingOfTheSameSign() {
      Transaction invoice = earn(DEALER, 100, JUNE);
      assertRefusedUnchanged(() -> ledger.reverse(partial(invoice.id(), REP, -10, ISSUANCE, 10)),
          InvalidCommandException.class, "wallet:rep", "posted nothing");
      assertRefusedUnchanged(() -> ledger.reverse(partial(invoice.id(), DEALER, 10, ISSUANCE, -10)),
          InvalidCommandException.class, "wallet:dealer", "opposite sign", "100");
      assertThatThrownBy(() -> ReversalRequest.partial(key(), invoice.id(), Map.of(DEALER, -10L, ISSUANCE, 9L), "x"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to -1");
      assertThatThrownBy(() -> ReversalRequest.partial(key(), invoice.id(), Map.of(), "x"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no postings");
    }

    @Test
    void partialRefundsOfASpendGiveBackTheSpentLotsDatesInTheOriginalsOrder() {
      earn(DEALER, 60, JUNE);
      earn(DEALER, 100, DECEMBER);
      Transaction spend = spend(DEALER, 100); // 60 of June, then 40 of December
      ledger.reverse(partial(spend.id(), CLEARING, -50, DEALER, 50));
      ledger.reverse(partial(spend.id(), CLEARING, -30, DEALER, 30));
      ledger.reverse(ReversalRequest.of(key(), spend.id(), "refund the rest"));
      assertThat(ledger.lots(DEALER, false)).extracting(Lot::remaining, Lot::expiresAt).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple(50L, Optional.of(JUNE)),
          org.assertj.core.groups.Tuple.tuple(10L, Optional.of(JUNE)),
          org.assertj.core.groups.Tuple.tuple(20L, Optional.of(DECEMBER)),
          org.assertj.core.groups.Tuple.tuple(60L, Optional.of(DECEMBER)),
          org.assertj.core.groups.Tuple.tuple(20L, Optional.of(DECEMBER)));
      assertThat(posted(DEALER)).isEqualTo(160);
      assertThat(posted(CLEARING)).isZero();
    }

    @Test
    void partialRefundOfAPostedRedemptionGivesBackTheReservedLotsDates() {
      earn(DEALER, 100, JUNE);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 80, "redeem"));
      Transaction post = ledger.postHold(PostHoldRequest.full(key(), hold, "shipped"));
      ledger.reverse(partial(post.id(), CLEARING, -30, DEALER, 30));
      assertThat(ledger.balance(DEALER)).isEqualTo(new Balance(DEALER, 50, 0, 0));
      assertThat(ledger.lots(DEALER, false)).extracting(Lot::remaining, Lot::expiresAt).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple(20L, Optional.of(JUNE)),
          org.assertj.core.groups.Tuple.tuple(30L, Optional.of(JUNE)));
      assertThat(ledger.reversible(post.id())).containsExactly(Map.entry(DEALER, 50L), Map.entry(CLEARING, -50L));
    }

    @Test
    void partial_shortfallFollowsThePolicyAndABookedShortfallCountsAsTakenBack() {
      Transaction invoice = earn(DEALER, 100, JUNE);
      spend(DEALER, 80);
      assertRefusedUnchanged(() -> ledger.reverse(partial(invoice.id(), DEALER, -50, ISSUANCE, 50)),
          InsufficientBalanceException.class, "wallet:dealer", "20 available", "30 missing");
      Transaction booked = ledger.reverse(partial(invoice.id(), DEALER, -50, ISSUANCE, 50)
          .withPolicy(ShortfallPolicy.bookTo(CLAWBACK)));
      assertThat(booked.postings()).containsExactlyInAnyOrder(new Posting(DEALER, -20), new Posting(CLAWBACK, -30),
          new Posting(ISSUANCE, 50));
      assertThat(booked.reversedPostings()).containsExactly(new Posting(ISSUANCE, 50), new Posting(DEALER, -50));
      assertThat(ledger.reversible(invoice.id())).containsExactly(Map.entry(ISSUANCE, 50L), Map.entry(DEALER, -50L));
      Transaction negative = ledger.reverse(ReversalRequest.of(key(), invoice.id(), "fraud")
          .withPolicy(ShortfallPolicy.allowNegative()));
      assertThat(negative.postings()).containsExactlyInAnyOrder(new Posting(DEALER, -50), new Posting(ISSUANCE, 50));
      assertThat(ledger.balance(DEALER).posted()).isEqualTo(-50);
      assertThat(posted(ISSUANCE)).isZero();
      assertThat(ledger.reversible(invoice.id())).isEmpty();
    }

    @Test
    void partial_ofATransferWithManyAccountsReversesEachAccountOnItsOwn() {
      ledger.transfer(TransferRequest.of(key(), "fund", Entry.debit(ISSUANCE, 1_000), Entry.credit(BUDGET, 1_000)));
      Transaction award = ledger.transfer(TransferRequest.of(key(), "award", Entry.debit(BUDGET, 300),
          Entry.credit(DEALER, 200, Expiry.at(JUNE)), Entry.credit(REP, 100, Expiry.at(JUNE))));
      ledger.reverse(ReversalRequest.partial(key(), award.id(), Map.of(BUDGET, 60L, DEALER, -40L, REP, -20L), "part"));
      ledger.reverse(partial(award.id(), BUDGET, 80, REP, -80));
      assertThat(ledger.reversible(award.id())).containsExactly(Map.entry(BUDGET, 160L), Map.entry(DEALER, -160L));
      assertRefusedUnchanged(() -> ledger.reverse(partial(award.id(), BUDGET, 1, REP, -1)),
          InvalidCommandException.class, "wallet:rep", "only 0");
      ledger.reverse(ReversalRequest.of(key(), award.id(), "rest"));
      assertThat(posted(DEALER)).isZero();
      assertThat(posted(REP)).isZero();
      assertThat(posted(BUDGET)).isEqualTo(1_000);
    }

    @Test
    void partial_replaysUnderItsKeyAndConflictsWithADifferentRequest() {
      Transaction invoice = earn(DEALER, 100, JUNE);
      ReversalRequest request = ReversalRequest.partial(IdempotencyKey.of("ret-1"), invoice.id(),
          Map.of(DEALER, -30L, ISSUANCE, 30L), "return");
      Transaction first = ledger.reverse(request);
      LedgerSnapshot after = LedgerSnapshot.of(store);
      assertThat(ledger.reverse(request)).isEqualTo(first);
      assertThat(LedgerSnapshot.of(store)).isEqualTo(after);
      assertRefusedUnchanged(() -> ledger.reverse(ReversalRequest.partial(IdempotencyKey.of("ret-1"), invoice.id(),
          Map.of(DEALER, -31L, ISSUANCE, 31L), "return")), IdempotencyConflictException.class, "ret-1");
      assertRefusedUnchanged(() -> ledger.reverse(ReversalRequest.of(IdempotencyKey.of("ret-1"), invoice.id(),
          "return")), IdempotencyConflictException.class, "ret-1");
    }

    @Test
    void partial_ofAnUnknownOrUnreversibleTransactionIsRefused() {
      earn(DEALER, 100, JUNE);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 10, "redeem"));
      assertRefusedUnchanged(() -> ledger.reverse(partial(hold.transaction(), DEALER, 5, CLEARING, -5)),
          NotReversibleException.class, "HOLD");
      assertRefusedUnchanged(() -> ledger.reverse(partial(TransactionId.of(999), DEALER, -5, ISSUANCE, 5)),
          UnknownTransactionException.class, "T999");
      assertThatThrownBy(() -> ledger.reversible(hold.transaction())).isInstanceOf(NotReversibleException.class);
      assertThatThrownBy(() -> ledger.reversible(TransactionId.of(999))).isInstanceOf(UnknownTransactionException.class);
    }

    @Test
    void executeAll_ofPartialReversalsEqualsExecutingThemOneByOne() {
      Transaction invoice = earn(DEALER, 100, JUNE);
      Transaction spend = spend(DEALER, 30);
      List<dev.loyalty.ledger.LedgerCommand> batch = List.of(
          ReversalRequest.partial(IdempotencyKey.of("p1"), invoice.id(), Map.of(DEALER, -40L, ISSUANCE, 40L), "r"),
          ReversalRequest.partial(IdempotencyKey.of("p2"), spend.id(), Map.of(CLEARING, -10L, DEALER, 10L), "r"),
          ReversalRequest.partial(IdempotencyKey.of("p3"), invoice.id(), Map.of(DEALER, -70L, ISSUANCE, 70L), "r"),
          ReversalRequest.partial(IdempotencyKey.of("p4"), invoice.id(), Map.of(DEALER, -20L, ISSUANCE, 20L), "r"),
          ReversalRequest.of(IdempotencyKey.of("p5"), invoice.id(), "rest").withPolicy(ShortfallPolicy.bookTo(CLAWBACK)),
          ReversalRequest.of(IdempotencyKey.of("p6"), invoice.id(), "again"));
      List<dev.loyalty.ledger.CommandResult> results = ledger.executeAll(batch);
      assertThat(results).extracting(r -> r.refusal().map(e -> (Object) e.code()).orElse("ok"))
          .containsExactly("ok", "ok", dev.loyalty.ledger.RejectionCode.INVALID_COMMAND, "ok", "ok",
              dev.loyalty.ledger.RejectionCode.ALREADY_REVERSED);
      // 100 earned, 30 spent, 10 refunded: 80; 40 + 20 taken back, the last 40 from the 20 left and 20 booked
      assertThat(posted(DEALER)).isZero();
      assertThat(posted(CLAWBACK)).isEqualTo(-20);
      assertThat(ledger.reversible(invoice.id())).isEmpty();
      assertThat(ledger.reversalsOf(invoice.id())).extracting(tx -> tx.key().value()).containsExactly("p1", "p4", "p5");
      assertThat(ledger.verify().intact()).isTrue();
    }
  }

  @Nested
  class Instants {
    private final Instant earliest = Ledger.EARLIEST_INSTANT;
    private final Instant latest = Ledger.LATEST_INSTANT;

    @Test
    void theWholeAcceptedRangeIsStoredAndReadBackToTheNanosecond() {
      Transaction ancient = ledger.transfer(TransferRequest.of(key(), "opening balance", Entry.debit(ISSUANCE, 70),
          Entry.credit(DEALER, 70, Expiry.at(latest))).effectiveAt(earliest));
      earn(DEALER, 10, JUNE);
      ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(ISSUANCE, 5), Entry.credit(DEALER, 5)));
      HoldId hold = ledger.hold(HoldRequest.of(key(), ISSUANCE, REP, 9, "claim").withToExpiry(Expiry.at(latest))
          .timeoutAt(latest));
      assertThat(ledger.findTransaction(ancient.id())).contains(ancient);
      assertThat(ancient.effectiveAt()).isEqualTo(earliest);
      // spend order: June, then 9999-12-31T23:59:59.999999999, then never
      assertThat(ledger.lots(DEALER, false)).extracting(Lot::expiresAt, Lot::createdAt).containsExactly(
          org.assertj.core.groups.Tuple.tuple(Optional.of(JUNE), T0),
          org.assertj.core.groups.Tuple.tuple(Optional.of(latest), earliest),
          org.assertj.core.groups.Tuple.tuple(Optional.empty(), T0));
      assertThat(ledger.findHold(hold).orElseThrow().timeoutAt()).contains(latest);
      assertThat(ledger.findHold(hold).orElseThrow().toExpiry()).isEqualTo(Expiry.at(latest));
      assertThat(ledger.balanceAsOf(DEALER, earliest).posted()).isEqualTo(70);
      assertThat(ledger.balanceAsOf(DEALER, earliest.minusNanos(1)).posted()).isZero();
      assertThat(ledger.statement(DEALER, earliest, latest).lines()).hasSize(3);
      spend(DEALER, 12); // the whole June lot and 2 of the ancient one
      assertThat(ledger.lots(DEALER, false)).extracting(Lot::remaining).containsExactly(68L, 5L);

      clock.set(latest);
      Transaction last = earn(REP, 1, latest);
      assertThat(last.recordedAt()).isEqualTo(latest);
      assertThat(ledger.findTransaction(last.id())).contains(last);
      assertThat(ledger.expiringBy(latest)).extracting(ExpiringPoints::account).containsExactly(DEALER, REP);
      Transaction expired = ledger.expire(ExpiryRequest.of(key(), BREAKAGE, latest)).orElseThrow();
      assertThat(expired.effectiveAt()).isEqualTo(latest);
      assertThat(expired.postings()).contains(new Posting(DEALER, -68), new Posting(REP, -1));
      assertThat(ledger.voidTimedOutHolds().voided()).singleElement()
          .satisfies(tx -> assertThat(tx.hold()).contains(hold));
      assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void instantsOutsideTheRangeAreRefusedNamingTheFieldAndChangeNothing() {
      Transaction invoice = earn(DEALER, 100, JUNE);
      Instant tooEarly = earliest.minusNanos(1);
      Instant tooLate = latest.plusNanos(1);
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(ISSUANCE, 5),
          Entry.credit(DEALER, 5)).effectiveAt(tooEarly)), InvalidCommandException.class, "effectiveAt",
          tooEarly.toString(), "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z");
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(ISSUANCE, 5),
          Entry.credit(DEALER, 5, Expiry.at(tooLate)))), InvalidCommandException.class,
          "expiry of the credit to wallet:dealer", tooLate.toString());
      assertRefusedUnchanged(() -> ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 5, "redeem")
          .timeoutAt(Instant.MAX)), InvalidCommandException.class, "timeoutAt");
      assertRefusedUnchanged(() -> ledger.hold(HoldRequest.of(key(), ISSUANCE, DEALER, 5, "claim")
          .withToExpiry(Expiry.at(tooLate))), InvalidCommandException.class, "toExpiry");
      assertRefusedUnchanged(() -> ledger.reverse(ReversalRequest.of(key(), invoice.id(), "return")
          .effectiveAt(Instant.MIN)), InvalidCommandException.class, "effectiveAt");
      assertRefusedUnchanged(() -> ledger.expire(ExpiryRequest.of(key(), BREAKAGE, tooEarly)),
          InvalidCommandException.class, "asOf");
      // a request refused for its shape is not remembered: the key is still free
      IdempotencyKey key = IdempotencyKey.of("shape-then-fine");
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key, "earn", Entry.debit(ISSUANCE, 5),
          Entry.credit(DEALER, 5)).effectiveAt(tooEarly)), InvalidCommandException.class, "effectiveAt");
      assertThat(ledger.transfer(TransferRequest.of(key, "earn", Entry.debit(ISSUANCE, 5), Entry.credit(DEALER, 5)))
          .postings()).contains(new Posting(DEALER, 5));
    }

    @Test
    void executeAll_refusesAnOutOfRangeCommandOnItsOwnAndRunsEveryOther() {
      List<dev.loyalty.ledger.LedgerCommand> batch = List.of(
          TransferRequest.of(IdempotencyKey.of("i1"), "earn", Entry.debit(ISSUANCE, 5),
              Entry.credit(DEALER, 5, Expiry.at(JUNE))),
          TransferRequest.of(IdempotencyKey.of("i2"), "earn", Entry.debit(ISSUANCE, 6),
              Entry.credit(DEALER, 6, Expiry.at(latest.plusSeconds(1)))),
          TransferRequest.of(IdempotencyKey.of("i3"), "earn", Entry.debit(ISSUANCE, 7),
              Entry.credit(DEALER, 7, Expiry.at(latest))).effectiveAt(Instant.parse("1600-01-01T00:00:00Z")),
          ExpiryRequest.of(IdempotencyKey.of("i4"), BREAKAGE, Instant.MIN),
          TransferRequest.of(IdempotencyKey.of("i5"), "spend", Entry.debit(DEALER, 12), Entry.credit(CLEARING, 12)));
      List<dev.loyalty.ledger.CommandResult> results = ledger.executeAll(batch);
      assertThat(results).extracting(r -> r.refusal().map(e -> (Object) e.getClass()).orElse("ok"))
          .containsExactly("ok", InvalidCommandException.class, "ok", InvalidCommandException.class, "ok");
      assertThat(results.get(1).refusal().orElseThrow()).hasMessageContaining("i2").hasMessageContaining("expiry");
      assertThat(posted(DEALER)).isZero();
      assertThat(posted(CLEARING)).isEqualTo(12);
    }

    @Test
    void aClockOutsideTheRangeRefusesCommandsWithoutRememberingThem() {
      earn(DEALER, 10, JUNE);
      clock.set(latest.plusSeconds(1));
      TransferRequest request = TransferRequest.of(IdempotencyKey.of("late-clock"), "spend", Entry.debit(DEALER, 4),
          Entry.credit(CLEARING, 4));
      assertRefusedUnchanged(() -> ledger.transfer(request), InvalidCommandException.class, "the ledger's clock");
      assertRefusedUnchanged(() -> ledger.openAccount(AccountId.of("wallet:new"), AccountType.WALLET),
          InvalidCommandException.class, "the ledger's clock");
      assertThat(ledger.executeAll(List.of(request))).singleElement()
          .satisfies(r -> assertThat(r.refusal()).containsInstanceOf(InvalidCommandException.class));
      clock.set(T0);
      assertThat(ledger.transfer(request).postings()).contains(new Posting(DEALER, -4));
    }
  }

  @Nested
  class Text {
    private final AccountId emoji = AccountId.of("wallet:\uD83C\uDF89-ü"); // a party popper, then ü

    @Test
    void wellFormedTextRoundTripsExactlyAndKeysThatDifferInOneCharacterStayApart() {
      ledger.openAccount(emoji, AccountType.WALLET);
      Map<String, String> metadata = Map.of("note", "two\nlines, \uD83D\uDE00 and \u20AC\t", "\uD83D\uDE00", "");
      Transaction first = ledger.transfer(TransferRequest.of(IdempotencyKey.of("pay-\uD83D\uDE00"), "pr\u00E4mie \u2713",
          Entry.debit(ISSUANCE, 5), Entry.credit(emoji, 5)).withMetadata(metadata));
      Transaction second = ledger.transfer(TransferRequest.of(IdempotencyKey.of("pay-\uD83D\uDE01"), "pr\u00E4mie \u2713",
          Entry.debit(ISSUANCE, 5), Entry.credit(emoji, 5)).withMetadata(metadata));
      assertThat(second.id()).isNotEqualTo(first.id());
      assertThat(ledger.findTransaction(first.id())).contains(first);
      assertThat(first.metadata()).isEqualTo(metadata);
      assertThat(first.key().value()).isEqualTo("pay-\uD83D\uDE00");
      assertThat(ledger.account(emoji).orElseThrow().id()).isEqualTo(emoji);
      assertThat(ledger.balance(emoji).posted()).isEqualTo(10);
      assertThat(ledger.history(emoji, Optional.empty(), 10).transactions()).containsExactly(first, second);
      assertThat(ledger.lots(emoji, false)).allSatisfy(l -> assertThat(l.account()).isEqualTo(emoji));
      assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void loneSurrogatesAndNulAreRefusedBeforeTheyReachTheStore() {
      earn(DEALER, 10, JUNE);
      for (String lone : List.of("pay-\uD83D", "pay-\uDE00", "\uDE00\uD83D")) {
        assertRefusedUnchanged(() -> IdempotencyKey.of(lone), IllegalArgumentException.class, "unpaired surrogate");
        assertRefusedUnchanged(() -> AccountId.of("wallet:" + lone), IllegalArgumentException.class,
            "unpaired surrogate");
        assertRefusedUnchanged(() -> TransferRequest.of(key(), lone, Entry.debit(DEALER, 1), Entry.credit(REP, 1)),
            IllegalArgumentException.class, "reason", "unpaired surrogate");
        assertRefusedUnchanged(() -> TransferRequest.of(key(), "x", Entry.debit(DEALER, 1), Entry.credit(REP, 1))
            .withMetadata(Map.of(lone, "v")), IllegalArgumentException.class, "metadata key", "unpaired surrogate");
        assertRefusedUnchanged(() -> TransferRequest.of(key(), "x", Entry.debit(DEALER, 1), Entry.credit(REP, 1))
            .withMetadata(Map.of("note", lone)), IllegalArgumentException.class, "metadata value for note",
            "unpaired surrogate");
      }
      assertRefusedUnchanged(() -> TransferRequest.of(key(), "x", Entry.debit(DEALER, 1), Entry.credit(REP, 1))
          .withMetadata(Map.of("note", "a\u0000b")), IllegalArgumentException.class, "NUL");
      assertRefusedUnchanged(() -> IdempotencyKey.of("a\u0000b"), IllegalArgumentException.class, "U+0000");
      assertRefusedUnchanged(() -> AccountId.of("wallet:\u0000"), IllegalArgumentException.class, "U+0000");
    }
  }

  @Nested
  class ReservedKeys {
    @Test
    void aCallersCommandUnderAReservedKeyIsRefusedAndChangesNothing() {
      earn(DEALER, 10, JUNE);
      IdempotencyKey squat = IdempotencyKey.of(IdempotencyKey.RESERVED_PREFIX + "timeout/H2");
      assertThat(squat.isReserved()).isTrue();
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(squat, "x", Entry.debit(DEALER, 1),
          Entry.credit(REP, 1))), InvalidCommandException.class, "reserved namespace", squat.value());
      assertThat(ledger.executeAll(List.of(TransferRequest.of(squat, "x", Entry.debit(DEALER, 1),
          Entry.credit(REP, 1))))).singleElement()
          .satisfies(r -> assertThat(r.refusal()).containsInstanceOf(InvalidCommandException.class));
    }

    @Test
    void aCallersKeyShapedLikeTheOldSweepKeyDoesNotStopTheSweep() {
      earn(DEALER, 100, JUNE);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 60, "redeem").timeoutAt(T0.plusSeconds(60)));
      ledger.transfer(TransferRequest.of(IdempotencyKey.of("timeout:" + hold), "x", Entry.debit(ISSUANCE, 1),
          Entry.credit(CLEARING, 1)));
      clock.advance(Duration.ofMinutes(2));
      dev.loyalty.ledger.TimeoutSweep sweep = ledger.voidTimedOutHolds();
      assertThat(sweep.isComplete()).isTrue();
      assertThat(sweep.voided()).singleElement().satisfies(tx -> {
        assertThat(tx.hold()).contains(hold);
        assertThat(tx.key().value()).isEqualTo(IdempotencyKey.RESERVED_PREFIX + "timeout/" + hold);
      });
      assertThat(available(DEALER)).isEqualTo(100);
    }

    @Test
    void theSweepVoidsEveryOtherDueHoldAndReportsTheOneItCannot() {
      earn(DEALER, 100, JUNE);
      HoldId first = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 10, "redeem").timeoutAt(T0.plusSeconds(60)));
      HoldId blocked = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 20, "redeem").timeoutAt(T0.plusSeconds(60)));
      HoldId last = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 30, "redeem").timeoutAt(T0.plusSeconds(60)));
      // the sweep's key for one hold already taken by something else (as data written behind the
      // ledger's back, or by an older library that had no reserved namespace, could leave it)
      IdempotencyKey taken = IdempotencyKey.of(IdempotencyKey.RESERVED_PREFIX + "timeout/" + blocked);
      store.write(tx -> {
        tx.apply(ChangeSet.idempotencyOnly(new IdempotencyRecord(taken, dev.loyalty.ledger.Digest.of(new byte[32]),
            Optional.empty(), Optional.empty())));
        return null;
      });
      clock.advance(Duration.ofMinutes(2));
      dev.loyalty.ledger.TimeoutSweep sweep = ledger.voidTimedOutHolds();
      assertThat(sweep.voided()).extracting(tx -> tx.hold().orElseThrow()).containsExactly(first, last);
      assertThat(sweep.failed()).containsOnlyKeys(blocked);
      assertThat(sweep.failed().get(blocked)).isInstanceOf(IdempotencyConflictException.class)
          .hasMessageContaining(taken.value());
      assertThat(sweep.isComplete()).isFalse();
      assertThat(ledger.findHold(blocked).orElseThrow().status()).isEqualTo(HoldStatus.OPEN);
      assertThat(available(DEALER)).isEqualTo(80);
    }
  }

  /** No command can write a history in which a wallet's balance as of some time was negative. */
  @Nested
  class Backdating {
    private final Instant day5 = T0.plus(Duration.ofDays(5));
    private final Instant day10 = T0.plus(Duration.ofDays(10));

    /** The wallet's balance as of every time anything on it was effective, and just before. */
    private void assertNeverNegativeAsOf(AccountId wallet) {
      for (Transaction tx : ledger.history(wallet, Optional.empty(), 1000).transactions()) {
        for (Instant t : List.of(tx.effectiveAt(), tx.effectiveAt().minusNanos(1))) {
          assertThat(ledger.balanceAsOf(wallet, t).posted()).as("%s as of %s", wallet, t).isNotNegative();
        }
      }
    }

    @Test
    void aReversalDatedBeforeTheTransactionItReversesIsRefused() {
      clock.set(day10);
      Transaction invoice = earn(DEALER, 100, DECEMBER);
      assertRefusedUnchanged(() -> ledger.reverse(ReversalRequest.of(key(), invoice.id(), "return").effectiveAt(day5)),
          InvalidCommandException.class, invoice.id().toString(), "before the transaction it reverses");
      assertRefusedUnchanged(() -> ledger.reverse(ReversalRequest.partial(key(), invoice.id(),
          Map.of(DEALER, -10L, ISSUANCE, 10L), "return").effectiveAt(day5)), InvalidCommandException.class,
          "before the transaction it reverses");
      ledger.reverse(ReversalRequest.of(key(), invoice.id(), "return").effectiveAt(day10));
      assertThat(posted(DEALER)).isZero();
      assertNeverNegativeAsOf(DEALER);
    }

    @Test
    void anExpiryRunAsOfATimeBeforeALotExistedLeavesThatLotForALaterRun() {
      clock.set(day10);
      earn(DEALER, 100, T0.plus(Duration.ofDays(1))); // created on day 10, already past its expiry
      assertThat(ledger.expire(ExpiryRequest.of(key(), BREAKAGE, day5))).isEmpty();
      assertThat(posted(DEALER)).isEqualTo(100);
      Transaction run = ledger.expire(ExpiryRequest.of(key(), BREAKAGE, day10)).orElseThrow();
      assertThat(run.postings()).contains(new Posting(DEALER, -100));
      assertNeverNegativeAsOf(DEALER);
    }

    @Test
    void aBackdatedDebitCannotTakePointsTheWalletOnlyGotLater() {
      clock.set(day10);
      earn(DEALER, 100, DECEMBER); // effective day 10
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "spend", Entry.debit(DEALER, 50),
          Entry.credit(CLEARING, 50)).effectiveAt(day5)), InsufficientBalanceException.class, "wallet:dealer",
          "had only 0 points as of some time from " + day5);
      // once the points were there, a debit may be dated back to then
      ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(ISSUANCE, 30), Entry.credit(DEALER, 30))
          .effectiveAt(T0));
      ledger.transfer(TransferRequest.of(key(), "spend", Entry.debit(DEALER, 30), Entry.credit(CLEARING, 30))
          .effectiveAt(day5));
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "spend", Entry.debit(DEALER, 1),
          Entry.credit(CLEARING, 1)).effectiveAt(day5)), InsufficientBalanceException.class, "had only 0 points");
      assertThat(posted(DEALER)).isEqualTo(100);
      assertNeverNegativeAsOf(DEALER);
    }

    @Test
    void aBackdatedAwardCannotDrawOnABudgetFundedLater() {
      clock.set(day10);
      ledger.transfer(TransferRequest.of(key(), "fund", Entry.debit(ISSUANCE, 100), Entry.credit(BUDGET, 100)));
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "award", Entry.debit(BUDGET, 40),
          Entry.credit(DEALER, 40)).effectiveAt(day5)), InsufficientBalanceException.class, BUDGET.toString(),
          "had only 0 points as of some time from " + day5);
      // a budget funded as of the campaign's start pays a late activity of the campaign
      ledger.transfer(TransferRequest.of(key(), "fund", Entry.debit(ISSUANCE, 50), Entry.credit(BUDGET, 50))
          .effectiveAt(T0));
      ledger.transfer(TransferRequest.of(key(), "award", Entry.debit(BUDGET, 40), Entry.credit(DEALER, 40))
          .effectiveAt(day5));
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "award", Entry.debit(BUDGET, 11),
          Entry.credit(DEALER, 11)).effectiveAt(day5)), InsufficientBalanceException.class, "had only 10 points");
      assertThat(posted(BUDGET)).isEqualTo(110);
      assertNeverNegativeAsOf(BUDGET);
    }

    @Test
    void aBackdatedDebitSeesEveryLaterCreditWhateverOrderTheyWereWrittenIn() {
      clock.set(T0.plus(Duration.ofDays(40)));
      // written in this order, effective on days 10, 30, 20 and 40: the day-30 credit sits between
      // two earlier-dated ones, where a check that stops at the first earlier entry would miss it
      for (long[] credit : new long[][] {{10, 100}, {30, 50}, {20, 40}, {40, 30}}) {
        ledger.transfer(TransferRequest.of(key(), "fund", Entry.debit(ISSUANCE, credit[1]), Entry.credit(BUDGET,
            credit[1])).effectiveAt(T0.plus(Duration.ofDays(credit[0]))));
      }
      Instant day25 = T0.plus(Duration.ofDays(25));
      // as of day 25 the budget held 100 + 40: 141 would leave it negative then
      assertThat(ledger.availableFrom(BUDGET, day25)).isEqualTo(140);
      assertThat(ledger.availableFrom(BUDGET, T0.plus(Duration.ofDays(35)))).isEqualTo(190);
      assertThat(ledger.availableFrom(BUDGET, T0.plus(Duration.ofDays(41)))).isEqualTo(220);
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "award", Entry.debit(BUDGET, 141),
          Entry.credit(DEALER, 141)).effectiveAt(day25)), InsufficientBalanceException.class, "had only 140 points");
      ledger.transfer(TransferRequest.of(key(), "award", Entry.debit(BUDGET, 140), Entry.credit(DEALER, 140))
          .effectiveAt(day25));
      assertThat(posted(BUDGET)).isEqualTo(80);
      assertNeverNegativeAsOf(BUDGET);
    }

    @Test
    void aBackdatedReversalTakesOnlyWhatTheWalletHadThenAndBooksTheRest() {
      Transaction invoice = earn(DEALER, 100, DECEMBER); // T0
      clock.set(day5);
      spend(DEALER, 100); // day 5: nothing left
      clock.set(day10);
      earn(DEALER, 100, DECEMBER); // day 10: 100 again, not the invoice's points
      Instant day3 = T0.plus(Duration.ofDays(3));
      assertRefusedUnchanged(() -> ledger.reverse(ReversalRequest.of(key(), invoice.id(), "return").effectiveAt(day3)),
          InsufficientBalanceException.class, "wallet:dealer", "had only 0 as of some time");
      Transaction booked = ledger.reverse(ReversalRequest.of(key(), invoice.id(), "return").effectiveAt(day3)
          .withPolicy(ShortfallPolicy.bookTo(CLAWBACK)));
      assertThat(booked.postings()).containsExactlyInAnyOrder(new Posting(CLAWBACK, -100), new Posting(ISSUANCE, 100));
      assertThat(posted(DEALER)).isEqualTo(100);
      assertNeverNegativeAsOf(DEALER);
    }

    @Test
    void onlyAReversalThatAllowsANegativeBalanceMakesOneAsOfAnyTime() {
      Transaction invoice = earn(DEALER, 100, DECEMBER);
      clock.set(day5);
      spend(DEALER, 100);
      ledger.reverse(ReversalRequest.of(key(), invoice.id(), "fraud").withPolicy(ShortfallPolicy.allowNegative()));
      assertThat(ledger.balanceAsOf(DEALER, day5).posted()).isEqualTo(-100);
    }
  }

  /**
   * {@link LedgerStore#mostPostedAfter} and {@link StoreTransaction#mostPostedAfter}: what the
   * postings after some time add up to at most, which bounds a backdated debit.
   */
  @Nested
  class LaterPostings {
    private final Instant day5 = T0.plus(Duration.ofDays(5));
    private final Instant day10 = T0.plus(Duration.ofDays(10));

    private Instant day(long n) {
      return T0.plus(Duration.ofDays(n));
    }

    /**
     * The store's answer read outside a unit of work, which must equal the answer inside one (the
     * account locked) and the one computed from the unit's {@code historyEffectiveAfter}.
     */
    private long mostPostedAfter(AccountId account, Instant from) {
      long read = store.mostPostedAfter(account, from);
      long[] inUnit = store.write(tx -> {
        tx.lockAccounts(new TreeSet<>(Set.of(account)));
        return new long[] {tx.mostPostedAfter(account, from),
            dev.loyalty.ledger.internal.AsOfRoom.mostPostedAfter(account, from, tx.historyEffectiveAfter(account, from))};
      });
      assertThat(inUnit[0]).as("in a unit of work, after %s", from).isEqualTo(read);
      assertThat(inUnit[1]).as("from the history after %s", from).isEqualTo(read);
      return read;
    }

    private Transaction move(AccountId from, AccountId to, long points, Instant at) {
      return ledger.transfer(TransferRequest.of(key(), "move", Entry.debit(from, points), Entry.credit(to, points))
          .effectiveAt(at));
    }

    @Test
    void transactionsAtTheSameInstantCountTogether() {
      clock.set(day(40));
      move(ISSUANCE, BUDGET, 50, T0);
      // day 10: +100, -100 and +20 in three transactions; only what they add up to is ever after a time
      move(ISSUANCE, BUDGET, 100, day10);
      move(BUDGET, DEALER, 100, day10);
      move(ISSUANCE, BUDGET, 20, day10);
      assertThat(mostPostedAfter(BUDGET, day5)).isEqualTo(20);
      assertThat(ledger.availableFrom(BUDGET, day5)).isEqualTo(50);
      // one nanosecond later is another instant
      move(ISSUANCE, BUDGET, 7, day10.plusNanos(1));
      assertThat(mostPostedAfter(BUDGET, day10.minusNanos(1))).isEqualTo(27);
      assertThat(mostPostedAfter(BUDGET, day10)).isEqualTo(7);
      assertThat(mostPostedAfter(BUDGET, day10.plusNanos(1))).isZero();
      assertThat(ledger.availableFrom(BUDGET, day10)).isEqualTo(70);
      assertRefusedUnchanged(() -> move(BUDGET, DEALER, 51, day5), InsufficientBalanceException.class,
          BUDGET.toString(), "had only 50 points as of some time from " + day5);
      move(BUDGET, DEALER, 50, day5);
      assertThat(mostPostedAfter(BUDGET, T0)).isEqualTo(27);
      assertThat(ledger.availableFrom(BUDGET, T0)).isZero();
    }

    @Test
    void aReversalCountsAtItsOwnEffectiveTime() {
      clock.set(day(40));
      move(ISSUANCE, DEALER, 50, T0);
      Transaction invoice = move(ISSUANCE, DEALER, 100, day10);
      assertThat(mostPostedAfter(DEALER, day5)).isEqualTo(100);
      ledger.reverse(ReversalRequest.partial(key(), invoice.id(), Map.of(DEALER, -40L, ISSUANCE, 40L), "return")
          .effectiveAt(day(20)));
      assertThat(mostPostedAfter(DEALER, day5)).isEqualTo(60);
      assertThat(mostPostedAfter(DEALER, day(15))).isZero();
      assertThat(mostPostedAfter(ISSUANCE, day5)).as("the other side of the same postings").isEqualTo(40);
      assertThat(ledger.availableFrom(DEALER, day5)).isEqualTo(50);
      ledger.reverse(ReversalRequest.of(key(), invoice.id(), "return").effectiveAt(day(30)));
      assertThat(mostPostedAfter(DEALER, day5)).isZero();
      assertThat(mostPostedAfter(DEALER, T0.minusNanos(1))).isEqualTo(50);
      // an earn and its reversal at the same instant cancel out there
      Transaction again = move(ISSUANCE, DEALER, 30, day(35));
      ledger.reverse(ReversalRequest.of(key(), again.id(), "void").effectiveAt(day(35)));
      assertThat(mostPostedAfter(DEALER, day(32))).isZero();
      assertThat(ledger.availableFrom(DEALER, day5)).isEqualTo(50);
    }

    @Test
    void aHoldCountsOnlyWhenItIsPosted_andThenAtThePostsTime() {
      move(ISSUANCE, BUDGET, 100, T0);
      earn(DEALER, 60, DECEMBER);
      clock.set(day(40));
      HoldId claim = ledger.hold(HoldRequest.of(key(), BUDGET, REP, 30, "claim"));
      HoldId redemption = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 25, "redeem"));
      for (AccountId id : List.of(BUDGET, REP, DEALER, CLEARING)) {
        assertThat(mostPostedAfter(id, day5)).as("pending amounts of %s", id).isZero();
      }
      assertThat(mostPostedAfter(BUDGET, T0.minusNanos(1))).isEqualTo(100);
      ledger.postHold(PostHoldRequest.partial(key(), claim, 20, "approved"));
      ledger.voidHold(VoidHoldRequest.of(key(), redemption, "cancelled"));
      assertThat(mostPostedAfter(REP, day5)).isEqualTo(20);
      assertThat(mostPostedAfter(BUDGET, day5)).isZero();
      assertThat(mostPostedAfter(BUDGET, T0.minusNanos(1))).isEqualTo(80);
      assertThat(mostPostedAfter(DEALER, T0.minusNanos(1))).isEqualTo(60);
      assertThat(ledger.availableFrom(REP, day5)).isZero();
    }

    @Test
    void backdatedPostingsCountWhateverOrderTheyArriveIn() {
      clock.set(day(45));
      for (long[] credit : new long[][] {{30, 50}, {10, 100}, {40, 30}, {20, 40}}) {
        move(ISSUANCE, BUDGET, credit[1], day(credit[0]));
      }
      move(BUDGET, DEALER, 60, day(25));
      move(BUDGET, DEALER, 50, day(15));
      // day 10 +100, 15 -50, 20 +40, 25 -60, 30 +50, 40 +30: balances 100, 50, 90, 30, 80, 110
      for (int d = 0; d <= 45; d++) {
        long expected = d < 10 ? 110 : d < 30 ? 80 : d < 40 ? 30 : 0;
        assertThat(mostPostedAfter(BUDGET, day(d))).as("after day %s", d).isEqualTo(expected);
        assertThat(ledger.availableFrom(BUDGET, day(d))).as("available from day %s", d).isEqualTo(110 - expected);
      }
      assertRefusedUnchanged(() -> move(BUDGET, DEALER, 31, day(12)), InsufficientBalanceException.class,
          "had only 30 points");
    }

    @Test
    void anAccountNobodyOpenedHasNothingPostedAfterAnyTime() {
      assertThat(store.mostPostedAfter(AccountId.of("wallet:nobody"), T0)).isZero();
      assertThatThrownBy(() -> ledger.availableFrom(AccountId.of("wallet:nobody"), T0))
          .isInstanceOf(UnknownAccountException.class);
    }

    @Test
    void executeAll_aBackdatedDebitSeesTheCreditsOfTheCommandsBeforeItInTheSameBatch() {
      clock.set(day(40));
      move(ISSUANCE, BUDGET, 50, T0);
      List<dev.loyalty.ledger.CommandResult> results = ledger.executeAll(List.of(
          TransferRequest.of(key(), "fund", Entry.debit(ISSUANCE, 100), Entry.credit(BUDGET, 100)).effectiveAt(day(20)),
          TransferRequest.of(key(), "award", Entry.debit(BUDGET, 60), Entry.credit(DEALER, 60)).effectiveAt(day10),
          TransferRequest.of(key(), "award", Entry.debit(BUDGET, 50), Entry.credit(DEALER, 50)).effectiveAt(day10),
          TransferRequest.of(key(), "award", Entry.debit(BUDGET, 1), Entry.credit(DEALER, 1)).effectiveAt(day5),
          TransferRequest.of(key(), "award", Entry.debit(BUDGET, 40), Entry.credit(DEALER, 40)).effectiveAt(day(25))));
      assertThat(results).extracting(dev.loyalty.ledger.CommandResult::isAccepted)
          .containsExactly(true, false, true, false, true);
      assertThat(results.get(1).refusal().orElseThrow().getMessage()).contains("had only 50 points");
      assertThat(results.get(3).refusal().orElseThrow().getMessage()).contains("had only 0 points");
      // T0 +50, day 10 -50, day 20 +100, day 25 -40
      assertThat(posted(BUDGET)).isEqualTo(60);
      assertThat(mostPostedAfter(BUDGET, day5)).isEqualTo(60);
      assertThat(mostPostedAfter(BUDGET, day(21))).isZero();
      assertThat(ledger.availableFrom(BUDGET, day5)).isZero();
    }
  }

  /** Every state a write produced reads without overflowing, and acceptance never depends on entry order. */
  @Nested
  class Overflow {
    @Test
    void readsNeverOverflowAndAWriteThatWouldPassAnAccountsLifetimeBoundIsRefused() {
      earn(DEALER, Long.MAX_VALUE, DECEMBER);
      // the issuance account has given Long.MAX_VALUE in its life: one more point is refused
      assertRefusedUnchanged(() -> earn(REP, 1, DECEMBER), BalanceOverflowException.class, "system:issuance",
          "lifetime outflow");
      assertRefusedUnchanged(() -> ledger.hold(HoldRequest.of(key(), ISSUANCE, REP, 1, "claim")),
          BalanceOverflowException.class, "system:issuance");
      ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(CLAWBACK, Long.MAX_VALUE),
          Entry.credit(REP, Long.MAX_VALUE, Expiry.at(DECEMBER))));
      var trial = ledger.trialBalance();
      assertThat(trial.isBalanced()).isTrue();
      assertThat(trial.postedByType().get(AccountType.WALLET))
          .isEqualTo(java.math.BigInteger.valueOf(Long.MAX_VALUE).multiply(java.math.BigInteger.TWO));
      assertThat(ledger.balance(ISSUANCE).available()).isEqualTo(-Long.MAX_VALUE);
      assertThat(ledger.balanceAsOf(DEALER, clock.instant()).posted()).isEqualTo(Long.MAX_VALUE);
      assertThat(ledger.statement(DEALER, T0, T0.plusSeconds(1)).closing()).isEqualTo(Long.MAX_VALUE);
      assertThat(ledger.expiringBy(DECEMBER)).extracting(ExpiringPoints::points)
          .containsExactly(Long.MAX_VALUE, Long.MAX_VALUE);
      assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void backdatedCreditsCannotPushABalanceAsOfSomeTimePastALong() {
      clock.set(T0.plus(Duration.ofDays(30)));
      ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(ISSUANCE, Long.MAX_VALUE / 2),
          Entry.credit(DEALER, Long.MAX_VALUE / 2)).effectiveAt(T0.plus(Duration.ofDays(10))));
      spend(DEALER, Long.MAX_VALUE / 2);
      // a second earn dated between them would make the balance as of day 20 Long.MAX_VALUE - 1; a third, more
      ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(CLAWBACK, Long.MAX_VALUE / 2),
          Entry.credit(DEALER, Long.MAX_VALUE / 2)).effectiveAt(T0.plus(Duration.ofDays(20))));
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(key(), "earn", Entry.debit(BREAKAGE, 2),
          Entry.credit(DEALER, 2)).effectiveAt(T0.plus(Duration.ofDays(15)))), BalanceOverflowException.class,
          "wallet:dealer", "lifetime inflow");
      for (int day = 0; day <= 30; day++) {
        ledger.balanceAsOf(DEALER, T0.plus(Duration.ofDays(day))); // none overflows
      }
      assertThat(ledger.balanceAsOf(DEALER, T0.plus(Duration.ofDays(25))).posted()).isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void theSameBalancedEntriesAreAcceptedInEveryOrder() {
      List<Entry> entries = List.of(Entry.credit(DEALER, Long.MAX_VALUE), Entry.credit(REP, 1),
          Entry.debit(ISSUANCE, Long.MAX_VALUE), Entry.debit(CLAWBACK, 1));
      List<List<Entry>> orders = List.of(entries, List.of(entries.get(1), entries.get(0), entries.get(3), entries.get(2)),
          List.of(entries.get(2), entries.get(3), entries.get(1), entries.get(0)));
      List<List<Posting>> postings = new java.util.ArrayList<>();
      for (List<Entry> order : orders) {
        LedgerStore fresh = createStore();
        Ledger other = Ledger.using(fresh, clock);
        for (AccountId id : List.of(ISSUANCE, CLAWBACK)) {
          other.openAccount(id, AccountType.SYSTEM);
        }
        other.openAccount(DEALER, AccountType.WALLET);
        other.openAccount(REP, AccountType.WALLET);
        Transaction tx = other.transfer(new TransferRequest(IdempotencyKey.of("order"), order, "x", Map.of(),
            Optional.empty()));
        postings.add(tx.postings().stream().sorted(java.util.Comparator.comparing(p -> p.account())).toList());
        assertThat(other.trialBalance().isBalanced()).isTrue();
      }
      assertThat(postings).containsOnly(postings.get(0));
    }
  }

  @Nested
  class Idempotency {
    @Test
    void replayingACommandReturnsTheFirstResultAndWritesNothing() {
      TransferRequest request = TransferRequest.of(IdempotencyKey.of("inv-1"), "earn", Entry.debit(ISSUANCE, 10),
          Entry.credit(DEALER, 10, Expiry.at(JUNE)));
      Transaction first = ledger.transfer(request);
      LedgerSnapshot after = LedgerSnapshot.of(store);
      clock.advance(Duration.ofHours(1));
      for (int i = 0; i < 3; i++) {
        assertThat(ledger.transfer(request)).isEqualTo(first);
      }
      assertThat(LedgerSnapshot.of(store)).isEqualTo(after);
    }

    @Test
    void theSameKeyWithADifferentRequestIsAConflictAndChangesNothing() {
      ledger.transfer(TransferRequest.of(IdempotencyKey.of("inv-1"), "earn", Entry.debit(ISSUANCE, 10),
          Entry.credit(DEALER, 10)));
      assertRefusedUnchanged(() -> ledger.transfer(TransferRequest.of(IdempotencyKey.of("inv-1"), "earn",
          Entry.debit(ISSUANCE, 11), Entry.credit(DEALER, 11))), IdempotencyConflictException.class, "inv-1");
      assertRefusedUnchanged(() -> ledger.hold(HoldRequest.of(IdempotencyKey.of("inv-1"), DEALER, CLEARING, 1, "x")),
          IdempotencyConflictException.class);
    }

    @Test
    void aCommandRefusedForAStateReasonStaysRefusedUnderItsKey() {
      TransferRequest overdraft = TransferRequest.of(IdempotencyKey.of("spend-1"), "spend", Entry.debit(DEALER, 50),
          Entry.credit(CLEARING, 50));
      assertThatThrownBy(() -> ledger.transfer(overdraft)).isInstanceOf(InsufficientBalanceException.class);
      earn(DEALER, 100, JUNE);
      LedgerSnapshot before = LedgerSnapshot.of(store);
      assertThatThrownBy(() -> ledger.transfer(overdraft)).isInstanceOf(InsufficientBalanceException.class)
          .satisfies(e -> assertThat(((LedgerException) e).code()).isEqualTo(RejectionCode.INSUFFICIENT_BALANCE));
      assertThat(LedgerSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void outcome_saysWhatAKeysCommandCameToWithoutExecutingAnything() {
      assertThat(ledger.outcome(IdempotencyKey.of("never"))).isEmpty();
      Transaction earned = ledger.transfer(TransferRequest.of(IdempotencyKey.of("inv-1"), "earn",
          Entry.debit(ISSUANCE, 10), Entry.credit(DEALER, 10, Expiry.at(JUNE))));
      TransferRequest overdraft = TransferRequest.of(IdempotencyKey.of("spend-1"), "spend", Entry.debit(DEALER, 50),
          Entry.credit(CLEARING, 50));
      assertThatThrownBy(() -> ledger.transfer(overdraft)).isInstanceOf(InsufficientBalanceException.class);
      LedgerSnapshot before = LedgerSnapshot.of(store);

      KeyOutcome accepted = ledger.outcome(IdempotencyKey.of("inv-1")).orElseThrow();
      assertThat(accepted.isAccepted()).isTrue();
      assertThat(accepted.transaction()).contains(earned);
      KeyOutcome refused = ledger.outcome(IdempotencyKey.of("spend-1")).orElseThrow();
      assertThat(refused.transaction()).isEmpty();
      assertThat(refused.refusal()).hasValueSatisfying(e -> {
        assertThat(e).isInstanceOf(InsufficientBalanceException.class);
        assertThat(e.code()).isEqualTo(RejectionCode.INSUFFICIENT_BALANCE);
      });
      assertThat(ledger.outcome(IdempotencyKey.of("spend-2"))).isEmpty();
      assertThat(LedgerSnapshot.of(store)).isEqualTo(before);
    }

    @Test
    void aDefaultedEffectiveTimeIsNotPartOfTheRequest() {
      TransferRequest request = TransferRequest.of(IdempotencyKey.of("inv-2"), "earn", Entry.debit(ISSUANCE, 10),
          Entry.credit(DEALER, 10));
      Transaction first = ledger.transfer(request);
      clock.advance(Duration.ofDays(3));
      assertThat(ledger.transfer(request)).isEqualTo(first);
    }
  }

  @Nested
  class Batches {
    @Test
    void executeAll_givesEachCommandItsOwnOutcome() {
      earn(DEALER, 100, JUNE);
      TransferRequest fine = TransferRequest.of(IdempotencyKey.of("b1"), "spend", Entry.debit(DEALER, 60),
          Entry.credit(CLEARING, 60));
      TransferRequest overdraft = TransferRequest.of(IdempotencyKey.of("b2"), "spend", Entry.debit(DEALER, 60),
          Entry.credit(CLEARING, 60));
      TransferRequest unknown = TransferRequest.of(IdempotencyKey.of("b3"), "earn", Entry.debit(ISSUANCE, 5),
          Entry.credit(AccountId.of("wallet:ghost"), 5));
      TransferRequest conflicting = TransferRequest.of(IdempotencyKey.of("b1"), "spend", Entry.debit(DEALER, 1),
          Entry.credit(CLEARING, 1));
      TransferRequest later = TransferRequest.of(IdempotencyKey.of("b4"), "earn", Entry.debit(ISSUANCE, 7),
          Entry.credit(REP, 7, Expiry.at(JUNE)));
      List<dev.loyalty.ledger.CommandResult> results = ledger.executeAll(List.of(fine, overdraft, unknown, conflicting,
          fine, later));
      assertThat(results).extracting(dev.loyalty.ledger.CommandResult::isAccepted)
          .containsExactly(true, false, false, false, true, true);
      assertThat(results.get(1).refusal().orElseThrow()).isInstanceOf(InsufficientBalanceException.class);
      assertThat(results.get(2).refusal().orElseThrow()).isInstanceOf(UnknownAccountException.class);
      assertThat(results.get(3).refusal().orElseThrow()).isInstanceOf(IdempotencyConflictException.class);
      assertThat(results.get(4).transaction()).isEqualTo(results.get(0).transaction());
      assertThat(posted(DEALER)).isEqualTo(40);
      assertThat(posted(REP)).isEqualTo(7);
      // the refusals stay refused under their keys
      assertThatThrownBy(() -> ledger.transfer(overdraft)).isInstanceOf(InsufficientBalanceException.class);
      assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void executeAll_ofManyTransfersEqualsExecutingThemOneByOne() {
      List<TransferRequest> batch = new java.util.ArrayList<>();
      for (int i = 0; i < 1200; i++) {
        AccountId wallet = i % 2 == 0 ? DEALER : REP;
        batch.add(TransferRequest.of(IdempotencyKey.of("bulk-" + i), "award", Entry.debit(ISSUANCE, 1 + i % 5),
            Entry.credit(wallet, 1 + i % 5, Expiry.at(i % 3 == 0 ? JUNE : DECEMBER))));
      }
      assertThat(ledger.executeAll(batch)).allSatisfy(r -> assertThat(r.isAccepted()).isTrue());
      Ledger oneByOne = Ledger.inMemory(clock);
      for (AccountId id : List.of(ISSUANCE, DEALER, REP)) {
        oneByOne.openAccount(id, ledger.account(id).orElseThrow().type());
      }
      batch.forEach(oneByOne::transfer);
      for (AccountId id : List.of(ISSUANCE, DEALER, REP)) {
        assertThat(ledger.balance(id)).isEqualTo(oneByOne.balance(id));
        assertThat(ledger.lots(id, false)).extracting(Lot::remaining, Lot::expiresAt)
            .isEqualTo(oneByOne.lots(id, false).stream()
                .map(l -> org.assertj.core.groups.Tuple.tuple(l.remaining(), l.expiresAt())).toList());
      }
      assertThat(ledger.executeAll(batch)).extracting(r -> r.transaction().orElseThrow().key().value())
          .containsExactlyElementsOf(batch.stream().map(t -> t.key().value()).toList());
      assertThat(ledger.verify().checked()).isEqualTo(1200);
    }

    /** Before a batch: 20 lots in the dealer's wallet (more than a store reads at once), two holds, a transfer. */
    private record Before(HoldId toPost, HoldId toVoid, TransactionId toReverse) {}

    private Before prepare(Ledger target) {
      for (int i = 0; i < 20; i++) {
        target.transfer(TransferRequest.of(IdempotencyKey.of("pre-" + i), "earn", Entry.debit(ISSUANCE, 10),
            Entry.credit(DEALER, 10, Expiry.at(DECEMBER.minus(Duration.ofDays(i))))));
      }
      HoldId toPost = target.hold(HoldRequest.of(IdempotencyKey.of("pre-h1"), DEALER, CLEARING, 30, "redeem"));
      HoldId toVoid = target.hold(HoldRequest.of(IdempotencyKey.of("pre-h2"), DEALER, CLEARING, 20, "redeem"));
      TransactionId toReverse = target.transfer(TransferRequest.of(IdempotencyKey.of("pre-t"), "earn",
          Entry.debit(ISSUANCE, 40), Entry.credit(REP, 40, Expiry.at(JUNE)))).id();
      return new Before(toPost, toVoid, toReverse);
    }

    /** Every kind of command but expiry, each depending on the state the ones before it leave. */
    private List<dev.loyalty.ledger.LedgerCommand> mixedBatch(Before b) {
      return List.of(
          TransferRequest.of(IdempotencyKey.of("m1"), "earn", Entry.debit(ISSUANCE, 5),
              Entry.credit(DEALER, 5, Expiry.at(JUNE))).withMetadata(Map.of("invoice", "INV-1", "note", "prämie €")),
          PostHoldRequest.partial(IdempotencyKey.of("m2"), b.toPost(), 25, "redeem"),
          VoidHoldRequest.of(IdempotencyKey.of("m3"), b.toVoid(), "cancel"),
          PostHoldRequest.full(IdempotencyKey.of("m4"), b.toPost(), "redeem again"),
          ReversalRequest.of(IdempotencyKey.of("m5"), b.toReverse(), "mistake"),
          ReversalRequest.of(IdempotencyKey.of("m6"), b.toReverse(), "mistake twice"),
          HoldRequest.of(IdempotencyKey.of("m7"), DEALER, REP, 50, "move").withToExpiry(Expiry.carried()),
          TransferRequest.of(IdempotencyKey.of("m8"), "spend", Entry.debit(DEALER, 100), Entry.credit(CLEARING, 100)),
          TransferRequest.of(IdempotencyKey.of("m9"), "spend", Entry.debit(DEALER, 1_000), Entry.credit(CLEARING, 1_000)),
          TransferRequest.of(IdempotencyKey.of("m10"), "share", Entry.debit(DEALER, 20),
              Entry.credit(REP, 20, Expiry.carried())),
          TransferRequest.of(IdempotencyKey.of("m1"), "earn", Entry.debit(ISSUANCE, 5),
              Entry.credit(DEALER, 5, Expiry.at(JUNE))).withMetadata(Map.of("invoice", "INV-1", "note", "prämie €")),
          TransferRequest.of(IdempotencyKey.of("m11"), "spend", Entry.debit(REP, 15), Entry.credit(CLEARING, 15)),
          TransferRequest.of(IdempotencyKey.of("m12"), "earn", Entry.debit(ISSUANCE, 3),
              Entry.credit(AccountId.of("wallet:ghost"), 3)),
          TransferRequest.of(IdempotencyKey.of("m13"), "spend", Entry.debit(DEALER, 10), Entry.credit(CLEARING, 10)));
    }

    /** What a result says, without the ids (which differ between stores). */
    private List<Object> outcome(List<dev.loyalty.ledger.CommandResult> results) {
      return results.stream().<Object>map(r -> r.transaction()
          .map(tx -> (Object) List.of(tx.type(), tx.key(), tx.reason(), tx.metadata(), tx.postings(), tx.pending()))
          .orElseGet(() -> r.refusal().map(e -> (Object) e.getClass()).orElse("nothing"))).toList();
    }

    private void assertSameState(Ledger reference) {
      for (AccountId id : List.of(ISSUANCE, CLEARING, DEALER, REP)) {
        assertThat(ledger.balance(id)).as("balance of %s", id).isEqualTo(reference.balance(id));
        assertThat(ledger.lots(id, true)).as("lots of %s", id)
            .extracting(Lot::original, Lot::remaining, Lot::held, Lot::expiresAt)
            .isEqualTo(reference.lots(id, true).stream().map(l -> org.assertj.core.groups.Tuple.tuple(l.original(),
                l.remaining(), l.held(), l.expiresAt())).toList());
      }
    }

    private Ledger referenceLedger() {
      Ledger reference = Ledger.inMemory(clock);
      for (AccountId id : List.of(ISSUANCE, CLEARING, BREAKAGE, CLAWBACK, BUDGET, DEALER, REP)) {
        reference.openAccount(id, ledger.account(id).orElseThrow().type());
      }
      return reference;
    }

    private List<dev.loyalty.ledger.CommandResult> oneByOne(Ledger target, List<dev.loyalty.ledger.LedgerCommand> commands) {
      List<dev.loyalty.ledger.CommandResult> results = new java.util.ArrayList<>();
      for (dev.loyalty.ledger.LedgerCommand command : commands) {
        try {
          results.add(new dev.loyalty.ledger.CommandResult(command, target.execute(command), Optional.empty()));
        } catch (LedgerException refused) {
          results.add(new dev.loyalty.ledger.CommandResult(command, Optional.empty(), Optional.of(refused)));
        }
      }
      return results;
    }

    @Test
    void executeAll_ofDependentCommandsOfEveryKindEqualsExecutingThemOneByOne() {
      Before here = prepare(ledger);
      Ledger reference = referenceLedger();
      Before there = prepare(reference);

      List<dev.loyalty.ledger.CommandResult> batched = ledger.executeAll(mixedBatch(here));
      List<dev.loyalty.ledger.CommandResult> expected = oneByOne(reference, mixedBatch(there));

      assertThat(outcome(batched)).isEqualTo(outcome(expected));
      assertThat(batched).extracting(dev.loyalty.ledger.CommandResult::isAccepted)
          .containsExactly(true, true, true, false, true, false, true, true, false, true, true, true, false, true);
      assertSameState(reference);
      assertThat(ledger.findHold(here.toPost()).orElseThrow().status()).isEqualTo(HoldStatus.POSTED);
      assertThat(ledger.findHold(here.toVoid()).orElseThrow().status()).isEqualTo(HoldStatus.VOIDED);
      assertThat(ledger.trialBalance().isBalanced()).isTrue();
      assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void executeAll_aRefusedCommandChangesNothingAndLeavesTheOthersApplied() {
      earn(DEALER, 100, JUNE);
      TransferRequest first = TransferRequest.of(IdempotencyKey.of("r1"), "spend", Entry.debit(DEALER, 30),
          Entry.credit(CLEARING, 30));
      TransferRequest refused = TransferRequest.of(IdempotencyKey.of("r2"), "spend", Entry.debit(DEALER, 71),
          Entry.credit(CLEARING, 71));
      TransferRequest last = TransferRequest.of(IdempotencyKey.of("r3"), "share", Entry.debit(DEALER, 70),
          Entry.credit(REP, 70, Expiry.carried()));
      LedgerSnapshot before = LedgerSnapshot.of(store);

      List<dev.loyalty.ledger.CommandResult> results = ledger.executeAll(List.of(first, refused, last));

      assertThat(results).extracting(dev.loyalty.ledger.CommandResult::isAccepted).containsExactly(true, false, true);
      assertThat(results.get(1).refusal().orElseThrow()).isInstanceOf(InsufficientBalanceException.class);
      LedgerSnapshot after = LedgerSnapshot.of(store);
      assertThat(after.journal()).hasSize(before.journal().size() + 2)
          .extracting(tx -> tx.key().value()).doesNotContain("r2");
      assertThat(posted(DEALER)).isZero();
      assertThat(posted(CLEARING)).isEqualTo(30);
      assertThat(posted(REP)).isEqualTo(70);
      assertThat(ledger.lots(REP, false)).extracting(Lot::remaining, Lot::expiresAt)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(70L, Optional.of(JUNE)));
      // the refusal is remembered under its key, as for a single command
      assertThatThrownBy(() -> ledger.transfer(refused)).isInstanceOf(InsufficientBalanceException.class);
    }

    @Test
    void executeAll_replayedChangesNothingAndGivesTheSameResults() {
      Before b = prepare(ledger);
      List<dev.loyalty.ledger.CommandResult> first = ledger.executeAll(mixedBatch(b));
      LedgerSnapshot afterFirst = LedgerSnapshot.of(store);

      List<dev.loyalty.ledger.CommandResult> again = ledger.executeAll(mixedBatch(b));

      assertThat(LedgerSnapshot.of(store)).isEqualTo(afterFirst);
      assertThat(again).extracting(dev.loyalty.ledger.CommandResult::transaction)
          .isEqualTo(first.stream().map(dev.loyalty.ledger.CommandResult::transaction).toList());
      assertThat(again).extracting(r -> r.refusal().map(Object::getClass))
          .isEqualTo(first.stream().map(r -> r.refusal().map(Object::getClass)).toList());
    }

    @Test
    void executeAll_withAnExpiryRunEqualsExecutingThemOneByOne() {
      Before here = prepare(ledger);
      Ledger reference = referenceLedger();
      Before there = prepare(reference);
      clock.advance(Duration.ofDays(365));
      java.util.function.Function<Before, List<dev.loyalty.ledger.LedgerCommand>> commands = b -> List.of(
          TransferRequest.of(IdempotencyKey.of("x1"), "spend", Entry.debit(DEALER, 10), Entry.credit(CLEARING, 10)),
          ExpiryRequest.of(IdempotencyKey.of("x2"), BREAKAGE, clock.instant()),
          TransferRequest.of(IdempotencyKey.of("x3"), "earn", Entry.debit(ISSUANCE, 4), Entry.credit(DEALER, 4)));

      List<dev.loyalty.ledger.CommandResult> batched = ledger.executeAll(commands.apply(here));

      assertThat(outcome(batched)).isEqualTo(outcome(oneByOne(reference, commands.apply(there))));
      assertSameState(reference);
      assertThat(ledger.verify().intact()).isTrue();
    }
  }

  @Nested
  class Reads {
    @Test
    void openLots_areTheSameWhetherOrNotTheLockWasToldTheUnitSpendsFromTheWallet() {
      for (int i = 0; i < 25; i++) { // more than a first page and a second one
        earn(DEALER, 10 + i, i % 2 == 0 ? JUNE : DECEMBER);
      }
      spend(DEALER, 15);
      List<Lot> expected = ledger.lots(DEALER, false);
      SortedSet<AccountId> both = new TreeSet<>(List.of(DEALER, REP));
      Function<StoreTransaction, List<Lot>> told = tx -> {
        tx.lockAccounts(both, Set.of(DEALER));
        return listOf(tx.openLots(DEALER));
      };
      Function<StoreTransaction, List<Lot>> notTold = tx -> {
        tx.lockAccounts(both, Set.of());
        return listOf(tx.openLots(DEALER));
      };
      Function<StoreTransaction, List<Lot>> toldOther = tx -> {
        tx.lockAccounts(both, Set.of(REP));
        assertThat(listOf(tx.openLots(REP))).isEmpty();
        return listOf(tx.openLots(DEALER));
      };
      assertThat(expected).as("the spend used up the first lot").hasSize(24);
      assertThat(store.write(told)).isEqualTo(expected);
      assertThat(store.write(notTold)).isEqualTo(expected);
      assertThat(store.write(toldOther)).isEqualTo(expected);
      assertThat(store.writeEach(List.of(told, notTold, toldOther))).containsOnly(expected);
    }

    @Test
    void aKeyLookedUpWithTheLocksToComeGivesTheSameAnswersAsLookingUpAndLockingApart() {
      earn(DEALER, 40, JUNE);
      earn(DEALER, 60, DECEMBER);
      IdempotencyKey used = IdempotencyKey.of("used-key");
      Transaction first = ledger.transfer(TransferRequest.of(used, "share", Entry.debit(DEALER, 5), Entry.credit(REP, 5)));
      SortedSet<AccountId> both = new TreeSet<>(List.of(DEALER, REP));
      record Seen(Optional<IdempotencyRecord> key, Map<AccountId, AccountState> states, List<Lot> lots,
          TransactionId next) {}
      for (IdempotencyKey key : List.of(used, IdempotencyKey.of("new-key"))) {
        Function<StoreTransaction, Seen> apart = tx -> {
          Optional<IdempotencyRecord> known = tx.idempotency(key);
          Map<AccountId, AccountState> states = tx.lockAccounts(both, Set.of(DEALER));
          return new Seen(known, states, listOf(tx.openLots(DEALER)), tx.nextTransactionId());
        };
        Function<StoreTransaction, Seen> together = tx -> {
          Optional<IdempotencyRecord> known = tx.idempotency(key, both, Set.of(DEALER));
          Map<AccountId, AccountState> states = tx.lockAccounts(both, Set.of(DEALER));
          return new Seen(known, states, listOf(tx.openLots(DEALER)), tx.nextTransactionId());
        };
        Seen expected = store.write(apart);
        Seen actual = store.write(together);
        assertThat(actual.key()).isEqualTo(expected.key());
        assertThat(actual.states()).isEqualTo(expected.states());
        assertThat(actual.lots()).isEqualTo(expected.lots()).hasSize(2);
        assertThat(actual.next().value()).isGreaterThan(first.id().value());
      }
      assertThat(store.write(tx -> tx.idempotency(used, both, Set.of(DEALER))).flatMap(IdempotencyRecord::transaction))
          .contains(first.id());
      // a unit that looked up a known key with its locks and then stopped left nothing behind
      assertThat(ledger.balance(DEALER).posted()).isEqualTo(95);
      assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void aReadAfterApplyInTheSameUnitSeesWhatWasApplied() {
      IdempotencyKey key = IdempotencyKey.of("applied-then-read");
      IdempotencyRecord refused = new IdempotencyRecord(key, dev.loyalty.ledger.Digest.of(new byte[32]),
          Optional.empty(), Optional.of(new Rejection(RejectionCode.INSUFFICIENT_BALANCE, "no points")));
      Optional<IdempotencyRecord> seen = store.write(tx -> {
        assertThat(tx.idempotency(key)).isEmpty();
        tx.apply(ChangeSet.idempotencyOnly(refused));
        return tx.idempotency(key);
      });
      assertThat(seen).contains(refused);
      Optional<IdempotencyRecord> later = store.write(tx -> tx.idempotency(key));
      assertThat(later).contains(refused);
    }

    private List<Lot> listOf(Iterable<Lot> lots) {
      List<Lot> out = new java.util.ArrayList<>();
      lots.forEach(out::add);
      return out;
    }

    @Test
    void balanceAsOf_countsPostingsEffectiveAtOrBeforeTheInstant() {
      clock.set(T0.plus(Duration.ofDays(10)));
      ledger.transfer(TransferRequest.of(key(), "late invoice", Entry.debit(ISSUANCE, 30), Entry.credit(DEALER, 30))
          .effectiveAt(T0.plus(Duration.ofDays(2))));
      earn(DEALER, 100, DECEMBER);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 20, "redeem"));
      clock.advance(Duration.ofDays(1));
      ledger.postHold(PostHoldRequest.full(key(), hold, "shipped"));
      assertThat(ledger.balanceAsOf(DEALER, T0.plus(Duration.ofDays(1))).posted()).isZero();
      assertThat(ledger.balanceAsOf(DEALER, T0.plus(Duration.ofDays(2))).posted()).isEqualTo(30);
      assertThat(ledger.balanceAsOf(DEALER, T0.plus(Duration.ofDays(10)))).isEqualTo(new Balance(DEALER, 130, 20, 0));
      assertThat(ledger.balanceAsOf(DEALER, clock.instant())).isEqualTo(ledger.balance(DEALER));
    }

    @Test
    void statement_hasOpeningMovementsAndClosing() {
      earn(DEALER, 100, DECEMBER);
      clock.advance(Duration.ofDays(31));
      Instant feb = clock.instant();
      earn(DEALER, 50, DECEMBER);
      spend(DEALER, 30);
      clock.advance(Duration.ofDays(30));
      earn(DEALER, 1, DECEMBER);
      Statement s = ledger.statement(DEALER, feb, feb.plus(Duration.ofDays(28)));
      assertThat(s.opening()).isEqualTo(100);
      assertThat(s.lines()).extracting(l -> l.amount()).containsExactly(50L, -30L);
      assertThat(s.lines()).extracting(l -> l.balanceAfter()).containsExactly(150L, 120L);
      assertThat(s.closing()).isEqualTo(120);
      assertThatThrownBy(() -> ledger.statement(DEALER, feb, feb)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statement_linesCarryTheirTransactionsReasonAndMetadata() {
      earn(DEALER, 100, DECEMBER);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 40, "redemption")
          .withMetadata(Map.of("redemption", "R-1")));
      ledger.postHold(new PostHoldRequest(key(), hold, java.util.OptionalLong.empty(), "redemption",
          Map.of("redemption", "R-1", "item", "WATCH")));
      Statement s = ledger.statement(DEALER, T0, clock.instant().plusSeconds(1));
      // The hold itself posts nothing, so only the earn and the post are lines.
      assertThat(s.lines()).extracting(l -> l.reason()).containsExactly("earn", "redemption");
      assertThat(s.lines().get(0).metadata()).isEmpty();
      assertThat(s.lines().get(1).metadata()).isEqualTo(Map.of("redemption", "R-1", "item", "WATCH"));
      assertThat(s.lines().get(1).amount()).isEqualTo(-40);
    }

    @Test
    void history_pagesThroughAnAccountsTransactionsOldestFirst() {
      for (int i = 0; i < 7; i++) {
        earn(DEALER, 1, DECEMBER);
        earn(REP, 1, DECEMBER);
      }
      HistoryPage first = ledger.history(DEALER, Optional.empty(), 3);
      HistoryPage second = ledger.history(DEALER, first.next(), 3);
      HistoryPage third = ledger.history(DEALER, second.next(), 3);
      assertThat(first.transactions()).hasSize(3);
      assertThat(second.transactions()).hasSize(3);
      assertThat(third.transactions()).hasSize(1);
      assertThat(third.next()).isEmpty();
      assertThat(List.of(first, second, third)).flatExtracting(HistoryPage::transactions)
          .allSatisfy(tx -> assertThat(tx.amountFor(DEALER)).isEqualTo(1))
          .extracting(Transaction::id).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void journal_pagesThroughEveryTransactionOfEveryAccountOldestFirst() {
      List<Transaction> written = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        written.add(earn(DEALER, 1, DECEMBER));
        written.add(earn(REP, 1, DECEMBER));
      }
      ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 2, "redemption"));   // posts nothing, still in the journal
      List<Transaction> dealers = ledger.history(DEALER, Optional.empty(), 100).transactions();
      written.add(dealers.get(dealers.size() - 1));
      HistoryPage first = ledger.journal(Optional.empty(), 4);
      HistoryPage second = ledger.journal(first.next(), 4);
      HistoryPage third = ledger.journal(second.next(), 4);
      assertThat(first.transactions()).hasSize(4);
      assertThat(second.transactions()).hasSize(4);
      assertThat(third.transactions()).hasSize(1);
      assertThat(third.next()).isEmpty();
      assertThat(List.of(first, second, third)).flatExtracting(HistoryPage::transactions)
          .containsExactlyElementsOf(written);
      assertThat(ledger.journal(Optional.empty(), 9).next()).isEmpty();
    }

    @Test
    void journal_andHistory_refuseAPageOfNoneOrOverTenThousand() {
      earn(DEALER, 1, DECEMBER);
      for (int limit : new int[] {0, 10_001}) {
        assertThatThrownBy(() -> ledger.journal(Optional.empty(), limit))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was " + limit);
        assertThatThrownBy(() -> ledger.history(DEALER, Optional.empty(), limit))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was " + limit);
      }
      assertThat(ledger.journal(Optional.empty(), 10_000).transactions()).hasSize(1);
    }

    @Test
    void lots_includeSpentOnesWhenAsked() {
      earn(DEALER, 10, JUNE);
      earn(DEALER, 10, DECEMBER);
      spend(DEALER, 10);
      assertThat(ledger.lots(DEALER, false)).hasSize(1);
      assertThat(ledger.lots(DEALER, true)).extracting(Lot::remaining).containsExactly(0L, 10L);
    }
  }

  @Nested
  class HashChain {
    @Test
    void verify_acceptsAnUntouchedJournal() {
      earn(DEALER, 10, JUNE);
      spend(DEALER, 5);
      ChainVerification v = ledger.verify();
      assertThat(v.intact()).isTrue();
      assertThat(v.checked()).isEqualTo(2);
      assertThat(ledger.verify().head()).isEqualTo(v.head());
    }

    @Test
    void verify_reportsTheFirstAlteredTransaction() {
      earn(DEALER, 10, JUNE);
      Transaction second = earn(DEALER, 20, JUNE);
      earn(DEALER, 30, JUNE);
      ledger.verify();
      tamper(store, second.id(), tx -> new Transaction(tx.id(), tx.type(), tx.key(), tx.reason(), tx.metadata(),
          tx.effectiveAt(), tx.recordedAt(), List.of(new Posting(ISSUANCE, -2000), new Posting(DEALER, 2000)),
          tx.pending(), tx.lotMovements(), tx.hold(), tx.reverses()));
      ChainVerification v = ledger.verify();
      assertThat(v.intact()).isFalse();
      assertThat(v.brokenAt()).contains(2L);
      assertThat(v.transaction()).contains(second.id());
    }
  }

  /**
   * Tampering behind the ledger's back, sealed or not yet sealed: what verify() and audit() detect.
   * (A store that seals after every command, as the in-memory one does, has nothing unsealed; one
   * that seals every few commands, as the PostgreSQL one does, has the latest rows unsealed here.)
   */
  @Nested
  class TamperEvidence {
    private Transaction first;
    private Transaction second;
    private Transaction third;

    /** Three transactions, none sealed yet on a store that seals every few commands. */
    private void threeTransactions() {
      first = earn(DEALER, 10, JUNE);
      second = earn(DEALER, 20, JUNE);
      third = spend(DEALER, 5);
    }

    private Transaction forged(Transaction tx) {
      return new Transaction(tx.id(), tx.type(), tx.key(), tx.reason(), tx.metadata(), tx.effectiveAt(),
          tx.recordedAt(), List.of(new Posting(ISSUANCE, -2000), new Posting(DEALER, 2000)), tx.pending(),
          tx.lotMovements(), tx.hold(), tx.reverses(), tx.reversedPostings());
    }

    private void assertBrokenAt(long position, TransactionId id, String... detail) {
      ChainVerification v = ledger.verify();
      assertThat(v.intact()).as(v.detail()).isFalse();
      assertThat(v.brokenAt()).contains(position);
      assertThat(v.transaction()).contains(id);
      for (String part : detail) {
        assertThat(v.detail()).contains(part);
      }
    }

    @Test
    void anEditOfATransactionNotSealedYetIsDetected() {
      threeTransactions();
      tamper(store, new Tampering.EditTransaction(second.id(), this::forged));
      assertBrokenAt(2, second.id(), "not what was written");
    }

    @Test
    void anEditOfASealedTransactionIsDetected() {
      threeTransactions();
      assertThat(ledger.verify().intact()).isTrue();
      tamper(store, new Tampering.EditTransaction(second.id(), this::forged));
      assertBrokenAt(2, second.id(), "not what was written");
    }

    @Test
    void aDeletedTransactionIsDetectedSealedOrNot() {
      threeTransactions();
      tamper(store, new Tampering.DeleteTransaction(third.id()));
      assertBrokenAt(3, third.id(), "missing");
      tamper(store, new Tampering.DeleteTransaction(first.id()));
      assertBrokenAt(1, first.id(), "missing");
    }

    @Test
    void aDamagedRowIsABrokenLinkWithItsPositionNeverAnException() {
      threeTransactions();
      tamper(store, new Tampering.DamageTransaction(second.id()));
      assertBrokenAt(2, second.id(), "damaged");
      AuditReport report = ledger.audit();
      assertThat(report.findings()).anySatisfy(f -> {
        assertThat(f.kind()).isEqualTo(AuditFinding.Kind.TRANSACTION);
        assertThat(f.subject()).isEqualTo(second.id().toString());
      });
    }

    @Test
    void aClearedReversalLinkIsFound() {
      Transaction invoice = earn(DEALER, 100, JUNE);
      Transaction refund = ledger.reverse(ReversalRequest.of(key(), invoice.id(), "return"));
      tamper(store, new Tampering.UnlinkReversal(refund.id()));
      assertThat(ledger.audit().findings()).anySatisfy(f -> {
        assertThat(f.kind()).isEqualTo(AuditFinding.Kind.REVERSAL);
        assertThat(f.subject()).isEqualTo(invoice.id().toString());
        assertThat(f.detail()).contains(refund.id().toString());
      });
    }
  }

  /** audit(): the stored state recomputed from the journal. */
  @Nested
  class Audit {
    private void everyKindOfCommand() {
      earn(DEALER, 100, JUNE);
      Transaction invoice = earn(REP, 50, DECEMBER);
      ledger.transfer(TransferRequest.of(key(), "fund", Entry.debit(ISSUANCE, 500), Entry.credit(BUDGET, 500)));
      HoldId posted = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 30, "redeem"));
      ledger.postHold(PostHoldRequest.partial(key(), posted, 20, "shipped"));
      HoldId voided = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 10, "redeem"));
      ledger.voidHold(VoidHoldRequest.of(key(), voided, "cancelled"));
      ledger.hold(HoldRequest.of(key(), BUDGET, REP, 40, "claim")); // left open
      ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 5, "redeem")); // left open
      ledger.reverse(ReversalRequest.partial(key(), invoice.id(), Map.of(REP, -20L, ISSUANCE, 20L), "part"));
      spend(REP, 30);
      ledger.reverse(ReversalRequest.of(key(), invoice.id(), "fraud").withPolicy(ShortfallPolicy.allowNegative()));
      clock.set(JUNE);
      ledger.expire(ExpiryRequest.of(key(), BREAKAGE, JUNE));
    }

    @Test
    void aSoundLedgerAuditsClean() {
      everyKindOfCommand();
      AuditReport report = ledger.audit();
      assertThat(report.findings()).isEmpty();
      assertThat(report.isClean()).isTrue();
      assertThat(report.transactions()).isEqualTo(LedgerSnapshot.of(store).journal().size());
      assertThat(report.accounts()).isEqualTo(7);
    }

    @Test
    void twoBalanceEditsThatCancelOutAreFound() {
      everyKindOfCommand();
      tamper(store, new Tampering.EditAccount(DEALER, s -> new AccountState(s.account(), s.posted() + 50,
          s.pendingDebits(), s.pendingCredits(), s.debt(), s.inflow(), s.outflow(), s.lastCreditAt())));
      tamper(store, new Tampering.EditAccount(CLEARING, s -> new AccountState(s.account(), s.posted() - 50,
          s.pendingDebits(), s.pendingCredits(), s.debt(), s.inflow(), s.outflow(), s.lastCreditAt())));
      assertThat(ledger.trialBalance().isBalanced()).as("the totals still balance").isTrue();
      assertThat(ledger.verify().intact()).as("the journal is untouched").isTrue();
      assertThat(ledger.audit().findings()).filteredOn(f -> f.kind() == AuditFinding.Kind.ACCOUNT)
          .extracting(AuditFinding::subject).contains("wallet:dealer", "system:clearing");
    }

    @Test
    void aHoldSetBackToOpenAndAnEditedLotAreFound() {
      earn(DEALER, 100, JUNE);
      HoldId hold = ledger.hold(HoldRequest.of(key(), DEALER, CLEARING, 30, "redeem"));
      ledger.postHold(PostHoldRequest.full(key(), hold, "shipped"));
      tamper(store, new Tampering.EditHold(hold, h -> new Hold(h.id(), h.from(), h.to(), h.amount(), h.toExpiry(),
          h.timeoutAt(), h.reservations(), HoldStatus.OPEN, 0, Optional.empty(), h.createdAt())));
      Lot lot = ledger.lots(DEALER, false).get(0);
      tamper(store, new Tampering.EditLot(DEALER, lot.id(), l -> l.with(l.remaining() + 5, l.held())));
      List<AuditFinding> findings = ledger.audit().findings();
      assertThat(findings).anySatisfy(f -> {
        assertThat(f.kind()).isEqualTo(AuditFinding.Kind.HOLD);
        assertThat(f.subject()).isEqualTo(hold.toString());
        assertThat(f.detail()).contains("status", "OPEN", "POSTED");
      });
      assertThat(findings).anySatisfy(f -> {
        assertThat(f.kind()).isEqualTo(AuditFinding.Kind.LOT);
        assertThat(f.subject()).isEqualTo(lot.id().toString());
        assertThat(f.detail()).contains("remaining");
      });
    }

    @Test
    void aForgottenKeyIsFound() {
      TransferRequest request = TransferRequest.of(IdempotencyKey.of("inv-9"), "earn", Entry.debit(ISSUANCE, 10),
          Entry.credit(DEALER, 10));
      ledger.transfer(request);
      tamper(store, new Tampering.ForgetKey(IdempotencyKey.of("inv-9")));
      assertThat(ledger.audit().findings()).singleElement().satisfies(f -> {
        assertThat(f.kind()).isEqualTo(AuditFinding.Kind.KEY);
        assertThat(f.subject()).isEqualTo("inv-9");
      });
    }
  }
}
