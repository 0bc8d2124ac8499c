package dev.loyalty.core.internal.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.UnknownRedemptionException;
import dev.loyalty.core.spi.RedemptionStore;
import java.util.List;
import java.util.Optional;

/**
 * The engine's one way into the {@link RedemptionStore}: a redemption is filed (its placement
 * pending) before anything else is written, each change is filed before its steps run, and the
 * result of the steps is saved last. Saves are compare-and-set on the revision, so an engine on
 * another application instance that changed the redemption first is noticed, not overwritten.
 * Thread-safe as the store is.
 */
final class RedemptionBook {
  private final RedemptionStore store;

  /** The redemptions kept in {@code store}. */
  RedemptionBook(RedemptionStore store) {
    this.store = requireNonNull(store, "store");
  }

  /** The redemption {@code id}, if filed. */
  Optional<Redemption> find(RedemptionId id) {
    return store.find(id);
  }

  /** The redemption {@code id}. */
  Redemption get(RedemptionId id) {
    return store.find(id).orElseThrow(() -> new UnknownRedemptionException(id));
  }

  /** The redemptions paid from {@code wallet}, oldest first. */
  List<Redemption> ofWallet(ParticipantId wallet) {
    return store.ofWallet(wallet);
  }

  /** The redemptions of {@code item} paid from {@code wallet}, oldest first. */
  List<Redemption> ofWallet(ParticipantId wallet, CatalogItemId item) {
    return store.ofWallet(wallet, item);
  }

  /** Whether a redemption of {@code wallet} other than {@code except} was paid. */
  boolean paidOtherThan(ParticipantId wallet, RedemptionId except) {
    return store.paidOtherThan(wallet, except);
  }

  /** The redemptions not settled, oldest first. */
  List<Redemption> unsettled() {
    return store.unsettled();
  }

  /**
   * Files a new redemption.
   *
   * @return the one filed before under its id, or empty if this one was filed now
   */
  Optional<Redemption> file(Redemption requested) {
    return store.insertIfAbsent(requested);
  }

  /**
   * Saves {@code next} over {@code current} (the version read, possibly with progress of the same
   * revision) and returns it.
   *
   * @throws LoyaltyException if another change was saved meanwhile (on another instance): nothing
   *                          of this one is saved, and calling again finishes or refuses it
   */
  Redemption save(Redemption current, Redemption next) {
    if (!store.replace(current, next)) {
      throw new LoyaltyException("redemption " + current.id() + " was changed meanwhile by another engine (it is no"
          + " longer at revision " + current.revision() + "); read it again and retry");
    }
    return next;
  }
}
