package dev.loyalty.ledger.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.ChainVerification;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.ExpiryRequest;
import dev.loyalty.ledger.HistoryPage;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.LedgerCommand;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.ShortfallPolicy;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.VoidHoldRequest;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-memory store's direct two-entry transfers ({@link DirectTransfer}) against the general
 * planner: the same random command sequences (earns, transfers with every kind of expiry, from
 * every kind of account, short ones, backdated ones, to accounts never opened; around them holds
 * that reserve lots, partial posts, transfers of up to five entries (awards from issuance and a
 * budget to several wallets, debits of two wallets, one wallet to two with carried dates), voids, reversals that leave wallets in debt, expiry runs, key
 * replays and key conflicts) run on a store that writes two-entry transfers directly and on one
 * that plans everything the general way (and links the hash chain through the store SPI's seals,
 * where the first links it itself: {@link SealLog}). Every command must get the same answer (the same
 * transaction, or the same refusal with the same message), and at the end both ledgers must hold
 * the same accounts, balances, lots, histories and journal, and the same hash chain, with nothing
 * for {@code audit()} to report.
 */
class DirectTransferTest {

  private static final AccountId[] ACCOUNTS = {
      AccountId.of("wallet:0"), AccountId.of("wallet:1"), AccountId.of("wallet:2"), AccountId.of("wallet:3"),
      AccountId.of("system:issuance"), AccountId.of("budget:campaign"), AccountId.of("system:breakage"),
      AccountId.of("wallet:never-opened")};
  private static final AccountType[] TYPES = {
      AccountType.WALLET, AccountType.WALLET, AccountType.WALLET, AccountType.WALLET,
      AccountType.SYSTEM, AccountType.BUDGET, AccountType.SYSTEM};
  private static final AccountId ISSUANCE = ACCOUNTS[4];
  private static final AccountId BREAKAGE = ACCOUNTS[6];

