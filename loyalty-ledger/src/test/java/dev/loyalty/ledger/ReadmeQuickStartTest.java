package dev.loyalty.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The README's quick start, verbatim apart from the assertion, so the README cannot rot. */
class ReadmeQuickStartTest {

  @Test
  void quickStartWorksAsWritten() {
    Ledger ledger = Ledger.inMemory(Clock.systemUTC());

    AccountId issuance = AccountId.of("system:issuance");
    AccountId clearing = AccountId.of("system:redemption-clearing");
    AccountId dealer = AccountId.of("wallet:dealer-17");
    ledger.openAccount(issuance, AccountType.SYSTEM);
    ledger.openAccount(clearing, AccountType.SYSTEM);
    ledger.openAccount(dealer, AccountType.WALLET);

    ledger.transfer(TransferRequest.of(IdempotencyKey.of("earn:INV-1001"), "invoice",
        Entry.debit(issuance, 1_200),
        Entry.credit(dealer, 1_200, Expiry.at(Instant.parse("2026-06-30T23:59:59Z")))));

    HoldId hold = ledger.hold(HoldRequest.of(IdempotencyKey.of("redeem:R-1"), dealer, clearing, 900, "redemption"));
    ledger.postHold(PostHoldRequest.full(IdempotencyKey.of("ship:R-1"), hold, "shipped"));

    Balance balance = ledger.balance(dealer);
    assertThat(balance).isEqualTo(new Balance(dealer, 300, 0, 0));
    assertThat(balance.available()).isEqualTo(300);
  }
}
