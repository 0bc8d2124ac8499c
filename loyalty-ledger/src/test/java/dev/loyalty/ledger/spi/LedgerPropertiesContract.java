package dev.loyalty.ledger.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.ChainVerification;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.ExpiryRequest;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyConflictException;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.LedgerCommand;
import dev.loyalty.ledger.LedgerException;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.ShortfallPolicy;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.VoidHoldRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Model-based properties every store must satisfy: random sequences of ledger commands run
 * against a {@link Ledger} over the store and against {@link LedgerModel}, a plain re-statement of
 * the rules. After every step the two must agree on every balance, lot and hold, and the
 * ledger's invariants must hold on their own. Extend it with {@link #createStore()}; a slow
 * store may lower the number of tries with its own {@code @PropertyDefaults(tries = ...)}.
 */
@PropertyDefaults(tries = 200)
public abstract class LedgerPropertiesContract {

  /** A new, empty store. Called once per try. */
  protected abstract LedgerStore createStore();

  /** Replaces the stored transaction {@code id} by {@code change.apply(it)}, bypassing the ledger. */
  protected abstract void tamper(LedgerStore store, TransactionId id, UnaryOperator<Transaction> change);

  /** Applies {@code tampering} to the store behind the ledger's back, with the store's own means. */
  protected abstract void tamper(LedgerStore store, Tampering tampering);

  static final AccountId ISSUANCE = AccountId.of("system:issuance");
  static final AccountId CLEARING = AccountId.of("system:clearing");
  static final AccountId BREAKAGE = AccountId.of("system:breakage");
  static final AccountId CLAWBACK = AccountId.of("system:clawback");
  static final AccountId BUDGET = AccountId.of("budget:campaign");
  static final List<AccountId> WALLETS = List.of(AccountId.of("wallet:a"), AccountId.of("wallet:b"),
      AccountId.of("wallet:c"));
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  // ---------------------------------------------------------------------------------------------
  // Operations (indices into runtime lists are taken modulo their size, so shrinking stays valid)

  sealed interface Op {}

  /**
   * An earn; {@code nasty} picks an edge: 1 expires 9999-12-31T23:59:59.999999999Z, 2 one
   * nanosecond later (refused), 3 effective 0001-01-01, 4 one nanosecond before (refused), 5 text
   * beyond ASCII in its key, reason and metadata (an emoji, a newline, a tab).
   */
  record Earn(int wallet, long amount, int expiryDays, boolean fromBudget, int backdateHours, int nasty)
      implements Op {}

  record Fund(long amount) implements Op {}

  record Move(int from, int to, long amount, boolean carried) implements Op {}

  record Spend(int wallet, long amount, int backdateHours) implements Op {}

  record PlaceHold(int wallet, long amount, boolean pendingCredit, int timeoutHours) implements Op {}

  record Post(int hold, long amount) implements Op {}

  record Void(int hold) implements Op {}

  record Reverse(int tx, int policy, int backdateHours) implements Op {}

  /**
   * A partial reversal of a transaction's first two accounts: {@code share} picks the amount
   * (mostly within what is left, sometimes one more, sometimes with the wrong sign).
   */
  record PartialReverse(int tx, int share, int policy, int backdateHours) implements Op {}

  record Expire(int backdateHours) implements Op {}

  /** A request built with malformed text (an unpaired surrogate, a NUL): refused when built. */
  record BadText(int which) implements Op {}

  /** A caller's command under a key in the ledger's reserved namespace: refused, not remembered. */
  record ReservedKey(int which) implements Op {}

  record Advance(int hours) implements Op {}

  record Sweep() implements Op {}

  record Replay(int command) implements Op {}

