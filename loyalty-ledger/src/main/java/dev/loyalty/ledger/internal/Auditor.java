package dev.loyalty.ledger.internal;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.AuditFinding;
import dev.loyalty.ledger.AuditFinding.Kind;
import dev.loyalty.ledger.AuditReport;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.LotReservation;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransactionType;
import dev.loyalty.ledger.spi.AccountState;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.StoredTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Recomputes, from the journal alone, what the store should hold (every account's balance,
 * pending amounts, debt, lifetime totals and last credit time; every wallet's lots; every hold's
 * state; every key's outcome; every account's history and every reversal link), and reports each
 * difference. The journal is what the hash chain covers; the rest is derived from it, so an edit of
 * the derived state that the journal does not bear out shows here, even where two edits cancel out
 * in the totals. What the journal does not record is only checked for consistency: which lots a
 * hold reserves (against the lots' held amounts and the hold's amount), a hold's timeout and the
 * expiry its post gives.
 *
 * <p>Reads the whole journal and keeps per-account state in memory. Used by one thread, once.
 */
public final class Auditor {

  private static final int PAGE = 1000;

  private final LedgerStore store;
  private final List<AuditFinding> findings = new ArrayList<>();
  private final Map<AccountId, Derived> accounts = new TreeMap<>();
  private final Map<HoldId, DerivedHold> holds = new TreeMap<>();
  private final Map<TransactionId, List<TransactionId>> reversals = new TreeMap<>();
  private final Map<IdempotencyKey, TransactionId> keys = new LinkedHashMap<>();
  private long transactions;

  /** An audit of {@code store}; {@link #run()} does it. */
  public Auditor(LedgerStore store) {
    this.store = store;
  }

  /** What one account should hold, by the journal. */
  private static final class Derived {
    long posted;
    long pendingDebits;
    long pendingCredits;
    long inflow;
    long outflow;
    Instant lastCreditAt;
    final Map<LotId, DerivedLot> lots = new LinkedHashMap<>();
    final List<TransactionId> history = new ArrayList<>();
  }

  private static final class DerivedLot {
    final long original;
    long remaining;
    final Optional<Instant> expiresAt;
    final Instant createdAt;

    DerivedLot(long original, Optional<Instant> expiresAt, Instant createdAt) {
      this.original = original;
      this.remaining = original;
      this.expiresAt = expiresAt;
      this.createdAt = createdAt;
    }
  }

  private static final class DerivedHold {
    final AccountId from;
    final AccountId to;
    final long amount;
    HoldStatus status = HoldStatus.OPEN;
    long posted;
    TransactionId resolvedBy;

    DerivedHold(AccountId from, AccountId to, long amount) {
      this.from = from;
      this.to = to;
      this.amount = amount;
    }
  }

