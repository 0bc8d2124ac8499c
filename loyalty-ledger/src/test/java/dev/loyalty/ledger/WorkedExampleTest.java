package dev.loyalty.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.spi.TestClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The worked example of docs/LEDGER.md, step by step, with the balances the document shows. */
class WorkedExampleTest {

  @Test
  void theDocumentedWalkThroughGivesTheDocumentedBalances() {
    TestClock clock = new TestClock(Instant.parse("2026-01-10T00:00:00Z"));
    Ledger ledger = Ledger.inMemory(clock);
    AccountId issuance = AccountId.of("system:issuance");
    AccountId clearing = AccountId.of("system:redemption-clearing");
    AccountId breakage = AccountId.of("system:breakage");
    AccountId dealer = AccountId.of("wallet:dealer-17");
    ledger.openAccount(issuance, AccountType.SYSTEM);
    ledger.openAccount(clearing, AccountType.SYSTEM);
    ledger.openAccount(breakage, AccountType.SYSTEM);
    ledger.openAccount(dealer, AccountType.WALLET);

    // 1. earn
    ledger.transfer(TransferRequest.of(IdempotencyKey.of("earn:INV-1"), "invoice", Entry.debit(issuance, 1_000),
        Entry.credit(dealer, 1_000, Expiry.at(Instant.parse("2026-06-30T23:59:59Z")))));
    Transaction inv2 = ledger.transfer(TransferRequest.of(IdempotencyKey.of("earn:INV-2"), "invoice",
        Entry.debit(issuance, 500), Entry.credit(dealer, 500, Expiry.at(Instant.parse("2026-12-31T23:59:59Z")))));
    assertThat(ledger.balance(dealer)).isEqualTo(new Balance(dealer, 1_500, 0, 0));

    // 2. redeem with a hold
    HoldId hold = ledger.hold(HoldRequest.of(IdempotencyKey.of("redeem:R-1"), dealer, clearing, 1_200, "redemption"));
    assertThat(ledger.balance(dealer)).isEqualTo(new Balance(dealer, 1_500, 1_200, 0));
    assertThat(ledger.balance(dealer).available()).isEqualTo(300);
    assertThat(ledger.balance(clearing)).isEqualTo(new Balance(clearing, 0, 0, 1_200));
    assertThat(ledger.lots(dealer, false)).extracting(Lot::held).containsExactly(1_000L, 200L);

    // 3. partial fulfilment
    ledger.postHold(PostHoldRequest.partial(IdempotencyKey.of("ship:R-1"), hold, 800, "shipped"));
    assertThat(ledger.balance(dealer)).isEqualTo(new Balance(dealer, 700, 0, 0));
    assertThat(ledger.lots(dealer, false)).extracting(Lot::remaining).containsExactly(200L, 500L);
    assertThat(ledger.balance(clearing).posted()).isEqualTo(800);

    // 4. a cancelled redemption
    HoldId cancelled = ledger.hold(HoldRequest.of(IdempotencyKey.of("redeem:R-2"), dealer, clearing, 100, "redemption"));
    assertThat(ledger.balance(dealer).available()).isEqualTo(600);
    ledger.voidHold(VoidHoldRequest.of(IdempotencyKey.of("cancel:R-2"), cancelled, "cancelled"));
    assertThat(ledger.balance(dealer)).isEqualTo(new Balance(dealer, 700, 0, 0));

    // 5. INV-2 is returned
    ledger.reverse(ReversalRequest.of(IdempotencyKey.of("return:INV-2"), inv2.id(), "invoice-return"));
    assertThat(ledger.balance(dealer).posted()).isEqualTo(200);
    assertThat(ledger.lots(dealer, false)).extracting(Lot::remaining).containsExactly(200L);

    // 6. expiry run
    clock.set(Instant.parse("2026-07-01T00:00:00Z"));
    ledger.expire(ExpiryRequest.of(IdempotencyKey.of("expiry:2026-07-01"), breakage, clock.instant()));
    assertThat(ledger.balance(dealer).posted()).isZero();
    assertThat(ledger.balance(breakage).posted()).isEqualTo(200);
    assertThat(ledger.balance(issuance).posted()).isEqualTo(-1_000);
    assertThat(ledger.trialBalance().isBalanced()).isTrue();
    assertThat(ledger.verify().intact()).isTrue();
    assertThat(ledger.statement(dealer, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))
        .lines()).extracting(StatementLine::amount).containsExactly(1_000L, 500L, -800L, -500L, -200L);
  }
}