  record Conflict(int command) implements Op {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Integer> wallet = Arbitraries.integers().between(0, WALLETS.size() - 1);
    Arbitrary<Long> amount = Arbitraries.longs().between(1, 300);
    // now and then an amount near the bound of a long: the lifetime totals refuse what would pass it
    Arbitrary<Long> earned = Arbitraries.frequencyOf(Tuple.of(30, amount),
        Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE / 3)));
    // mostly now, sometimes hours back (a backdated command)
    Arbitrary<Integer> backdate = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.integers().between(1, 72)));
    Arbitrary<Integer> nasty = Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.integers().between(1, 5)));
    // spends and holds ask for less than earns bring, so that most of them land
    Arbitrary<Long> smaller = Arbitraries.longs().between(1, 120);
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 50);
    Arbitrary<Op> earn = Combinators.combine(wallet, earned, Arbitraries.integers().between(-1, 60),
        Arbitraries.of(true, false), Arbitraries.integers().between(0, 48), nasty).as(Earn::new);
    Arbitrary<Op> fund = amount.map(a -> new Fund(a * 3));
    Arbitrary<Op> move = Combinators.combine(wallet, wallet, smaller, Arbitraries.of(true, false)).as(Move::new);
    Arbitrary<Op> spend = Combinators.combine(wallet, smaller, backdate).as(Spend::new);
    Arbitrary<Op> hold = Combinators.combine(wallet, smaller, Arbitraries.of(true, false),
        Arbitraries.integers().between(0, 72)).as(PlaceHold::new);
    Arbitrary<Op> post = Combinators.combine(index, Arbitraries.longs().between(0, 130)).as(Post::new);
    Arbitrary<Op> voidOp = index.map(Void::new);
    Arbitrary<Op> reverse = Combinators.combine(index, Arbitraries.integers().between(0, 2), backdate)
        .as(Reverse::new);
    Arbitrary<Op> partialReverse = Combinators.combine(index, Arbitraries.integers().between(0, 1000),
        Arbitraries.integers().between(0, 2), backdate).as(PartialReverse::new);
    Arbitrary<Op> expire = backdate.map(Expire::new);
    Arbitrary<Op> badText = Arbitraries.integers().between(0, 5).map(BadText::new);
    Arbitrary<Op> reservedKey = Arbitraries.integers().between(0, 9).map(ReservedKey::new);
    Arbitrary<Op> advance = Arbitraries.integers().between(1, 24 * 20).map(Advance::new);
    Arbitrary<Op> sweep = Arbitraries.just(new Sweep());
    Arbitrary<Op> replay = index.map(Replay::new);
    Arbitrary<Op> conflict = index.map(Conflict::new);
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        Tuple.of(12, earn), Tuple.of(3, fund), Tuple.of(6, move), Tuple.of(5, spend), Tuple.of(7, hold),
        Tuple.of(6, post), Tuple.of(4, voidOp), Tuple.of(4, reverse), Tuple.of(5, partialReverse), Tuple.of(3, expire), Tuple.of(4, advance),
        Tuple.of(1, sweep), Tuple.of(3, replay), Tuple.of(1, conflict), Tuple.of(1, badText),
        Tuple.of(1, reservedKey));
    return op.list().ofMinSize(1).ofMaxSize(80).withSizeDistribution(RandomDistribution.uniform());
  }

  /** Runs one sequence; every assertion below is checked after every step. */
  final class Run {
    final TestClock clock = new TestClock(T0);
    final LedgerStore store = createStore();
    final Ledger ledger = Ledger.using(store, clock);
    final LedgerModel model = new LedgerModel();
    final List<Long> transactionIds = new ArrayList<>();
    final List<Long> holdIds = new ArrayList<>();
    final List<LedgerCommand> commands = new ArrayList<>();
    final Map<LedgerCommand, Object> outcomes = new HashMap<>();
    /** Commands whose key holds an outcome (applied, or refused for the ledger's state): what Conflict reuses. */
    final List<LedgerCommand> remembered = new ArrayList<>();
    int keys;
    int journalSize;

    Run() {
      for (AccountId id : List.of(ISSUANCE, CLEARING, BREAKAGE, CLAWBACK)) {
        open(id, AccountType.SYSTEM);
      }
      open(BUDGET, AccountType.BUDGET);
      WALLETS.forEach(w -> open(w, AccountType.WALLET));
    }

    private void open(AccountId id, AccountType type) {
      ledger.openAccount(id, type);
      model.open(id, type);
    }

    IdempotencyKey key() {
      return IdempotencyKey.of("k" + (++keys));
    }

    void run(List<Op> ops) {
      for (Op op : ops) {
        step(op);
        checkAgainstModel();
        checkInvariants();
      }
      ChainVerification v = ledger.verify();
      assertThat(v.intact()).as(v.detail()).isTrue();
      assertThat(v.checked()).isEqualTo(model.txs.size());
      model.txs.values().stream().filter(tx -> !tx.takenBack.isEmpty()).forEach(tx -> checkReversals(tx.id));
      dev.loyalty.ledger.AuditReport audit = ledger.audit();
      assertThat(audit.findings()).as("audit of an untouched ledger").isEmpty();
      assertThat(audit.transactions()).isEqualTo(model.txs.size());
      Instant t = T0;
      while (!t.isAfter(clock.instant())) {
        for (AccountId id : model.accounts.keySet()) {
          assertThat(ledger.balanceAsOf(id, t).posted()).as("%s as of %s", id, t).isEqualTo(model.postedAsOf(id, t));
        }
        t = t.plus(Duration.ofHours(7));
      }
    }

    void step(Op op) {
      Instant now = clock.instant();
      if (op instanceof Earn e) {
        AccountId w = WALLETS.get(e.wallet());
        AccountId source = e.fromBudget() ? BUDGET : ISSUANCE;
        Instant expiry = e.nasty() == 1 ? Ledger.LATEST_INSTANT : e.nasty() == 2 ? Ledger.LATEST_INSTANT.plusNanos(1)
            : e.expiryDays() < 0 ? null : T0.plus(Duration.ofDays(e.expiryDays()));
        Instant effective = e.nasty() == 3 ? Ledger.EARLIEST_INSTANT
            : e.nasty() == 4 ? Ledger.EARLIEST_INSTANT.minusNanos(1) : now.minus(Duration.ofHours(e.backdateHours()));
        IdempotencyKey key = e.nasty() == 5 ? IdempotencyKey.of(key().value() + "-\uD83D\uDE00") : key();
        TransferRequest request = TransferRequest.of(key, e.nasty() == 5 ? "pr\u00E4mie \u2713" : "earn",
            Entry.debit(source, e.amount()),
            Entry.credit(w, e.amount(), expiry == null ? Expiry.never() : Expiry.at(expiry))).effectiveAt(effective);
        if (e.nasty() == 5) {
          request = request.withMetadata(Map.of("note", "\uD83C\uDF89 two\nlines\t\u20AC", "\uD83D\uDE01", ""));
        }
        Map<AccountId, Long> entries = entries(source, -e.amount(), w, e.amount());
        if (e.nasty() == 2 || e.nasty() == 4) {
          refusedForItsShape(request);
          return;
        }
        transfer(request, entries, Map.of(), List.of(new LedgerModel.Credit(w, e.amount(), expiry, false)), effective);
      } else if (op instanceof Fund f) {
        TransferRequest request = TransferRequest.of(key(), "fund", Entry.debit(ISSUANCE, f.amount()),
            Entry.credit(BUDGET, f.amount()));
        transfer(request, entries(ISSUANCE, -f.amount(), BUDGET, f.amount()), Map.of(),
            List.of(new LedgerModel.Credit(BUDGET, f.amount(), null, false)), now);
      } else if (op instanceof Move m) {
        AccountId from = WALLETS.get(m.from());
        AccountId to = WALLETS.get(m.from() == m.to() ? (m.to() + 1) % WALLETS.size() : m.to());
        TransferRequest request = TransferRequest.of(key(), "move", Entry.debit(from, m.amount()),
            Entry.credit(to, m.amount(), m.carried() ? Expiry.carried() : Expiry.never()));
        transfer(request, entries(from, -m.amount(), to, m.amount()), Map.of(to, m.carried()),
            List.of(new LedgerModel.Credit(to, m.amount(), null, m.carried())), now);
      } else if (op instanceof Spend s) {
        AccountId w = WALLETS.get(s.wallet());
        Instant effective = now.minus(Duration.ofHours(s.backdateHours()));
        TransferRequest request = TransferRequest.of(key(), "spend", Entry.debit(w, s.amount()),
            Entry.credit(CLEARING, s.amount())).effectiveAt(effective);
        transfer(request, entries(w, -s.amount(), CLEARING, s.amount()), Map.of(),
            List.of(new LedgerModel.Credit(CLEARING, s.amount(), null, false)), effective);
      } else if (op instanceof PlaceHold h) {
        AccountId w = WALLETS.get(h.wallet());
        AccountId from = h.pendingCredit() ? BUDGET : w;
        AccountId to = h.pendingCredit() ? w : CLEARING;
        Instant toExpiry = h.pendingCredit() ? T0.plus(Duration.ofDays(30)) : null;
        Instant timeout = h.timeoutHours() == 0 ? null : now.plus(Duration.ofHours(h.timeoutHours()));
        HoldRequest request = HoldRequest.of(key(), from, to, h.amount(), "hold")
            .withToExpiry(toExpiry == null ? Expiry.never() : Expiry.at(toExpiry));
        if (timeout != null) {
          request = request.timeoutAt(timeout);
        }
        Optional<dev.loyalty.ledger.RejectionCode> expected = model.checkHold(from, to, h.amount());
        Object outcome = execute(request, expected);
        if (outcome instanceof Transaction tx) {
          model.hold(tx.id().value(), now, from, to, h.amount(), toExpiry, timeout);
          holdIds.add(tx.id().value());
        }
      } else if (op instanceof Post p) {
        if (holdIds.isEmpty()) {
          return;
        }
        long holdId = pickHold(p.hold());
        LedgerModel.MHold h = model.holds.get(holdId);
        // 0..40 posts in full, 41..125 a part, 126..130 more than held
        OptionalLong asked = p.amount() <= 40 ? OptionalLong.empty()
            : OptionalLong.of(p.amount() <= 125 ? 1 + p.amount() % h.amount : h.amount + p.amount() - 125);
        long amount = asked.orElse(h.amount);
        PostHoldRequest request = new PostHoldRequest(key(), HoldId.of(holdId), asked, "post", Map.of());
        Object outcome = execute(request, model.checkResolve(holdId, true, amount, now));
        if (outcome instanceof Transaction tx) {
          model.post(tx.id().value(), now, holdId, amount);
        }
      } else if (op instanceof Void v) {
        if (holdIds.isEmpty()) {
          return;
        }
        long holdId = pickHold(v.hold());
        Object outcome = execute(VoidHoldRequest.of(key(), HoldId.of(holdId), "void"),
            model.checkResolve(holdId, false, 0, now));
        if (outcome instanceof Transaction tx) {
          model.voidHold(tx.id().value(), now, holdId);
        }
      } else if (op instanceof Reverse r) {
        if (transactionIds.isEmpty()) {
          return;
        }
        long original = transactionIds.get(r.tx() % transactionIds.size());
        Instant effective = now.minus(Duration.ofHours(r.backdateHours()));
        ReversalRequest request = ReversalRequest.of(key(), TransactionId.of(original), "reverse")
            .withPolicy(policy(r.policy())).effectiveAt(effective);
        reverse(request, original, r.policy(), null, effective);
      } else if (op instanceof PartialReverse r) {
        if (transactionIds.isEmpty()) {
          return;
        }
        long original = transactionIds.get(r.tx() % transactionIds.size());
        Map<AccountId, Long> postings = partialOf(model.txs.get(original), r.share());
        Instant effective = now.minus(Duration.ofHours(r.backdateHours()));
        ReversalRequest request = ReversalRequest.partial(key(), TransactionId.of(original), postings, "return")
            .withPolicy(policy(r.policy())).effectiveAt(effective);
        reverse(request, original, r.policy(), postings, effective);
      } else if (op instanceof Expire x) {
        Instant asOf = now.minus(Duration.ofHours(x.backdateHours()));
        ExpiryRequest request = ExpiryRequest.of(key(), BREAKAGE, asOf);
        LedgerSnapshot before = LedgerSnapshot.of(store);
        Optional<dev.loyalty.ledger.RejectionCode> expected = model.checkExpire(asOf, BREAKAGE);
        Object outcome = attemptExpiry(request);
        if (expected.isPresent()) {
          assertThat(outcome).as("expiry run as of %s", asOf).isInstanceOf(LedgerException.class);
          assertThat(((LedgerException) outcome).code()).isEqualTo(expected.get());
          assertThat(LedgerSnapshot.of(store)).isEqualTo(before);
          return;
        }
        @SuppressWarnings("unchecked")
        Optional<Transaction> tx = (Optional<Transaction>) outcome;
        boolean modelExpired = model.expire(tx.map(t -> t.id().value()).orElse(-1L), asOf, BREAKAGE);
        assertThat(tx.isPresent()).as("expiry run wrote a transaction").isEqualTo(modelExpired);
        tx.ifPresent(t -> recordTransaction(t));
        if (tx.isEmpty()) {
          assertThat(LedgerSnapshot.of(store)).isEqualTo(before);
        }
        if (x.backdateHours() == 0) {
          for (AccountId w : WALLETS) {
            for (Lot lot : ledger.lots(w, false)) {
              if (lot.isExpiredAt(now)) {
                assertThat(lot.unheld()).as("unheld rest of expired %s after the run", lot.id()).isZero();
              }
            }
          }
        }
        LedgerSnapshot afterFirst = LedgerSnapshot.of(store);
        assertThat(ledger.expire(ExpiryRequest.of(key(), BREAKAGE, asOf))).as("second expiry run").isEmpty();
        assertThat(LedgerSnapshot.of(store)).isEqualTo(afterFirst);
      } else if (op instanceof BadText b) {
        LedgerSnapshot before = LedgerSnapshot.of(store);
        String lone = b.which() % 2 == 0 ? "\uD83D" : "\uDE00";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
          switch (b.which()) {
            case 0 -> IdempotencyKey.of("pay-" + lone);
            case 1 -> AccountId.of("wallet:" + lone);
            case 2 -> TransferRequest.of(key(), "r" + lone, Entry.debit(ISSUANCE, 1), Entry.credit(CLEARING, 1));
            case 3 -> TransferRequest.of(key(), "r", Entry.debit(ISSUANCE, 1), Entry.credit(CLEARING, 1))
                .withMetadata(Map.of("note", "a\u0000b"));
            case 4 -> TransferRequest.of(key(), "r", Entry.debit(ISSUANCE, 1), Entry.credit(CLEARING, 1))
                .withMetadata(Map.of(lone, "v"));
            default -> IdempotencyKey.of("pay\u0000");
          }
        }).as("malformed text %s", b.which()).isInstanceOf(IllegalArgumentException.class);
        assertThat(LedgerSnapshot.of(store)).isEqualTo(before);
      } else if (op instanceof ReservedKey r) {
        TransferRequest request = TransferRequest.of(IdempotencyKey.of(IdempotencyKey.RESERVED_PREFIX + "timeout/H"
            + r.which()), "squat", Entry.debit(ISSUANCE, 1), Entry.credit(CLEARING, 1));
        refusedForItsShape(request);
      } else if (op instanceof Advance a) {
        clock.advance(Duration.ofHours(a.hours()));
      } else if (op instanceof Sweep) {
        List<Long> expected = model.timedOutHolds(now);
        dev.loyalty.ledger.TimeoutSweep sweep = ledger.voidTimedOutHolds();
        assertThat(sweep.failed()).as("holds the sweep could not void").isEmpty();
        List<Transaction> voided = sweep.voided();
        assertThat(voided).extracting(t -> t.hold().orElseThrow().transaction().value())
            .containsExactlyElementsOf(expected);
        for (Transaction t : voided) {
          model.voidHold(t.id().value(), now, t.hold().orElseThrow().transaction().value());
          recordTransaction(t);
        }
      } else if (op instanceof Replay r) {
        if (commands.isEmpty()) {
          return;
        }
        LedgerCommand command = commands.get(r.command() % commands.size());
        LedgerSnapshot before = LedgerSnapshot.of(store);
        Object again = attempt(command);
        Object first = outcomes.get(command);
        if (first instanceof LedgerException e) {
          assertThat(again).isInstanceOf(e.getClass());
          assertThat(((Throwable) again).getMessage()).isEqualTo(e.getMessage());
        } else {
          assertThat(again).isEqualTo(first);
        }
        assertThat(LedgerSnapshot.of(store)).isEqualTo(before);
      } else if (op instanceof Conflict c) {
        if (remembered.isEmpty()) {
          return;
        }
        LedgerCommand command = remembered.get(c.command() % remembered.size());
        TransferRequest different = TransferRequest.of(command.key(), "something else", Entry.debit(ISSUANCE, 1),
            Entry.credit(CLEARING, 1));
        LedgerSnapshot before = LedgerSnapshot.of(store);
        assertThat(attempt(different)).isInstanceOf(IdempotencyConflictException.class);
        assertThat(LedgerSnapshot.of(store)).isEqualTo(before);
      }
    }

    private ShortfallPolicy policy(int policy) {
      return switch (policy) {
        case 0 -> ShortfallPolicy.refuse();
        case 1 -> ShortfallPolicy.bookTo(CLAWBACK);
        default -> ShortfallPolicy.allowNegative();
      };
    }

    /**
     * A partial reversal of the first two accounts {@code tx} posted to (a credited one taking back,
     * a debited one given back): mostly within what is left there, one point more every tenth
     * share, the wrong signs every 17th. For a transaction without two such accounts, postings that
     * the ledger must refuse for another reason first (it is not reversible).
     */
    private Map<AccountId, Long> partialOf(LedgerModel.MTx tx, int share) {
      AccountId credited = null;
      AccountId debited = null;
      for (var p : tx.postings.entrySet()) {
        if (p.getValue() > 0 && credited == null) {
          credited = p.getKey();
        } else if (p.getValue() < 0 && debited == null) {
          debited = p.getKey();
        }
      }
      if (credited == null || debited == null) {
        return Map.of(WALLETS.get(0), -1L, ISSUANCE, 1L);
      }
      long left = Math.min(tx.left(credited), tx.left(debited));
      long amount = share % 10 == 0 && left < Long.MAX_VALUE ? left + 1 : 1 + share % Math.max(1, left);
      long sign = share % 17 == 0 ? -1 : 1;
      return Map.of(credited, -amount * sign, debited, amount * sign);
    }

    private void reverse(ReversalRequest request, long original, int policy, Map<AccountId, Long> partial,
        Instant now) {
      Object outcome = execute(request, model.checkReverse(original, policy, partial, now));
      if (outcome instanceof Transaction tx) {
        model.reverse(tx.id().value(), now, original, policy, CLAWBACK, partial);
        checkReversals(original);
      }
    }

    /** The ledger's account of what is left to reverse agrees with the model's, and the reversals never exceed it. */
    void checkReversals(long original) {
      LedgerModel.MTx o = model.txs.get(original);
      assertThat(ledger.reversible(TransactionId.of(original))).as("reversible rest of T%s", original)
          .isEqualTo(o.rest());
      Map<AccountId, Long> takenBack = new LinkedHashMap<>();
      for (Transaction r : ledger.reversalsOf(TransactionId.of(original))) {
        assertThat(r.reverses()).contains(TransactionId.of(original));
        for (Posting p : r.reversedPostings()) {
          assertThat(Long.signum(p.amount())).as("sign of reversed %s", p).isEqualTo(-Long.signum(o.postings.get(p.account())));
          takenBack.merge(p.account(), Math.abs(p.amount()), Long::sum);
        }
      }
      takenBack.forEach((account, amount) -> assertThat(amount).as("taken back of T%s on %s", original, account)
          .isLessThanOrEqualTo(Math.abs(o.postings.get(account))));
      assertThat(takenBack).isEqualTo(o.takenBack);
    }

    /** Even indices pick among open holds (when there are any), odd ones among all. */
    private long pickHold(int index) {
      List<Long> open = model.holds.values().stream().filter(h -> h.status == dev.loyalty.ledger.HoldStatus.OPEN)
          .map(h -> h.id).toList();
      List<Long> from = index % 2 == 0 && !open.isEmpty() ? open : holdIds;
      return from.get((index / 2) % from.size());
    }

    private Map<AccountId, Long> entries(AccountId a, long x, AccountId b, long y) {
      Map<AccountId, Long> m = new LinkedHashMap<>();
      m.put(a, x);
      m.put(b, y);
      return m;
    }

    private void transfer(TransferRequest request, Map<AccountId, Long> entries, Map<AccountId, Boolean> carried,
        List<LedgerModel.Credit> credits, Instant effective) {
      Object outcome = execute(request, model.checkTransfer(entries, carried, effective));
      if (outcome instanceof Transaction tx) {
        model.transfer(tx.id().value(), effective, entries, credits);
      }
    }

    /** Executes, compares the outcome with the model's expectation, checks a refusal changed nothing. */
    private Object execute(LedgerCommand command, Optional<dev.loyalty.ledger.RejectionCode> expected) {
      LedgerSnapshot before = LedgerSnapshot.of(store);
      Object outcome = attempt(command);
      commands.add(command);
      outcomes.put(command, outcome);
      remembered.add(command);
      // Shows in the test report how often each command landed or was refused, and why.
      Statistics.label("outcomes").collect(command.getClass().getSimpleName()
          + (command instanceof ReversalRequest r && r.isPartial() ? " (partial)" : ""),
          outcome instanceof LedgerException e ? e.code().name() : "applied");
      if (outcome instanceof LedgerException e) {
        assertThat(Optional.of(e.code())).as("refusal of %s: %s", command, e.getMessage()).isEqualTo(expected);
        assertThat(LedgerSnapshot.of(store)).as("state after refused %s", command).isEqualTo(before);
      } else {
        assertThat(expected).as("model expected a refusal of %s", command).isEmpty();
        recordTransaction((Transaction) outcome);
      }
      return outcome;
    }

    /** A command refused for its shape: INVALID_COMMAND, nothing changed, and nothing remembered under its key. */
    private void refusedForItsShape(LedgerCommand command) {
      execute(command, Optional.of(dev.loyalty.ledger.RejectionCode.INVALID_COMMAND));
      remembered.remove(command);
      if (!command.key().isReserved()) {
        // the key is still free: the store holds no outcome for it
        Optional<IdempotencyRecord> outcome = store.write(tx -> tx.idempotency(command.key()));
        assertThat(outcome).as("outcome of %s", command.key()).isEmpty();
      }
    }

    /** The expiry run's result, or the {@link LedgerException} it threw. */
    private Object attemptExpiry(ExpiryRequest request) {
      try {
        return ledger.expire(request);
      } catch (LedgerException refused) {
        return refused;
      }
    }

    /** The transaction the command returned, or the {@link LedgerException} it threw. */
    private Object attempt(LedgerCommand command) {
      try {
        return ledger.execute(command).orElseThrow();
      } catch (LedgerException refused) {
        return refused;
      }
    }

    private void recordTransaction(Transaction tx) {
      transactionIds.add(tx.id().value());
      long sum = 0;
      for (Posting p : tx.postings()) {
        sum += p.amount();
      }
      assertThat(sum).as("postings of %s", tx.id()).isZero();
      long pending = 0;
      for (Posting p : tx.pending()) {
        pending += p.amount();
      }
      assertThat(pending).as("pending amounts of %s", tx.id()).isZero();
      LedgerModel.MTx modelTx = model.txs.get(tx.id().value());
      if (modelTx != null) {
        Map<AccountId, Long> actual = new LinkedHashMap<>();
        tx.postings().forEach(p -> actual.merge(p.account(), p.amount(), Long::sum));
        assertThat(actual).as("postings of %s", tx.id()).isEqualTo(modelTx.postings);
      }
    }

    void checkAgainstModel() {
      for (var e : model.accounts.entrySet()) {
        AccountId id = e.getKey();
        LedgerModel.Acc m = e.getValue();
        assertThat(ledger.balance(id)).as("balance of %s", id)
            .isEqualTo(new Balance(id, m.posted, m.pendingDebits, m.pendingCredits));
        assertThat(store.accountState(id).orElseThrow().debt()).as("debt of %s", id).isEqualTo(m.debt);
      }
      for (AccountId w : WALLETS) {
        List<String> actual = ledger.lots(w, true).stream()
            .map(l -> l.id().transaction().value() + "." + l.id().index() + ":" + l.original() + "/" + l.remaining()
                + "/" + l.held() + "@" + l.expiresAt().orElse(null))
            .sorted().toList();
        List<String> expected = model.lotsOf(w).stream()
            .map(l -> l.tx + "." + l.index + ":" + l.original + "/" + l.remaining + "/" + l.held + "@" + l.expiry)
            .sorted().toList();
        assertThat(actual).as("lots of %s", w).isEqualTo(expected);
      }
      for (var h : model.holds.values()) {
        assertThat(ledger.findHold(HoldId.of(h.id)).orElseThrow().status()).as("hold %s", h.id).isEqualTo(h.status);
      }
    }

    void checkInvariants() {
      assertThat(ledger.trialBalance().isBalanced()).as("trial balance").isTrue();
      for (AccountState s : store.accountStates()) {
        AccountId id = s.id();
        if (s.account().type().isBoundedBelowByZero() && !model.accounts.get(id).flaggedNegative) {
          assertThat(s.balance().available()).as("available of %s", id).isNotNegative();
        }
        if (s.account().type() == AccountType.WALLET) {
          List<Lot> open = ledger.lots(id, false);
          long remaining = 0;
          long held = 0;
          for (Lot lot : ledger.lots(id, true)) {
            remaining += lot.remaining();
            held += lot.held();
          }
          assertThat(remaining - s.debt()).as("lots minus debt of %s", id).isEqualTo(s.posted());
          assertThat(held).as("held lots of %s", id).isEqualTo(s.pendingDebits());
          assertThat(open).isSortedAccordingTo(Lot.SPEND_ORDER);
        }
      }
      for (Long holdId : holdIds) {
        Hold h = ledger.findHold(HoldId.of(holdId)).orElseThrow();
        assertThat(h.postedAmount()).isBetween(0L, h.amount());
      }
      List<Transaction> journal = store.journal(Optional.empty(), Integer.MAX_VALUE);
      assertThat(journal.size()).as("the journal only grows").isGreaterThanOrEqualTo(journalSize);
      journalSize = journal.size();
      for (Transaction tx : journal) {
        for (LotMovement m : tx.lotMovements()) {
          assertThat(m.amount()).isNotZero();
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What the postings after some time add up to at most (mostPostedAfter), postings out of date order

  /** A step of {@link #mostPostedAfterIsWhatTheLaterPostingsAddUpToAtMost}; days after T0, 0 to 8, often equal. */
  sealed interface Posted {}

  /** Points from issuance to a budget or wallet ({@code account}: 0 the budget, 1-3 a wallet). */
  record Credit(int account, long amount, int day, int nano) implements Posted {}

  /**
   * A debit of a budget or wallet to a wallet or the clearing account: what {@code availableFrom}
   * says it may take from its date on, {@code excess} (-1, 0 or 1) added.
   */
  record Debit(int account, int to, int day, int nano, int excess) implements Posted {}

  /** A hold from a budget or wallet to the clearing account, or (as a claim) from the budget to a wallet. */
  record Held(int account, long amount, boolean claim) implements Posted {}

  /** Posts part of a hold ({@code amount} above 0), or voids it. */
  record Resolved(int hold, long amount) implements Posted {}

  /** Reverses a transfer, all of it or ({@code part} above 0) part, {@code laterDays} after its date. */
  record Undone(int transfer, long part, int laterDays) implements Posted {}

  /** Credits and debits executed together ({@code Ledger.executeAll}: one batch on a database). */
  record Together(List<Posted> steps) implements Posted {}

  private static final List<AccountId> BOUNDED = List.of(BUDGET, WALLETS.get(0), WALLETS.get(1), WALLETS.get(2));

  @Provide
  Arbitrary<List<Posted>> laterPostings() {
    Arbitrary<Integer> account = Arbitraries.integers().between(0, 3);
    Arbitrary<Integer> day = Arbitraries.integers().between(0, 8);
    Arbitrary<Integer> nano = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(0)), Tuple.of(1, Arbitraries.just(1)));
    Arbitrary<Posted> credit = Combinators.combine(account, Arbitraries.longs().between(1, 200), day, nano)
        .as(Credit::new);
    Arbitrary<Posted> debit = Combinators.combine(account, Arbitraries.integers().between(0, 3), day, nano,
        Arbitraries.integers().between(-1, 1)).as(Debit::new);
    Arbitrary<Posted> held = Combinators.combine(account, Arbitraries.longs().between(1, 80), Arbitraries.of(true, false))
        .as(Held::new);
    Arbitrary<Posted> resolved = Combinators.combine(Arbitraries.integers().between(0, 20),
        Arbitraries.longs().between(0, 60)).as(Resolved::new);
    Arbitrary<Posted> undone = Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.longs().between(0, 150),
        Arbitraries.integers().between(0, 3)).as(Undone::new);
    Arbitrary<Posted> mixed = Arbitraries.frequencyOf(Tuple.of(1, credit), Tuple.of(2, debit)).list().ofMinSize(2)
        .ofMaxSize(5).map(Together::new);
    // a credit and then debits of the same account dated before it, in one batch: the debits must see the credit
    Arbitrary<Posted> creditThenEarlierDebits = Combinators.combine(account, Arbitraries.longs().between(1, 200),
        Arbitraries.integers().between(4, 8), Arbitraries.integers().between(0, 3), Arbitraries.integers().between(-1, 1))
        .as((a, amount, late, early, excess) -> new Together(List.of(new Credit(a, amount, late, 0),
            new Debit(a, 0, early, 0, excess), new Debit(a, 0, early, 1, 1))));
    Arbitrary<Posted> together = Arbitraries.oneOf(mixed, creditThenEarlierDebits);
    return Arbitraries.frequencyOf(Tuple.of(6, credit), Tuple.of(6, debit), Tuple.of(2, held), Tuple.of(2, resolved),
        Tuple.of(3, undone), Tuple.of(2, together)).list().ofMinSize(1).ofMaxSize(40);
  }

  /**
   * Postings at out-of-order effective times (several at the same instant, a nanosecond apart,
   * reversed in full or in part at later dates, holds placed, posted and voided, batches): after
   * every step from {@code firstCheck} on (an in-memory index is built on first use, then kept up),
   * the store's {@code mostPostedAfter}, read and in a unit of work, is exactly the definition
   * computed from the journal (the posted balance less the least balance as of any time from then
   * on) and the naive {@link dev.loyalty.ledger.internal.AsOfRoom#mostPostedAfter} over the
   * history; {@code availableFrom} follows from it, and a backdated debit of exactly that much
   * lands while one point more is refused, in a batch too.
   */
  @Property
  void mostPostedAfterIsWhatTheLaterPostingsAddUpToAtMost(@ForAll("laterPostings") List<Posted> steps,
      @ForAll @IntRange(min = 0, max = 8) int firstCheck, @ForAll long seed) {
    new LaterPostingsRun(new java.util.Random(seed)).run(steps, firstCheck);
  }

  /** Runs one sequence of {@link Posted} steps and checks {@code mostPostedAfter} against its definition. */
  final class LaterPostingsRun {
    final TestClock clock = new TestClock(T0.plus(Duration.ofDays(20)));
    final LedgerStore store = createStore();
    final Ledger ledger = Ledger.using(store, clock);
    final java.util.Random random;
    final List<Transaction> transfers = new ArrayList<>();
    final List<HoldId> holds = new ArrayList<>();
    int keys;

    LaterPostingsRun(java.util.Random random) {
      this.random = random;
      for (AccountId id : List.of(ISSUANCE, CLEARING)) {
        ledger.openAccount(id, AccountType.SYSTEM);
      }
      ledger.openAccount(BUDGET, AccountType.BUDGET);
      WALLETS.forEach(w -> ledger.openAccount(w, AccountType.WALLET));
    }

    void run(List<Posted> steps, int firstCheck) {
      for (int i = 0; i < steps.size(); i++) {
        step(steps.get(i));
        if (i >= firstCheck) {
          List<Instant> some = new ArrayList<>(List.of(T0.minusNanos(1)));
          for (int k = 0; k < 2; k++) {
            Instant t = at(random.nextInt(10) - 1, 0);
            some.addAll(List.of(t, t.plusNanos(1), t.minusNanos(1)));
          }
          check(some);
        }
      }
      List<Instant> every = new ArrayList<>();
      for (int d = -1; d <= 20; d++) {
        every.addAll(List.of(at(d, -1), at(d, 0), at(d, 1), at(d, 2)));
      }
      check(every);
      assertThat(ledger.verify().intact()).isTrue();
    }

    private Instant at(int day, int nano) {
      return T0.plus(Duration.ofDays(day)).plusNanos(nano);
    }

    private IdempotencyKey key() {
      return IdempotencyKey.of("p" + (++keys));
    }

    private void step(Posted step) {
      if (step instanceof Credit || step instanceof Debit) {
        TransferRequest request = request(step);
        long room = step instanceof Debit d ? expectedRoom(BOUNDED.get(d.account()), request.effectiveAt().orElseThrow(),
            journal()) : Long.MAX_VALUE;
        Object outcome = attempt(request);
        expectOutcome(request, room, outcome);
      } else if (step instanceof Held h) {
        HoldRequest request = h.claim() ? HoldRequest.of(key(), BUDGET, BOUNDED.get(1 + h.account() % 3), h.amount(), "claim")
            : HoldRequest.of(key(), BOUNDED.get(h.account()), CLEARING, h.amount(), "redeem");
        try {
          holds.add(ledger.hold(request));
        } catch (LedgerException refused) {
          // not enough available: nothing held
        }
      } else if (step instanceof Resolved r && !holds.isEmpty()) {
        HoldId hold = holds.get(r.hold() % holds.size());
        try {
          if (r.amount() > 0) {
            ledger.postHold(PostHoldRequest.partial(key(), hold, r.amount(), "posted"));
          } else {
            ledger.voidHold(VoidHoldRequest.of(key(), hold, "voided"));
          }
        } catch (LedgerException refused) {
          // resolved already, or more than held
        }
      } else if (step instanceof Undone u && !transfers.isEmpty()) {
        Transaction original = transfers.get(u.transfer() % transfers.size());
        ReversalRequest request;
        if (u.part() == 0) {
          request = ReversalRequest.of(key(), original.id(), "undone");
        } else {
          Posting debited = original.postings().stream().filter(p -> p.amount() < 0).findFirst().orElseThrow();
          Posting credited = original.postings().stream().filter(p -> p.amount() > 0).findFirst().orElseThrow();
          long part = 1 + u.part() % credited.amount();
          request = ReversalRequest.partial(key(), original.id(), Map.of(credited.account(), -part, debited.account(), part),
              "undone in part");
        }
        try {
          ledger.reverse(request.effectiveAt(original.effectiveAt().plus(Duration.ofDays(u.laterDays()))));
        } catch (LedgerException refused) {
          // nothing left to reverse, or what it would take back is gone
        }
      } else if (step instanceof Together t) {
        List<TransferRequest> requests = new ArrayList<>();
        for (Posted p : t.steps()) {
          requests.add(request(p));
        }
        List<Transaction> before = journal();
        List<dev.loyalty.ledger.CommandResult> results = ledger.executeAll(requests);
        // each command against what the ones before it in the batch wrote
        List<Transaction> seen = new ArrayList<>(before);
        for (int i = 0; i < requests.size(); i++) {
          TransferRequest request = requests.get(i);
          long room = t.steps().get(i) instanceof Debit d
              ? expectedRoom(BOUNDED.get(d.account()), request.effectiveAt().orElseThrow(), seen) : Long.MAX_VALUE;
          dev.loyalty.ledger.CommandResult result = results.get(i);
          expectOutcome(request, room, result.transaction().isPresent() ? result.transaction().get()
              : result.refusal().orElseThrow());
          result.transaction().ifPresent(seen::add);
        }
      }
    }

    /** The transfer for a credit or debit step; a debit's amount from {@code availableFrom} (before any batch). */
    private TransferRequest request(Posted step) {
      if (step instanceof Credit c) {
        return TransferRequest.of(key(), "credit", Entry.debit(ISSUANCE, c.amount()),
            Entry.credit(BOUNDED.get(c.account()), c.amount())).effectiveAt(at(c.day(), c.nano()));
      }
      Debit d = (Debit) step;
      AccountId from = BOUNDED.get(d.account());
      AccountId to = d.to() == 0 || BOUNDED.get(d.to()).equals(from) ? CLEARING : BOUNDED.get(d.to());
      Instant at = at(d.day(), d.nano());
      long amount = Math.max(1, ledger.availableFrom(from, at) + d.excess());
      return TransferRequest.of(key(), "debit", Entry.debit(from, amount), Entry.credit(to, amount))
          .effectiveAt(at);
    }

    private Object attempt(TransferRequest request) {
      try {
        return ledger.transfer(request);
      } catch (LedgerException refused) {
        return refused;
      }
    }

    /** A debit lands exactly when it is within the room the journal says; a credit always. */
    private void expectOutcome(TransferRequest request, long room, Object outcome) {
      long amount = request.entries().stream().mapToLong(e -> Math.abs(e.amount())).max().orElseThrow();
      if (amount <= room) {
        assertThat(outcome).as("%s of %s effective %s (room %s)", request.reason(), amount,
            request.effectiveAt().orElseThrow(), room).isInstanceOf(Transaction.class);
        transfers.add((Transaction) outcome);
      } else {
        assertThat(outcome).as("%s of %s effective %s (room %s)", request.reason(), amount,
            request.effectiveAt().orElseThrow(), room).isInstanceOf(dev.loyalty.ledger.InsufficientBalanceException.class);
      }
    }

    private List<Transaction> journal() {
      return store.journal(Optional.empty(), Integer.MAX_VALUE);
    }

    /** What a debit of {@code account} effective {@code t} may take, from {@code journal} and the pending debits. */
    private long expectedRoom(AccountId account, Instant t, List<Transaction> journal) {
      long posted = postedAsOf(account, Instant.MAX, journal);
      long available = posted - store.accountState(account).orElseThrow().pendingDebits();
      return Math.min(available, Math.max(0, posted - definition(account, t, journal)));
    }

    /** The posted balance less the least balance as of any time from {@code from} on: as of it and of each later date. */
    private long definition(AccountId account, Instant from, List<Transaction> journal) {
      long least = postedAsOf(account, from, journal);
      for (Transaction tx : journal) {
        if (tx.effectiveAt().isAfter(from)) {
          least = Math.min(least, postedAsOf(account, tx.effectiveAt(), journal));
        }
      }
      return postedAsOf(account, Instant.MAX, journal) - least;
    }

    private long postedAsOf(AccountId account, Instant t, List<Transaction> journal) {
      long sum = 0;
      for (Transaction tx : journal) {
        if (!tx.effectiveAt().isAfter(t)) {
          sum += tx.amountFor(account);
        }
      }
      return sum;
    }

    private void check(List<Instant> times) {
      List<Transaction> journal = journal();
      for (AccountId id : List.of(BUDGET, WALLETS.get(0), WALLETS.get(1), WALLETS.get(2), ISSUANCE, CLEARING)) {
        List<Transaction> history = ledger.history(id, Optional.empty(), 10_000).transactions();
        long[] inUnit = store.write(tx -> {
          tx.lockAccounts(new java.util.TreeSet<>(java.util.Set.of(id)));
          long[] out = new long[times.size()];
          for (int i = 0; i < times.size(); i++) {
            out[i] = tx.mostPostedAfter(id, times.get(i));
          }
          return out;
        });
        for (int i = 0; i < times.size(); i++) {
          Instant t = times.get(i);
          long expected = definition(id, t, journal);
          assertThat(store.mostPostedAfter(id, t)).as("%s after %s", id, t).isEqualTo(expected);
          assertThat(inUnit[i]).as("%s after %s, in a unit", id, t).isEqualTo(expected);
          assertThat(dev.loyalty.ledger.internal.AsOfRoom.mostPostedAfter(id, t, history))
              .as("%s after %s, from its history", id, t).isEqualTo(expected);
          if (BOUNDED.contains(id)) {
            assertThat(ledger.availableFrom(id, t)).as("%s available from %s", id, t)
                .isEqualTo(expectedRoom(id, t, journal));
          }
        }
      }
    }
  }

  @Property
  void randomCommandSequencesAgreeWithTheModelAndKeepEveryInvariant(@ForAll("operations") List<Op> ops) {
    new Run().run(ops);
  }

  @Property
  void alteringAnyStoredTransactionIsDetected(@ForAll("operations") List<Op> ops,
      @ForAll @IntRange(min = 0, max = 1000) int victim, @ForAll @IntRange(min = 0, max = 4) int how) {
    Run run = new Run();
    run.run(ops);
    if (run.transactionIds.isEmpty()) {
      return;
    }
    TransactionId id = TransactionId.of(run.transactionIds.get(victim % run.transactionIds.size()));
    switch (how) {
      case 0 -> tamper(run.store, id, tx -> new Transaction(tx.id(), tx.type(), tx.key(), tx.reason() + "!",
          tx.metadata(), tx.effectiveAt(), tx.recordedAt(), tx.postings(), tx.pending(), tx.lotMovements(), tx.hold(),
          tx.reverses(), tx.reversedPostings()));
      case 1 -> tamper(run.store, id, tx -> new Transaction(tx.id(), tx.type(), tx.key(), tx.reason(), tx.metadata(),
          tx.effectiveAt().minusSeconds(1), tx.recordedAt(), tx.postings(), tx.pending(), tx.lotMovements(), tx.hold(),
          tx.reverses(), tx.reversedPostings()));
      case 2 -> tamper(run.store, id, tx -> new Transaction(tx.id(), tx.type(), tx.key(), tx.reason(),
          Map.of("forged", "yes"), tx.effectiveAt(), tx.recordedAt(), tx.postings(), tx.pending(), tx.lotMovements(),
          tx.hold(), tx.reverses(), tx.reversedPostings()));
      case 3 -> tamper(run.store, new Tampering.DeleteTransaction(id));
      default -> tamper(run.store, new Tampering.DamageTransaction(id));
    }
    ChainVerification v = run.ledger.verify();
    assertThat(v.intact()).isFalse();
    assertThat(v.transaction()).contains(id);
    assertThat(v.brokenAt()).contains(run.transactionIds.indexOf(id.value()) + 1L);
  }

  /**
   * Any edit of the state the ledger decides with (balances, lots, holds, keys), however small, is
   * found by the audit, while the journal, and so verify(), stays intact.
   */
  @Property
  void alteringAnyDerivedStateIsFoundByTheAudit(@ForAll("operations") List<Op> ops,
      @ForAll @IntRange(min = 0, max = 1000) int victim, @ForAll @IntRange(min = 0, max = 3) int how) {
    Run run = new Run();
    run.run(ops);
    Assume.that(!run.transactionIds.isEmpty());
    Transaction tx = run.store.transaction(TransactionId.of(run.transactionIds.get(victim % run.transactionIds.size())))
        .orElseThrow();
    AccountId touched = tx.postings().isEmpty() ? tx.pending().get(0).account() : tx.postings().get(0).account();
    dev.loyalty.ledger.AuditFinding.Kind expected;
    if (how == 0) {
      // two edits that cancel out: the totals stay balanced (one point each way, in the direction
      // that overflows neither: the generator earns up to Long.MAX_VALUE into a wallet)
      AccountId other = touched.equals(ISSUANCE) ? CLEARING : ISSUANCE;
      long delta = run.ledger.balance(touched).posted() < Long.MAX_VALUE
          && run.ledger.balance(other).posted() > Long.MIN_VALUE ? 1 : -1;
      tamper(run.store, new Tampering.EditAccount(touched, a -> new AccountState(a.account(), a.posted() + delta,
          a.pendingDebits(), a.pendingCredits(), a.debt(), a.inflow(), a.outflow(), a.lastCreditAt())));
      tamper(run.store, new Tampering.EditAccount(other, a -> new AccountState(a.account(), a.posted() - delta,
          a.pendingDebits(), a.pendingCredits(), a.debt(), a.inflow(), a.outflow(), a.lastCreditAt())));
      assertThat(run.ledger.trialBalance().isBalanced()).isTrue();
      expected = dev.loyalty.ledger.AuditFinding.Kind.ACCOUNT;
    } else if (how == 1 && !tx.lotMovements().isEmpty()) {
      LotMovement m = tx.lotMovements().get(0);
      Lot lot = run.ledger.lots(m.account(), true).stream().filter(l -> l.id().equals(m.lot())).findFirst().orElseThrow();
      tamper(run.store, new Tampering.EditLot(m.account(), lot.id(), l -> l.remaining() > l.held()
          ? l.with(l.remaining() - 1, l.held()) : l.held() > 0 ? l.with(l.remaining(), l.held() - 1) : l.with(1, 0)));
      expected = dev.loyalty.ledger.AuditFinding.Kind.LOT;
    } else if (how == 2 && tx.hold().isPresent()) {
      Hold h = run.ledger.findHold(tx.hold().get()).orElseThrow();
      tamper(run.store, new Tampering.EditHold(h.id(), x -> x.status() == dev.loyalty.ledger.HoldStatus.OPEN
          ? x.resolved(dev.loyalty.ledger.HoldStatus.VOIDED, 0, tx.id())
          : new Hold(x.id(), x.from(), x.to(), x.amount(), x.toExpiry(), x.timeoutAt(), x.reservations(),
              dev.loyalty.ledger.HoldStatus.OPEN, 0, Optional.empty(), x.createdAt())));
      expected = dev.loyalty.ledger.AuditFinding.Kind.HOLD;
    } else {
      tamper(run.store, new Tampering.ForgetKey(tx.key()));
      expected = dev.loyalty.ledger.AuditFinding.Kind.KEY;
    }
    assertThat(run.ledger.verify().intact()).as("the journal is untouched").isTrue();
    assertThat(run.ledger.audit().findings()).extracting(dev.loyalty.ledger.AuditFinding::kind).contains(expected);
  }

  @Property
  void earnThenReverseWithNoSpendInBetweenRestoresTheWallet(@ForAll("operations") List<Op> ops,
      @ForAll @IntRange(min = 0, max = 2) int wallet, @ForAll @IntRange(min = 1, max = 5000) int points) {
    Run run = new Run();
    run.run(ops);
    AccountId w = WALLETS.get(wallet);
    // A wallet in debt (an earlier reversal allowed it negative) uses new points to repay it:
    // then the earn's points are gone by design and the reversal would be short.
    Assume.that(run.store.accountState(w).orElseThrow().debt() == 0);
    // and neither account is so near the bound of its lifetime totals that the earn or its reversal is refused
    Assume.that(run.store.accountState(ISSUANCE).orElseThrow().outflow() <= Long.MAX_VALUE - points
        && run.store.accountState(w).orElseThrow().inflow() <= Long.MAX_VALUE - points
        && run.store.accountState(w).orElseThrow().outflow() <= Long.MAX_VALUE - points
        && run.store.accountState(ISSUANCE).orElseThrow().inflow() <= Long.MAX_VALUE - points);
    Balance before = run.ledger.balance(w);
    List<Lot> lotsBefore = run.ledger.lots(w, false);
    Transaction earn = run.ledger.transfer(TransferRequest.of(run.key(), "earn", Entry.debit(ISSUANCE, points),
        Entry.credit(w, points, Expiry.at(T0.plus(Duration.ofDays(400))))));
    run.ledger.reverse(ReversalRequest.of(run.key(), earn.id(), "return"));
    assertThat(run.ledger.balance(w)).isEqualTo(before);
    assertThat(run.ledger.lots(w, false)).isEqualTo(lotsBefore);
  }
}
