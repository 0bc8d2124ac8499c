package dev.loyalty.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/LEDGER.md's partial reversal example, verbatim apart from the assertions, so the doc cannot rot. */
class LedgerDocPartialReversalTest {

  @Test
  void thePartialReversalExampleWorksAsWritten() {
    Ledger ledger = Ledger.inMemory(Clock.systemUTC());
    ledger.openAccount(AccountId.of("system:issuance"), AccountType.SYSTEM);
    ledger.openAccount(AccountId.of("wallet:dealer-17"), AccountType.WALLET);
    Transaction invoice = ledger.transfer(TransferRequest.of(IdempotencyKey.of("earn:INV-1"), "invoice",
        Entry.debit(AccountId.of("system:issuance"), 1_000),
        Entry.credit(AccountId.of("wallet:dealer-17"), 1_000, Expiry.at(Instant.parse("2026-06-30T23:59:59Z")))));

    // the invoice credited the dealer 1,000 from issuance; 40% of it comes back
    ledger.reverse(ReversalRequest.partial(IdempotencyKey.of("return:RET-7"), invoice.id(),
        Map.of(AccountId.of("wallet:dealer-17"), -400L, AccountId.of("system:issuance"), 400L), "invoice-return"));
    Map<AccountId, Long> left = ledger.reversible(invoice.id());   // {system:issuance=600, wallet:dealer-17=-600}: what is left
    List<Transaction> reversals = ledger.reversalsOf(invoice.id());  // the reversals so far, oldest first

    assertThat(left).containsExactly(Map.entry(AccountId.of("system:issuance"), 600L),
        Map.entry(AccountId.of("wallet:dealer-17"), -600L));
    assertThat(left.toString()).isEqualTo("{system:issuance=600, wallet:dealer-17=-600}");
    assertThat(reversals).singleElement().satisfies(r -> assertThat(r.reverses()).contains(invoice.id()));
    assertThat(ledger.balance(AccountId.of("wallet:dealer-17")).posted()).isEqualTo(600);
  }
}