  /** Reads the journal, compares, and reports. */
  public AuditReport run() {
    Optional<TransactionId> after = Optional.empty();
    while (true) {
      List<StoredTransaction> page = store.storedJournal(after, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (StoredTransaction row : page) {
        transactions++;
        if (row.transaction().isEmpty()) {
          found(Kind.TRANSACTION, row.id().toString(), row.problem().orElseThrow()
              + "; what it did is left out of the figures below");
          continue;
        }
        row.problem().ifPresent(p -> found(Kind.TRANSACTION, row.id().toString(), p));
        derive(row.transaction().get());
      }
      after = Optional.of(page.get(page.size() - 1).id());
    }
    List<AccountState> states = read(Kind.ACCOUNT, "the accounts", store::accountStates).orElse(List.of());
    compareAccounts(states);
    compareHolds();
    compareReversals();
    compareKeys();
    return new AuditReport(transactions, states.size(), findings);
  }

  private Derived account(AccountId id) {
    return accounts.computeIfAbsent(id, k -> new Derived());
  }

  private void derive(Transaction tx) {
    if (keys.containsKey(tx.key())) {
      found(Kind.KEY, tx.key().value(), "wrote both " + keys.get(tx.key()) + " and " + tx.id());
    }
    keys.put(tx.key(), tx.id());
    Map<AccountId, Boolean> touched = new LinkedHashMap<>();
    // a hold's amount counts in the lifetime totals once, when it is placed: its post is not counted again
    boolean counted = tx.type() != TransactionType.HOLD_POST;
    for (Posting p : tx.postings()) {
      Derived d = account(p.account());
      touched.put(p.account(), true);
      d.posted = Math.addExact(d.posted, p.amount());
      if (p.amount() > 0) {
        if (counted) {
          d.inflow = Math.addExact(d.inflow, p.amount());
        }
        d.lastCreditAt = d.lastCreditAt == null || d.lastCreditAt.isBefore(tx.effectiveAt()) ? tx.effectiveAt()
            : d.lastCreditAt;
      } else if (counted) {
        d.outflow = Math.addExact(d.outflow, -p.amount());
      }
    }
    int sign = tx.type() == TransactionType.HOLD ? 1 : -1;
    for (Posting p : tx.pending()) {
      Derived d = account(p.account());
      touched.put(p.account(), true);
      if (p.amount() < 0) {
        d.pendingDebits = Math.addExact(d.pendingDebits, sign * -p.amount());
        if (sign > 0) {
          d.outflow = Math.addExact(d.outflow, -p.amount());
        }
      } else {
        d.pendingCredits = Math.addExact(d.pendingCredits, sign * p.amount());
        if (sign > 0) {
          d.inflow = Math.addExact(d.inflow, p.amount());
        }
      }
    }
    deriveHold(tx);
    for (LotMovement m : tx.lotMovements()) {
      Derived d = account(m.account());
      if (m.amount() > 0) {
        d.lots.put(m.lot(), new DerivedLot(m.amount(), m.expiresAt(), tx.effectiveAt()));
      } else {
        DerivedLot lot = d.lots.get(m.lot());
        if (lot == null) {
          found(Kind.LOT, m.lot().toString(), tx.id() + " takes " + -m.amount() + " from it, but no earlier "
              + "transaction created it in " + m.account());
        } else {
          lot.remaining -= -m.amount();
        }
      }
    }
    tx.reverses().ifPresent(original -> reversals.computeIfAbsent(original, k -> new ArrayList<>()).add(tx.id()));
    touched.keySet().forEach(id -> account(id).history.add(tx.id()));
  }

  private void deriveHold(Transaction tx) {
    if (tx.hold().isEmpty()) {
      return;
    }
    HoldId id = tx.hold().get();
    if (tx.type() == TransactionType.HOLD) {
      AccountId from = null;
      AccountId to = null;
      long amount = 0;
      for (Posting p : tx.pending()) {
        if (p.amount() < 0) {
          from = p.account();
        } else {
          to = p.account();
          amount = p.amount();
        }
      }
      if (from != null && to != null) {
        holds.put(id, new DerivedHold(from, to, amount));
      }
      return;
    }
    DerivedHold h = holds.get(id);
    if (h == null) {
      found(Kind.HOLD, id.toString(), tx.id() + " resolves it, but no earlier transaction opened it");
    } else if (h.status != HoldStatus.OPEN) {
      found(Kind.HOLD, id.toString(), tx.id() + " resolves it again, after " + h.resolvedBy);
    } else {
      h.status = tx.type() == TransactionType.HOLD_POST ? HoldStatus.POSTED : HoldStatus.VOIDED;
      h.posted = tx.type() == TransactionType.HOLD_POST ? tx.amountFor(h.to) : 0;
      h.resolvedBy = tx.id();
    }
  }

  private void compareAccounts(List<AccountState> states) {
    Map<AccountId, AccountState> byId = new HashMap<>();
    for (AccountState s : states) {
      byId.put(s.id(), s);
      Derived d = accounts.getOrDefault(s.id(), new Derived());
      String id = s.id().toString();
      differs(Kind.ACCOUNT, id, "posted balance", s.posted(), d.posted);
      differs(Kind.ACCOUNT, id, "pending debits", s.pendingDebits(), d.pendingDebits);
      differs(Kind.ACCOUNT, id, "pending credits", s.pendingCredits(), d.pendingCredits);
      differs(Kind.ACCOUNT, id, "lifetime inflow", s.inflow(), d.inflow);
      differs(Kind.ACCOUNT, id, "lifetime outflow", s.outflow(), d.outflow);
      differs(Kind.ACCOUNT, id, "last credit", s.lastCreditAt(), Optional.ofNullable(d.lastCreditAt));
      if (s.account().type() == AccountType.WALLET) {
        compareLots(s, d);
      } else {
        differs(Kind.ACCOUNT, id, "debt", s.debt(), 0L);
      }
      compareHistory(s.id(), d.history);
    }
    accounts.forEach((id, d) -> {
      if (!byId.containsKey(id)) {
        found(Kind.ACCOUNT, id.toString(), "the journal posts to it, but the store has no such account");
      }
    });
  }

  private void compareLots(AccountState s, Derived d) {
    String id = s.id().toString();
    long remaining = 0;
    for (DerivedLot lot : d.lots.values()) {
      remaining = Math.addExact(remaining, lot.remaining);
    }
    // a wallet's posted balance is its lots' remainders less its debt, so the debt follows
    differs(Kind.ACCOUNT, id, "debt", s.debt(), remaining - d.posted);
    Map<LotId, Long> held = heldByLot(s.id());
    List<Lot> stored = read(Kind.LOT, "the lots of " + id, () -> store.lots(s.id(), true)).orElse(List.of());
    Map<LotId, Lot> storedById = new HashMap<>();
    for (Lot lot : stored) {
      storedById.put(lot.id(), lot);
      DerivedLot want = d.lots.get(lot.id());
      if (want == null) {
        found(Kind.LOT, lot.id().toString(), "held by " + id + " in the store, but no transaction created it");
        continue;
      }
      String lotId = lot.id().toString();
      differs(Kind.LOT, lotId, "original amount", lot.original(), want.original);
      differs(Kind.LOT, lotId, "remaining", lot.remaining(), want.remaining);
      differs(Kind.LOT, lotId, "expiry", lot.expiresAt(), want.expiresAt);
      differs(Kind.LOT, lotId, "creation time", lot.createdAt(), want.createdAt);
      differs(Kind.LOT, lotId, "held (by the open holds' reservations)", lot.held(), held.getOrDefault(lot.id(), 0L));
    }
    d.lots.forEach((lotId, lot) -> {
      if (!storedById.containsKey(lotId)) {
        found(Kind.LOT, lotId.toString(), "created in " + id + " by the journal, but missing from the store");
      }
    });
  }

  /** Per lot of {@code wallet}, what the holds open by the journal reserve of it (as the stored holds say). */
  private Map<LotId, Long> heldByLot(AccountId wallet) {
    Map<LotId, Long> held = new HashMap<>();
    holds.forEach((id, h) -> {
      if (h.status == HoldStatus.OPEN && h.from.equals(wallet)) {
        read(Kind.HOLD, "hold " + id, () -> store.hold(id)).flatMap(x -> x).ifPresent(stored -> {
          long reserved = 0;
          for (LotReservation r : stored.reservations()) {
            held.merge(r.lot(), r.amount(), Long::sum);
            reserved += r.amount();
          }
          differs(Kind.HOLD, id.toString(), "reserved in lots", reserved, h.amount);
        });
      }
    });
    return held;
  }

  private void compareHistory(AccountId account, List<TransactionId> derived) {
    List<TransactionId> stored = new ArrayList<>();
    Optional<TransactionId> after = Optional.empty();
    while (true) {
      Optional<TransactionId> from = after;
      Optional<List<Transaction>> page = read(Kind.HISTORY, "the history of " + account, () -> store.history(account, from, PAGE));
      if (page.isEmpty() || page.get().isEmpty()) {
        break;
      }
      page.get().forEach(tx -> stored.add(tx.id()));
      after = Optional.of(page.get().get(page.get().size() - 1).id());
    }
    if (!stored.equals(derived)) {
      List<TransactionId> missing = new ArrayList<>(derived);
      missing.removeAll(stored);
      List<TransactionId> extra = new ArrayList<>(stored);
      extra.removeAll(derived);
      found(Kind.HISTORY, account.toString(), "lists " + stored.size() + " transactions where the journal has "
          + derived.size() + (missing.isEmpty() ? "" : "; missing " + missing) + (extra.isEmpty() ? "" : "; extra " + extra));
    }
  }

  private void compareHolds() {
    holds.forEach((id, want) -> {
      Optional<Hold> stored = read(Kind.HOLD, "hold " + id, () -> store.hold(id)).flatMap(x -> x);
      if (stored.isEmpty()) {
        found(Kind.HOLD, id.toString(), "opened by the journal, but missing from the store");
        return;
      }
      Hold h = stored.get();
      String subject = id.toString();
      differs(Kind.HOLD, subject, "source", h.from(), want.from);
      differs(Kind.HOLD, subject, "destination", h.to(), want.to);
      differs(Kind.HOLD, subject, "amount", h.amount(), want.amount);
      differs(Kind.HOLD, subject, "status", h.status(), want.status);
      differs(Kind.HOLD, subject, "posted amount", h.postedAmount(), want.posted);
      differs(Kind.HOLD, subject, "resolving transaction", h.resolvedBy(), Optional.ofNullable(want.resolvedBy));
    });
  }

  private void compareReversals() {
    reversals.forEach((original, want) -> {
      List<TransactionId> stored = read(Kind.REVERSAL, "the reversals of " + original, () -> store.reversalsOf(original))
          .map(list -> list.stream().map(Transaction::id).toList()).orElse(List.of());
      if (!stored.equals(want)) {
        found(Kind.REVERSAL, original.toString(), "the store links reversals " + stored + " to it, the journal "
            + want);
      }
    });
  }

  private void compareKeys() {
    List<IdempotencyKey> all = new ArrayList<>(keys.keySet());
    for (int from = 0; from < all.size(); from += PAGE) {
      List<IdempotencyKey> page = all.subList(from, Math.min(all.size(), from + PAGE));
      Map<IdempotencyKey, IdempotencyRecord> stored = read(Kind.KEY, "the keys' outcomes", () -> store.outcomes(page))
          .orElse(Map.of());
      for (IdempotencyKey key : page) {
        IdempotencyRecord record = stored.get(key);
        TransactionId want = keys.get(key);
        if (record == null) {
          found(Kind.KEY, key.value(), "wrote " + want + ", but the store remembers no outcome for it");
        } else if (!record.transaction().equals(Optional.of(want))) {
          found(Kind.KEY, key.value(), "wrote " + want + ", but the store remembers "
              + record.transaction().map(Object::toString).orElse(record.rejection().isPresent() ? "a refusal"
                  : "nothing written"));
        }
      }
    }
  }

  private void differs(Kind kind, String subject, String what, Object stored, Object derived) {
    if (!Objects.equals(stored, derived)) {
      found(kind, subject, what + " is " + show(stored) + " in the store, " + show(derived) + " by the journal");
    }
  }

  private static String show(Object value) {
    return value instanceof Optional<?> o ? o.map(Object::toString).orElse("none") : String.valueOf(value);
  }

  private void found(Kind kind, String subject, String detail) {
    findings.add(new AuditFinding(kind, subject, detail));
  }

  /** A read that may fail on a damaged row: the failure becomes a finding, not an exception. */
  private <T> Optional<T> read(Kind kind, String what, Supplier<T> read) {
    try {
      return Optional.of(read.get());
    } catch (RuntimeException damaged) {
      found(kind, what, "cannot be read: " + damaged);
      return Optional.empty();
    }
  }
}
