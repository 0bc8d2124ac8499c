package dev.loyalty.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.ExpiryRequest;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.VoidHoldRequest;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JDBC store keeps transactions as their canonical bytes: decoding must give back the very transaction. */
class CanonicalDecoderTest {

  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId BREAKAGE = AccountId.of("system:breakage");
  private static final AccountId CLEARING = AccountId.of("system:clearing");
  private static final AccountId DEALER = AccountId.of("wallet:händler-ü");
  private static final AccountId REP = AccountId.of("wallet:rep");

  /** A journal with every transaction type, metadata (non-ASCII too), lots with and without expiry. */
  private static List<Transaction> journalOfEveryKind() {
    TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00.123456789Z"));
    dev.loyalty.ledger.memory.InMemoryLedgerStore store = new dev.loyalty.ledger.memory.InMemoryLedgerStore();
    Ledger ledger = Ledger.using(store, clock);
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(BREAKAGE, AccountType.SYSTEM);
    ledger.openAccount(CLEARING, AccountType.SYSTEM);
    ledger.openAccount(DEALER, AccountType.WALLET);
    ledger.openAccount(REP, AccountType.WALLET);
    Transaction earned = ledger.transfer(TransferRequest.of(IdempotencyKey.of("k1"), "earn",
        Entry.debit(ISSUANCE, 100), Entry.credit(DEALER, 100, Expiry.at(Instant.parse("2026-06-30T00:00:00Z"))))
        .withMetadata(Map.of("invoice", "INV-7", "note", "prämie € ✓", "empty", "")));
    ledger.transfer(TransferRequest.of(IdempotencyKey.of("k2"), "earn", Entry.debit(ISSUANCE, 50),
        Entry.credit(REP, 50)));
    ledger.transfer(TransferRequest.of(IdempotencyKey.of("k3"), "share", Entry.debit(DEALER, 30),
        Entry.credit(REP, 30, Expiry.carried())));
    HoldId posted = ledger.hold(HoldRequest.of(IdempotencyKey.of("k4"), DEALER, CLEARING, 20, "redeem"));
    ledger.postHold(PostHoldRequest.partial(IdempotencyKey.of("k5"), posted, 15, "redeem"));
    HoldId voided = ledger.hold(HoldRequest.of(IdempotencyKey.of("k6"), REP, DEALER, 10, "move"));
    ledger.voidHold(VoidHoldRequest.of(IdempotencyKey.of("k7"), voided, "cancel"));
    ledger.reverse(ReversalRequest.of(IdempotencyKey.of("k8"), earned.id(), "mistake").withPolicy(
        dev.loyalty.ledger.ShortfallPolicy.allowNegative()));
    clock.advance(Duration.ofDays(400));
    ledger.transfer(TransferRequest.of(IdempotencyKey.of("k9"), "earn", Entry.debit(ISSUANCE, 5),
        Entry.credit(DEALER, 5, Expiry.at(clock.instant().minusSeconds(1)))));
    ledger.expire(ExpiryRequest.of(IdempotencyKey.of("k10"), BREAKAGE, clock.instant()));
    Transaction shared = store.journal(Optional.empty(), 100).get(1);
    ledger.reverse(ReversalRequest.partial(IdempotencyKey.of("k11"), shared.id(), Map.of(REP, -10L, ISSUANCE, 10L),
        "part returned")); // format version 2: it records its reversed postings
    return store.journal(Optional.empty(), 100);
  }

  @Test
  void decode_givesBackEveryKindOfTransaction() {
    List<Transaction> journal = journalOfEveryKind();
    assertThat(journal).extracting(Transaction::type).contains(dev.loyalty.ledger.TransactionType.values());
    assertThat(journal).anySatisfy(tx -> assertThat(tx.reversedPostings()).isNotEmpty());
    CanonicalEncoder encoder = CanonicalEncoder.forThisThread();
    for (Transaction tx : journal) {
      assertThat(CanonicalDecoder.transaction(encoder.encode(tx))).isEqualTo(tx);
    }
  }

  @Test
  void decode_refusesTruncatedOrLongerOrForeignBytes() {
    byte[] bytes = CanonicalEncoder.forThisThread().encode(journalOfEveryKind().get(0));
    assertThatThrownBy(() -> CanonicalDecoder.transaction(Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalDecoder.transaction(Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 bytes left");
    byte[] future = bytes.clone();
    future[0] = 3;
    assertThatThrownBy(() -> CanonicalDecoder.transaction(future)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 3");
  }
}
