package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.spi.StockReservation.State;
import dev.loyalty.ledger.spi.Together;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StockStore} must do; the in-memory and PostgreSQL stores and a host's own
 * extend it. Reservations never pass the stock given, also when threads on several store objects
 * (several application instances) race for the last unit; every operation is idempotent per
 * redemption, also when threads repeat it at once; what is kept survives a store opened again on
 * the same data (a restart).
 */
public abstract class StockStoreContract {
  protected static final CatalogItemId WATCH = CatalogItemId.of("WATCH");
  protected static final CatalogItemId MUG = CatalogItemId.of("MUG");

  /** A new, empty store. */
  protected abstract StockStore createStore();

  /**
   * A new store object on what {@code store} keeps, as after a restart of the process or on another
   * application instance; a store whose data lives only as long as the object returns it.
   */
  protected StockStore reopen(StockStore store) {
    return store;
  }

  private static RedemptionId r(String id) {
    return RedemptionId.of(id);
  }

  private static OptionalLong stock(long units) {
    return OptionalLong.of(units);
  }

  @Test
  void reservationsCountAgainstTheStockGiven() {
    StockStore store = createStore();

    assertThat(store.reserve(WATCH, r("R-1"), 2, stock(3))).contains(new StockReservation(r("R-1"), WATCH, 2,
        State.HELD));
    assertThat(store.reserve(WATCH, r("R-2"), 2, stock(3))).isEmpty();
    assertThat(store.reserve(WATCH, r("R-3"), 1, stock(3))).isPresent();

    assertThat(store.count(WATCH)).isEqualTo(new StockCount(3, 0));
    assertThat(store.reservation(r("R-2"))).isEmpty();
    assertThat(store.count(MUG)).isEqualTo(new StockCount(0, 0));
  }

  @Test
  void unlimitedStockTakesAnyNumber() {
    StockStore store = createStore();

    assertThat(store.reserve(MUG, r("R-1"), 1_000, OptionalLong.empty())).isPresent();
    assertThat(store.reserve(MUG, r("R-2"), Long.MAX_VALUE / 4, OptionalLong.empty())).isPresent();

    assertThat(store.count(MUG).reserved()).isEqualTo(1_000 + Long.MAX_VALUE / 4);
  }

  @Test
  void reservingAgainForTheSameRedemptionReturnsItsReservationAndChangesNothing() {
    StockStore store = createStore();
    StockReservation first = store.reserve(WATCH, r("R-1"), 1, stock(1)).orElseThrow();

    assertThat(store.reserve(WATCH, r("R-1"), 1, stock(1))).contains(first);
    store.take(r("R-1"));
    assertThat(store.reserve(WATCH, r("R-1"), 1, stock(0))).contains(first.in(State.TAKEN));
    store.release(r("R-1"));
    assertThat(store.reserve(WATCH, r("R-1"), 1, stock(5))).contains(first.in(State.RELEASED));

    assertThat(store.count(WATCH)).isEqualTo(new StockCount(0, 0));
  }

