package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import java.util.List;
import java.util.Optional;

/**
 * Where redemptions are kept, each in its latest version. The engine files a redemption (with its
 * placement pending) before it holds points or takes stock, and replaces it at each change, so a
 * redemption interrupted anywhere is found again by {@link #unsettled()}.
 *
 * <p>Contract ({@code RedemptionStoreContract} in core's test-jar checks it): thread-safe; {@link
 * #insertIfAbsent} is atomic per id (of threads filing the same id, exactly one files it); {@link
 * #replace} is a compare-and-set on the revision (of threads replacing the same version, exactly one
 * succeeds), so that engines on several application instances never overwrite each other's change.
 * What is stored reads back equal. No method accepts or returns null.
 */
public interface RedemptionStore {

  /** A store in memory, for the life of the JVM. */
  static RedemptionStore inMemory() {
    return new InMemoryRedemptionStore();
  }

  /**
   * Files {@code redemption} unless its id is filed already.
   *
   * @param redemption at revision 0
   * @return the redemption filed before under that id, or empty if {@code redemption} was filed now
   * @throws IllegalArgumentException if its revision is not 0
   */
  Optional<Redemption> insertIfAbsent(Redemption redemption);

  /**
   * Replaces {@code expected} by {@code next} if the stored version is still {@code expected}'s
   * revision.
   *
   * @param next the same redemption at {@code expected.revision() + 1}
   * @return whether it replaced it; false when another change came first (or the id is not filed)
   * @throws IllegalArgumentException if {@code next} is another redemption or not the next revision
   */
  boolean replace(Redemption expected, Redemption next);

  /** The redemption {@code id}, if filed. */
  Optional<Redemption> find(RedemptionId id);

  /** The redemptions paid from {@code wallet}, in the order they were filed. */
  List<Redemption> ofWallet(ParticipantId wallet);

  /**
   * The redemptions of {@code item} paid from {@code wallet}, in the order they were filed: what a
   * per-participant limit counts, asked at every redemption and for every limited item a catalog
   * listing shows. This default reads every redemption of the wallet; a store that can read only
   * the item's should.
   */
  default List<Redemption> ofWallet(ParticipantId wallet, CatalogItemId item) {
    requireNonNull(item, "item");
    return ofWallet(wallet).stream().filter(r -> r.item().equals(item)).toList();
  }

  /**
   * Whether a redemption paid from {@code wallet}, other than {@code except}, has been paid (its
   * hold posted): the engine asks it to tell a wallet's first paid redemption. This default reads
   * every redemption of the wallet; a store that can answer without doing so should.
   */
  default boolean paidOtherThan(ParticipantId wallet, RedemptionId except) {
    requireNonNull(except, "except");
    return ofWallet(wallet).stream().anyMatch(r -> !r.id().equals(except) && r.payment().isPresent());
  }

  /**
   * The redemptions not settled (not in a final state, or with a change pending), in the order they
   * were filed: those waiting for fulfilment and those a crash interrupted.
   */
  List<Redemption> unsettled();
}
