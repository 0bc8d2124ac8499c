package dev.loyalty.core.insights;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionType;
import dev.loyalty.ledger.memory.InMemoryLedgerStore;
import dev.loyalty.ledger.spi.ForwardingStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 18, a year's KPIs over 10,000 partners went from 4 s to 9 s): the wallets' sums
 * of the stores' reads ({@code StoreReads}) read each of the ledger's transactions once per report,
 * in one pass over its journal; they read every wallet's history, so an expiry run (one transaction
 * that moves every wallet holding expiring points) was read and scanned once per wallet, quadratic
 * in the number of wallets. The figures themselves are checked by KpiPropertiesTest and
 * InsightsOnPostgresTest.
 */
class WalletPassTest {
  private static final Instant JUNE = Instant.parse("2026-06-10T04:30:00Z");

  @Test
  void theWalletsSumsReadEveryLedgerTransactionOnceAndNoWalletsHistory() {
    ForwardingStore store = ForwardingStore.counting(new InMemoryLedgerStore());
    ChannelFixture f = new ChannelFixture(JUNE.plusSeconds(86_400), new SampleRules(), 300,
        clock -> Ledger.using(store, clock));
    int n = 0;
    for (PartnerId dealer : DEALERS) {
      for (int i = 0; i < 3; i++) {
        f.engine.record(sale("INV-" + n, dealer, Optional.of(rep(dealer, 1 + i % 2)), JUNE.plusSeconds(60L * n++),
            "CAB-25", "cables", 10, "1000"));
      }
    }
    Instant close = Instant.parse("2027-07-31T18:30:00Z");   // points are valid 12 months: every one expires
    f.clock.set(close.plusSeconds(1));
    f.engine.closePeriod(close);
    long expiries = 0;
    for (Transaction tx : f.ledger.journal(Optional.empty(), 10_000).transactions()) {
      if (tx.type() == TransactionType.EXPIRY) {
        expiries++;
        assertThat(tx.postings().size()).as("the expiry run moves every earning wallet").isGreaterThan(9);
      }
    }
    assertThat(expiries).isEqualTo(1);
    long transactions = store.inner().journalSize();

    Insights insights = f.engine.insights();
    // the expiry counts from the close, the first instant of August 2027
    DateRange span = DateRange.of(LocalDate.of(2026, 6, 1), LocalDate.of(2027, 8, 31));
    ProgramKpis kpis = reads(store, transactions, 1, () -> insights.kpis(span, ParticipantFilter.everyone()));
    assertThat(kpis.points().expired()).isPositive().isEqualTo(kpis.points().issued());
    assertThat(kpis.points().outstandingAtEnd()).isZero();
    reads(store, transactions, 1, () -> insights.leaderboard(LeaderboardQuery.of(LeaderboardQuery.Kind.PARTNERS,
        LeaderboardQuery.Metric.POINTS, span, 10)));
    reads(store, transactions, 1, () -> insights.rank(DEALERS.get(1), LeaderboardQuery.of(
        LeaderboardQuery.Kind.PARTNERS, LeaderboardQuery.Metric.POINTS, span, 10)));
    reads(store, transactions, 0, () -> insights.liabilityProjection(YearMonth.of(2027, 8), 3));
  }

  /**
   * Runs {@code report} and checks it read the ledger's journal once ({@code transactions}) and
   * {@code histories} accounts' history: the clawback account's, for returns' shortfalls, where the
   * report has them; no wallet's.
   */
  private static <T> T reads(ForwardingStore store, long transactions, long histories, Supplier<T> report) {
    long journal = store.journalReads();
    long history = store.historyReads();
    T result = report.get();
    assertThat(store.journalReads() - journal).isEqualTo(transactions);
    assertThat(store.historyReads() - history).isEqualTo(histories);
    return result;
  }
}
