package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.spi.StockReservation.State;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link StockStore} in memory, behind one lock: a reservation is a few map operations. */
final class InMemoryStockStore implements StockStore {
  private final Map<RedemptionId, StockReservation> reservations = new HashMap<>();
  /** Per item: {held, taken}. */
  private final Map<CatalogItemId, long[]> counts = new HashMap<>();

  @Override
  public synchronized Optional<StockReservation> reserve(CatalogItemId item, RedemptionId redemption, long units,
      OptionalLong stock) {
    RewardsStoreArguments.requireReservation(item, redemption, units, stock);
    StockReservation before = reservations.get(redemption);
    if (before != null) {
      return Optional.of(RewardsStoreArguments.sameReservation(before, item, units));
    }
    long[] count = counts.computeIfAbsent(item, i -> new long[2]);
    long taken = Math.addExact(count[0], count[1]);
    if (stock.isPresent() && Math.addExact(taken, units) > stock.getAsLong()) {
      return Optional.empty();
    }
    StockReservation made = new StockReservation(redemption, item, units, State.HELD);
    reservations.put(redemption, made);
    count[0] = Math.addExact(count[0], units);
    return Optional.of(made);
  }

  @Override
  public synchronized Optional<StockReservation> take(RedemptionId redemption) {
    StockReservation r = reservations.get(requireNonNull(redemption, "redemption"));
    if (r == null || r.state() == State.TAKEN) {
      return Optional.ofNullable(r);
    }
    if (r.state() == State.RELEASED) {
      throw new IllegalStateException("the stock of redemption " + redemption + " was released and cannot be taken");
    }
    return Optional.of(move(r, State.TAKEN));
  }

  @Override
  public synchronized Optional<StockReservation> release(RedemptionId redemption) {
    StockReservation r = reservations.get(requireNonNull(redemption, "redemption"));
    if (r == null || r.state() == State.RELEASED) {
      return Optional.ofNullable(r);
    }
    return Optional.of(move(r, State.RELEASED));
  }

  private StockReservation move(StockReservation r, State next) {
    long[] count = counts.get(r.item());
    count[r.state().ordinal()] = Math.subtractExact(count[r.state().ordinal()], r.units());
    if (next != State.RELEASED) {
      count[next.ordinal()] = Math.addExact(count[next.ordinal()], r.units());
    }
    StockReservation moved = r.in(next);
    reservations.put(r.redemption(), moved);
    return moved;
  }

  @Override
  public synchronized Optional<StockReservation> reservation(RedemptionId redemption) {
    return Optional.ofNullable(reservations.get(requireNonNull(redemption, "redemption")));
  }

  @Override
  public synchronized StockCount count(CatalogItemId item) {
    long[] count = counts.get(requireNonNull(item, "item"));
    return count == null ? new StockCount(0, 0) : new StockCount(count[0], count[1]);
  }
}
