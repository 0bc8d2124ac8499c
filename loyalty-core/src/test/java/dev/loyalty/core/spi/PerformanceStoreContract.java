package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.TierStanding;
import dev.loyalty.core.spi.PerformanceStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PerformanceStore} must do. A host that keeps figures in its own database
 * extends this class with {@link #createStore()} returning its store over an empty database.
 */
public abstract class PerformanceStoreContract {
  private static final Currency INR = Currency.getInstance("INR");
  private static final PartnerId DEALER = PartnerId.of("dealer-a");
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");

  /** A new, empty store. */
  protected abstract PerformanceStore createStore();

  private static Contribution sale(String id, String amount) {
    return new Contribution(ActivityId.of(id), T, YearMonth.of(2026, 7), Money.of(amount, "INR"),
        Map.of("cables", Money.of(amount, "INR")), 1, Optional.empty());
  }

  @Test
  void anUnknownParticipantHasAnEmptyHistoryAndNoTier() {
    PerformanceStore store = createStore();
    assertThat(store.history(DEALER, INR).months()).isEmpty();
    assertThat(store.standing(DEALER)).isEqualTo(TierStanding.none());
    assertThat(store.participants()).isEmpty();
  }

  @Test
  void contributionsAddUpPerMonthAndCategory() {
    PerformanceStore store = createStore();
    assertThat(store.apply(DEALER, INR, sale("INV-1", "1000.50"))).isTrue();
    assertThat(store.apply(DEALER, INR, sale("INV-2", "99.50"))).isTrue();

    var month = store.history(DEALER, INR).months().get(YearMonth.of(2026, 7));
    assertThat(month.sales()).isEqualTo(Money.of("1100", "INR"));
    assertThat(month.byCategory()).containsEntry("cables", Money.of("1100", "INR"));
    assertThat(month.orders()).isEqualTo(2);
    assertThat(store.history(DEALER, INR).lastActivity()).contains(T);
    assertThat(store.participants()).containsExactly(DEALER);
  }

  @Test
  void anActivityIsAppliedToAParticipantAtMostOnce() {
    PerformanceStore store = createStore();
    store.apply(DEALER, INR, sale("INV-1", "1000"));
    assertThat(store.apply(DEALER, INR, sale("INV-1", "1000"))).isFalse();
    assertThat(store.history(DEALER, INR).months().get(YearMonth.of(2026, 7)).orders()).isEqualTo(1);
    // the same activity still counts for another participant (the rep on the invoice)
    assertThat(store.apply(MemberId.of("rep-1"), INR, sale("INV-1", "1000"))).isTrue();
  }

  @Test
  void aContributionInAnotherCurrencyIsRefusedAndChangesNothing() {
    PerformanceStore store = createStore();
    store.apply(DEALER, INR, sale("INV-1", "1000"));
    Contribution usd = new Contribution(ActivityId.of("INV-2"), T, YearMonth.of(2026, 7), Money.of("5", "USD"),
        Map.of(), 1, Optional.empty());
    assertThatThrownBy(() -> store.apply(DEALER, INR, usd)).hasMessageContaining("Currency mismatch");
    assertThat(store.history(DEALER, INR).months().get(YearMonth.of(2026, 7)).orders()).isEqualTo(1);
    // and the refused one can be applied later, once fixed
    assertThat(store.apply(DEALER, INR, sale("INV-2", "5"))).isTrue();
  }

  @Test
  void certificationsKeepTheLongestValidity() {
    PerformanceStore store = createStore();
    Contribution first = new Contribution(ActivityId.of("C-1"), T, YearMonth.of(2026, 7), Money.zero(INR), Map.of(), 0,
        Optional.of(new Contribution.Certification("installer", Optional.of(LocalDate.of(2027, 1, 1)))));
    Contribution renewed = new Contribution(ActivityId.of("C-2"), T, YearMonth.of(2026, 7), Money.zero(INR), Map.of(),
        0, Optional.of(new Contribution.Certification("installer", Optional.of(LocalDate.of(2028, 1, 1)))));
    store.apply(DEALER, INR, renewed);
    store.apply(DEALER, INR, first);
    assertThat(store.history(DEALER, INR).certifications()).containsEntry("installer",
        Optional.of(LocalDate.of(2028, 1, 1)));
  }

  @Test
  void standingsAreReplaced() {
    PerformanceStore store = createStore();
    store.saveStanding(DEALER, TierStanding.in(TierId.of("gold"), T));
    store.saveStanding(DEALER, TierStanding.in(TierId.of("gold"), T).shortSince(LocalDate.of(2026, 11, 1)));
    assertThat(store.standing(DEALER).shortSince()).contains(LocalDate.of(2026, 11, 1));
    assertThat(store.participants()).containsExactly(DEALER);
  }

  @Test
  void concurrentContributionsToOneParticipantAreAllCounted() throws Exception {
    PerformanceStore store = createStore();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger applied = new AtomicInteger();
    for (int i = 0; i < 400; i++) {
      String id = "INV-" + (i % 200); // every activity arrives twice
      pool.execute(() -> {
        if (store.apply(DEALER, INR, sale(id, "10"))) {
          applied.incrementAndGet();
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    assertThat(applied).hasValue(200);
    assertThat(store.history(DEALER, INR).months().get(YearMonth.of(2026, 7)).sales()).isEqualTo(Money.of("2000",
        "INR"));
  }
}