  /** One random step; its fields mean different things for different kinds (see {@link #command}). */
  record Step(int kind, int a, int b, long amount, int expiry, int days, int backdateHours) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 22),
            Arbitraries.integers().between(0, ACCOUNTS.length - 1),
            Arbitraries.integers().between(0, ACCOUNTS.length - 1),
            // round amounts often empty a lot exactly
            Arbitraries.oneOf(Arbitraries.of(10L, 20L, 30L, 50L), Arbitraries.longs().between(1, 300),
                Arbitraries.longs().between(1, 5_000)),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 60),
            Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 200)))
        .as(Step::new).list().ofMinSize(1).ofMaxSize(300);
  }

  @Property(tries = 200)
  void writesWhatTheGeneralPlannerWrites(@ForAll("steps") List<Step> steps) {
    TestClock clock = new TestClock();
    Ledger direct = Ledger.using(new InMemoryLedgerStore(), clock);
    Ledger general = Ledger.using(new InMemoryLedgerStore(false), clock);
    for (int i = 0; i < TYPES.length; i++) {
      direct.openAccount(ACCOUNTS[i], TYPES[i]);
      general.openAccount(ACCOUNTS[i], TYPES[i]);
    }
    List<LedgerCommand> sent = new ArrayList<>();
    List<HoldId> holds = new ArrayList<>();
    List<TransactionId> written = new ArrayList<>();
    for (int n = 0; n < steps.size(); n++) {
      Step step = steps.get(n);
      if (step.kind() == 19) {
        clock.advance(Duration.ofDays(step.days()));
        continue;
      }
      LedgerCommand command = command(n, step, clock, sent, holds, written);
      sent.add(command);
      Object fromDirect = outcome(direct, command);
      Object fromGeneral = outcome(general, command);
      assertThat(fromDirect).as("step %d, %s", n, command).isEqualTo(fromGeneral);
      if (fromDirect instanceof Optional<?> tx && tx.isPresent()) {
        Transaction t = (Transaction) tx.get();
        written.add(t.id());
        t.hold().filter(h -> command instanceof HoldRequest).ifPresent(holds::add);
      }
    }
    assertSameState(direct, general);
  }

  /**
   * Each movement of a direct transfer, a credit's new lot or a debit's take, has its own lot's
   * expiry, to the nanosecond, where expiries one nanosecond or one day apart come one after another.
   */
  @Example
  void movementsKeepTheirOwnExpiries() {
    TestClock clock = new TestClock();
    Ledger ledger = Ledger.using(new InMemoryLedgerStore(), clock);
    AccountId from = ACCOUNTS[0];
    AccountId to = ACCOUNTS[1];
    ledger.openAccount(from, AccountType.WALLET);
    ledger.openAccount(to, AccountType.WALLET);
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    Instant base = clock.instant().plus(Duration.ofDays(30));
    List<Instant> expiries = new ArrayList<>();
    for (int day = 0; day < 6; day++) {
      for (int nanos = 0; nanos < 3; nanos++) {
        expiries.add(base.plus(Duration.ofDays(day)).plusNanos(nanos));
      }
    }
    int n = 0;
    for (Instant at : expiries) {
      Transaction earned = ledger.transfer(TransferRequest.of(IdempotencyKey.of("earn" + n++), "earn",
          Entry.debit(ISSUANCE, 10), Entry.credit(from, 10, Expiry.at(at))));
      assertThat(earned.lotMovements().get(0).expiresAt()).contains(at);
    }
    // each take is from one lot (10 points each, spent in expiry order): its expiry is that lot's
    for (int i = 0; i < expiries.size(); i++) {
      Transaction moved = ledger.transfer(TransferRequest.of(IdempotencyKey.of("move" + i), "move",
          Entry.debit(from, 10), Entry.credit(to, 10, Expiry.carried())));
      assertThat(moved.lotMovements()).hasSize(2);
      assertThat(moved.lotMovements().get(0).expiresAt()).as("take %d", i).contains(expiries.get(i));
      assertThat(moved.lotMovements().get(1).expiresAt()).as("carried %d", i).contains(expiries.get(i));
    }
    assertThat(ledger.verify().intact()).isTrue();
  }

  /** The command of step {@code n}. */
  private static LedgerCommand command(int n, Step s, TestClock clock, List<LedgerCommand> sent, List<HoldId> holds,
      List<TransactionId> written) {
    IdempotencyKey key = IdempotencyKey.of("k" + n);
    AccountId a = ACCOUNTS[s.a()];
    AccountId b = ACCOUNTS[s.b() == s.a() ? (s.b() + 1) % ACCOUNTS.length : s.b()];
    Expiry expiry = switch (s.expiry()) {
      case 0 -> Expiry.never();
      // now and then a nanosecond or two apart: expiries that differ in their nanos only
      case 1 -> Expiry.at(clock.instant().plus(Duration.ofDays(s.days())).plusNanos(s.backdateHours() % 3));
      default -> Expiry.carried();
    };
    return switch (s.kind()) {
      // earns from issuance and from the budget: mostly the direct path's cases
      case 0, 1, 2 -> backdated(TransferRequest.of(key, "earn", Entry.debit(s.kind() == 2 ? ACCOUNTS[5] : ISSUANCE,
          s.amount()), Entry.credit(ACCOUNTS[s.a() % 4], s.amount(), s.expiry() == 2 ? Expiry.never() : expiry)),
          s, clock);
      // any two accounts, any expiry, credit first or debit first
      case 3, 4, 5, 6 -> backdated(s.kind() % 2 == 0
          ? TransferRequest.of(key, "move", Entry.debit(a, s.amount()), Entry.credit(b, s.amount(), expiry))
          : TransferRequest.of(key, "move", Entry.credit(b, s.amount(), expiry), Entry.debit(a, s.amount())), s, clock);
      case 7 -> TransferRequest.of(key, "split", Entry.debit(ISSUANCE, 2 * s.amount()),
          Entry.credit(ACCOUNTS[s.a() % 4], s.amount(), expiry == Expiry.carried() ? Expiry.never() : expiry),
          Entry.credit(ACCOUNTS[(s.a() + 1) % 4], s.amount(), Expiry.never()));
      case 8, 9 -> HoldRequest.of(key, ACCOUNTS[s.a() % 4], s.kind() == 8 ? ISSUANCE : ACCOUNTS[(s.a() + 1) % 4],
          s.amount(), "hold");
      case 10, 11 -> holds.isEmpty() ? ExpiryRequest.of(key, BREAKAGE, clock.instant())
          : s.kind() == 10 ? PostHoldRequest.partial(key, holds.get(s.b() % holds.size()),
              Math.max(1, s.amount() / 2), "post")
          : VoidHoldRequest.of(key, holds.get(s.b() % holds.size()), "void");
      case 12, 13 -> written.isEmpty() ? ExpiryRequest.of(key, BREAKAGE, clock.instant())
          : ReversalRequest.of(key, written.get(s.b() % written.size()), "reverse")
              .withPolicy(s.kind() == 12 ? ShortfallPolicy.allowNegative() : ShortfallPolicy.refuse());
      case 14 -> ExpiryRequest.of(key, BREAKAGE, clock.instant());
      // the same request again under its key, or another request under a used key
      case 15, 16 -> sent.isEmpty() ? ExpiryRequest.of(key, BREAKAGE, clock.instant()) : sent.get(s.b() % sent.size());
      case 17 -> sent.isEmpty() ? ExpiryRequest.of(key, BREAKAGE, clock.instant())
          : TransferRequest.of(sent.get(s.b() % sent.size()).key(), "other", Entry.debit(ISSUANCE, s.amount()),
              Entry.credit(ACCOUNTS[0], s.amount(), Expiry.never()));
      case 18 -> TransferRequest.of(key, "spend", Entry.debit(ACCOUNTS[s.a() % 4], s.amount()),
          Entry.credit(ACCOUNTS[4 + s.b() % 3], s.amount(), Expiry.never()));
      // an award as the engine posts it: issuance and the budget debited, up to three wallets credited
      case 20 -> {
        int credits = 1 + s.b() % 3;
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.debit(ISSUANCE, s.amount() * credits));
        entries.add(Entry.debit(ACCOUNTS[5], (1 + s.days()) * credits));
        for (int k = 0; k < credits; k++) {
          entries.add(Entry.credit(ACCOUNTS[(s.a() + k) % 4], s.amount() + 1 + s.days(), expiry));
        }
        if (s.b() % 5 == 4) {
          java.util.Collections.reverse(entries);
        }
        yield backdated(new TransferRequest(key, entries, "award", java.util.Map.of("activity", "a" + n),
            Optional.empty()), s, clock);
      }
      // two wallets debited (their lots taken in entry order), a system account and a wallet credited
      case 21 -> backdated(new TransferRequest(key, List.of(Entry.debit(ACCOUNTS[s.a() % 4], s.amount()),
          Entry.debit(ACCOUNTS[(s.a() + 1) % 4], 1 + s.days()), Entry.credit(BREAKAGE, s.amount() / 2 + 1, Expiry.never()),
          Entry.credit(s.b() % 4 == 3 ? ACCOUNTS[7] : ACCOUNTS[(s.a() + 2) % 4], s.amount() - s.amount() / 2 - 1 + 1
              + s.days(), expiry)), "pool", java.util.Map.of(), Optional.empty()), s, clock);
      // one wallet to two, the credits carrying the debit's dates: the general planner shares them out
      default -> backdated(new TransferRequest(key, List.of(Entry.debit(ACCOUNTS[s.a() % 4], 2 * s.amount()),
          Entry.credit(ACCOUNTS[(s.a() + 1) % 4], s.amount(), expiry),
          Entry.credit(ACCOUNTS[(s.a() + 2) % 4], s.amount(), Expiry.carried())), "share", java.util.Map.of(),
          Optional.empty()), s, clock);
    };
  }

  /** The transfer, effective some hours ago when the step says so. */
  private static TransferRequest backdated(TransferRequest t, Step s, TestClock clock) {
    return s.backdateHours() == 0 ? t : t.effectiveAt(clock.instant().minus(Duration.ofHours(s.backdateHours())));
  }

  /** What the ledger answered: the transaction (or nothing), or the refusal's class and message. */
  private static Object outcome(Ledger ledger, LedgerCommand command) {
    try {
      return ledger.execute(command);
    } catch (RuntimeException refused) {
      return refused.getClass().getName() + ": " + refused.getMessage();
    }
  }

  private static void assertSameState(Ledger direct, Ledger general) {
    assertThat(direct.accounts()).isEqualTo(general.accounts());
    assertThat(direct.trialBalance()).isEqualTo(general.trialBalance());
    for (int i = 0; i < TYPES.length; i++) {
      AccountId id = ACCOUNTS[i];
      assertThat(direct.balance(id)).as("balance of %s", id).isEqualTo(general.balance(id));
      assertThat(direct.lots(id, true)).as("lots of %s", id).isEqualTo(general.lots(id, true));
      assertThat(direct.lots(id, false)).as("open lots of %s", id).isEqualTo(general.lots(id, false));
      assertThat(direct.openHolds(id)).as("open holds of %s", id).isEqualTo(general.openHolds(id));
      assertThat(direct.history(id, Optional.empty(), 10_000).transactions()).as("history of %s", id)
          .isEqualTo(general.history(id, Optional.empty(), 10_000).transactions());
    }
    HistoryPage journal = direct.journal(Optional.empty(), 10_000);
    assertThat(journal.transactions()).isEqualTo(general.journal(Optional.empty(), 10_000).transactions());
    ChainVerification chain = direct.verify();
    assertThat(chain.intact()).as(chain.detail()).isTrue();
    assertThat(chain.head()).isEqualTo(general.verify().head());
    assertThat(direct.audit().findings()).isEmpty();
    assertThat(general.audit().findings()).isEmpty();
  }
}