  @Test
  void reservingAnotherItemOrNumberForTheSameRedemptionIsRefused() {
    StockStore store = createStore();
    store.reserve(WATCH, r("R-1"), 1, stock(5));

    assertThatThrownBy(() -> store.reserve(MUG, r("R-1"), 1, stock(5))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("R-1");
    assertThatThrownBy(() -> store.reserve(WATCH, r("R-1"), 2, stock(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.reserve(WATCH, r("R-2"), 0, stock(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.count(WATCH)).isEqualTo(new StockCount(1, 0));
    assertThat(store.count(MUG)).isEqualTo(new StockCount(0, 0));
  }

  @Test
  void takingMovesUnitsFromReservedToUsedOnce() {
    StockStore store = createStore();
    store.reserve(WATCH, r("R-1"), 2, stock(5));

    assertThat(store.take(r("R-1")).orElseThrow().state()).isEqualTo(State.TAKEN);
    assertThat(store.take(r("R-1")).orElseThrow().state()).isEqualTo(State.TAKEN);

    assertThat(store.count(WATCH)).isEqualTo(new StockCount(0, 2));
    assertThat(store.take(r("R-404"))).isEmpty();
  }

  @Test
  void releasingGivesHeldOrTakenUnitsBackOnce() {
    StockStore store = createStore();
    store.reserve(WATCH, r("R-1"), 2, stock(3));
    store.reserve(WATCH, r("R-2"), 1, stock(3));
    store.take(r("R-2"));

    assertThat(store.release(r("R-1")).orElseThrow().state()).isEqualTo(State.RELEASED);
    assertThat(store.release(r("R-2")).orElseThrow().state()).isEqualTo(State.RELEASED);
    assertThat(store.release(r("R-2")).orElseThrow().state()).isEqualTo(State.RELEASED);
    assertThat(store.release(r("R-404"))).isEmpty();

    assertThat(store.count(WATCH)).isEqualTo(new StockCount(0, 0));
    assertThat(store.reserve(WATCH, r("R-3"), 3, stock(3))).isPresent();
  }

  @Test
  void releasedUnitsCannotBeTaken() {
    StockStore store = createStore();
    store.reserve(WATCH, r("R-1"), 1, stock(3));
    store.release(r("R-1"));

    assertThatThrownBy(() -> store.take(r("R-1"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("R-1");
    assertThat(store.reservation(r("R-1")).orElseThrow().state()).isEqualTo(State.RELEASED);
    assertThat(store.count(WATCH)).isEqualTo(new StockCount(0, 0));
  }

  @Test
  void aLowerStockStopsNewReservationsAndKeepsTheOldOnes() {
    StockStore store = createStore();
    store.reserve(WATCH, r("R-1"), 4, stock(5));

    assertThat(store.reserve(WATCH, r("R-2"), 1, stock(3))).isEmpty();
    assertThat(store.reserve(WATCH, r("R-3"), 2, stock(6))).isPresent();

    assertThat(store.count(WATCH)).isEqualTo(new StockCount(6, 0));
  }

  @Test
  void ofEightThreadsReservingTheLastUnitExactlyOneGetsIt() {
    StockStore store = createStore();
    store.reserve(WATCH, r("R-0"), 4, stock(5));

    List<Together.Outcome<Optional<StockReservation>>> outcomes = Together.race(8, i -> store.reserve(WATCH, r("R-" + (i + 1)),
        1, stock(5)));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.won()).isTrue());
    assertThat(outcomes.stream().filter(o -> o.value().isPresent()).count()).isEqualTo(1);
    assertThat(store.count(WATCH)).isEqualTo(new StockCount(5, 0));
  }

  @Test
  void eightThreadsReservingTakingAndReleasingNeverPassTheStock() {
    StockStore store = createStore();
    long stock = 20;
    Map<RedemptionId, State> expected = new ConcurrentHashMap<>();
    Map<RedemptionId, Long> units = new ConcurrentHashMap<>();

    Together.race(8, t -> {
      Random random = new Random(t);
      for (int i = 0; i < 200; i++) {
        RedemptionId id = r("R-" + t + "-" + i);
        long n = 1 + random.nextInt(3);
        Optional<StockReservation> made = store.reserve(WATCH, id, n, stock(stock));
        StockCount seen = store.count(WATCH);
        assertThat(seen.taken()).isLessThanOrEqualTo(stock);
        if (made.isEmpty()) {
          continue;
        }
        units.put(id, n);
        switch (random.nextInt(3)) {
          case 0 -> expected.put(id, State.HELD);
          case 1 -> expected.put(id, store.take(id).orElseThrow().state());
          default -> expected.put(id, store.release(id).orElseThrow().state());
        }
      }
      return null;
    });

    long held = 0;
    long taken = 0;
    for (Map.Entry<RedemptionId, State> e : expected.entrySet()) {
      assertThat(store.reservation(e.getKey()).orElseThrow().state()).isEqualTo(e.getValue());
      held += e.getValue() == State.HELD ? units.get(e.getKey()) : 0;
      taken += e.getValue() == State.TAKEN ? units.get(e.getKey()) : 0;
    }
    assertThat(store.count(WATCH)).isEqualTo(new StockCount(held, taken));
    assertThat(held + taken).isLessThanOrEqualTo(stock);
  }

  @Test
  void reservationsAndCountsSurviveAReopen() {
    StockStore store = createStore();
    store.reserve(WATCH, r("R-1"), 2, stock(5));
    store.reserve(WATCH, r("R-2"), 1, stock(5));
    store.reserve(MUG, r("R-3"), 4, OptionalLong.empty());
    store.take(r("R-2"));
    store.release(r("R-3"));

    StockStore reopened = reopen(store);

    assertThat(reopened.count(WATCH)).isEqualTo(new StockCount(2, 1));
    assertThat(reopened.count(MUG)).isEqualTo(new StockCount(0, 0));
    assertThat(reopened.reservation(r("R-2"))).contains(new StockReservation(r("R-2"), WATCH, 1, State.TAKEN));
    assertThat(reopened.reservation(r("R-3")).orElseThrow().state()).isEqualTo(State.RELEASED);
    assertThat(reopened.reserve(WATCH, r("R-1"), 2, stock(5))).contains(new StockReservation(r("R-1"), WATCH, 2,
        State.HELD));
    assertThat(reopened.reserve(WATCH, r("R-4"), 3, stock(5))).isEmpty();
    assertThat(reopened.reserve(WATCH, r("R-4"), 2, stock(5))).isPresent();
    assertThat(store.count(WATCH)).isEqualTo(new StockCount(4, 1));
  }

  @Test
  void ofEightThreadsOnTwoStoreObjectsReservingTheLastUnitExactlyOneGetsIt() {
    StockStore store = createStore();
    StockStore other = reopen(store);
    store.reserve(WATCH, r("R-0"), 2, stock(3));

    List<Together.Outcome<Optional<StockReservation>>> outcomes = Together.race(8, i -> (i % 2 == 0 ? store : other)
        .reserve(WATCH, r("R-" + (i + 1)), 1, stock(3)));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.won()).isTrue());
    assertThat(outcomes.stream().filter(o -> o.value().isPresent()).count()).isEqualTo(1);
    assertThat(other.count(WATCH)).isEqualTo(new StockCount(3, 0));
  }

  @Test
  void ofEightThreadsReservingForOneRedemptionItIsReservedAndCountedOnce() {
    StockStore store = createStore();

    List<Together.Outcome<Optional<StockReservation>>> outcomes = Together.race(8, i -> store.reserve(WATCH, r("R-1"), 2,
        stock(5)));

    StockReservation made = new StockReservation(r("R-1"), WATCH, 2, State.HELD);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.value()).contains(made));
    assertThat(store.count(WATCH)).isEqualTo(new StockCount(2, 0));
  }

  @Test
  void eightThreadsTakingAndReleasingOneReservationMoveItsUnitsOnce() {
    StockStore store = createStore();
    store.reserve(WATCH, r("R-1"), 3, stock(5));
    store.reserve(WATCH, r("R-2"), 2, stock(5));

    List<Together.Outcome<Optional<StockReservation>>> outcomes = Together.race(8, i -> i % 2 == 0 ? store.take(r("R-1"))
        : store.release(r("R-1")));

    // a take after the release is refused; every other call saw the units move once
    assertThat(outcomes).filteredOn(o -> !o.won())
        .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(IllegalStateException.class));
    assertThat(store.reservation(r("R-1")).orElseThrow().state()).isEqualTo(State.RELEASED);
    assertThat(store.count(WATCH)).isEqualTo(new StockCount(2, 0));
  }
}
