package dev.loyalty.ledger.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.ForwardingStore;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Regression (issues 13 and 20): every backdated debit read the account's transactions effective
 * after its date, and {@code Ledger.availableFrom} its whole history; with activities recorded out
 * of date order a campaign budget's tail grew long and two engine threads fell from 18,000 to about
 * 4,000 activities/s. Now the store answers from its index and the ledger reads no history.
 */
class BackdatedDebitsReadNoHistoryTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId BUDGET = AccountId.of("budget:campaign");
  private static final AccountId DEALER = AccountId.of("wallet:dealer");

  /** A budget funded every hour for 2,000 hours, then 300 awards dated back into those hours. */
  private static long backdatedAwards(ForwardingStore store) {
    TestClock clock = new TestClock(T0.plus(Duration.ofDays(100)));
    Ledger ledger = Ledger.using(store, clock);
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(BUDGET, AccountType.BUDGET);
    ledger.openAccount(DEALER, AccountType.WALLET);
    for (int hour = 0; hour < 2_000; hour++) {
      ledger.transfer(TransferRequest.of(IdempotencyKey.of("fund-" + hour), "fund", Entry.debit(ISSUANCE, 10),
          Entry.credit(BUDGET, 10)).effectiveAt(T0.plus(Duration.ofHours(hour))));
    }
    long awarded = 0;
    for (int i = 0; i < 300; i++) {
      Instant at = T0.plus(Duration.ofHours(i * 5L)).plusSeconds(1);
      long room = ledger.availableFrom(BUDGET, at);
      assertThat(room).as("what the budget held from hour %s on", i * 5).isEqualTo((i * 5L + 1) * 10 - awarded);
      ledger.transfer(TransferRequest.of(IdempotencyKey.of("award-" + i), "award", Entry.debit(BUDGET, 7),
          Entry.credit(DEALER, 7)).effectiveAt(at));
      awarded += 7;
    }
    assertThat(ledger.balance(BUDGET).posted()).isEqualTo(20_000 - awarded);
    return store.historyReads();
  }

  @Test
  void backdatedAwardsAndAvailableFromReadNoHistory() {
    assertThat(backdatedAwards(ForwardingStore.counting(new InMemoryLedgerStore()))).isZero();
  }

  /** The same through the SPI's defaults, which do read it: the count above is real. */
  @Test
  void aStoreWithoutAnIndexReadsTheHistoryForEachOfThem() {
    assertThat(backdatedAwards(ForwardingStore.withSpiDefaults(new InMemoryLedgerStore()))).isGreaterThanOrEqualTo(600);
  }
}
