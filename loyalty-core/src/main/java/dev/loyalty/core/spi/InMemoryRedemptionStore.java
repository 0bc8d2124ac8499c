package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link RedemptionStore} in memory: one lock for writes and reads alike (a write is a few map
 * operations). Per wallet the ids are kept in filing order, so reading a wallet's redemptions costs
 * what it has, not what the store has.
 */
final class InMemoryRedemptionStore implements RedemptionStore {
  private final Map<RedemptionId, Redemption> byId = new HashMap<>();
  private final Map<ParticipantId, List<RedemptionId>> byWallet = new HashMap<>();
  /** Per wallet and item, for what a limit counts; a redemption's wallet and item never change. */
  private final Map<WalletItem, List<RedemptionId>> byWalletItem = new HashMap<>();
  /** The filing number of each id. */
  private final Map<RedemptionId, Long> filed = new HashMap<>();
  /** Unsettled ids by filing number. */
  private final NavigableMap<Long, RedemptionId> unsettled = new TreeMap<>();

  @Override
  public synchronized Optional<Redemption> insertIfAbsent(Redemption redemption) {
    RewardsStoreArguments.requireFiling(redemption);
    Redemption before = byId.get(redemption.id());
    if (before != null) {
      return Optional.of(before);
    }
    byId.put(redemption.id(), redemption);
    filed.put(redemption.id(), (long) filed.size());
    byWallet.computeIfAbsent(redemption.wallet(), w -> new ArrayList<>()).add(redemption.id());
    byWalletItem.computeIfAbsent(new WalletItem(redemption.wallet(), redemption.item()), k -> new ArrayList<>())
        .add(redemption.id());
    track(redemption);
    return Optional.empty();
  }

  @Override
  public synchronized boolean replace(Redemption expected, Redemption next) {
    RewardsStoreArguments.requireNextRevision(expected, next);
    Redemption current = byId.get(expected.id());
    if (current == null || current.revision() != expected.revision()) {
      return false;
    }
    byId.put(next.id(), next);
    track(next);
    return true;
  }

  private void track(Redemption redemption) {
    long number = filed.get(redemption.id());
    if (redemption.isSettled()) {
      unsettled.remove(number);
    } else {
      unsettled.put(number, redemption.id());
    }
  }

  @Override
  public synchronized Optional<Redemption> find(RedemptionId id) {
    return Optional.ofNullable(byId.get(requireNonNull(id, "id")));
  }

  @Override
  public synchronized List<Redemption> ofWallet(ParticipantId wallet) {
    return versions(byWallet.getOrDefault(requireNonNull(wallet, "wallet"), List.of()));
  }

  @Override
  public synchronized List<Redemption> ofWallet(ParticipantId wallet, CatalogItemId item) {
    WalletItem key = new WalletItem(requireNonNull(wallet, "wallet"), requireNonNull(item, "item"));
    return versions(byWalletItem.getOrDefault(key, List.of()));
  }

  private List<Redemption> versions(List<RedemptionId> ids) {
    List<Redemption> out = new ArrayList<>(ids.size());
    ids.forEach(id -> out.add(byId.get(id)));
    return List.copyOf(out);
  }

  @Override
  public synchronized List<Redemption> unsettled() {
    List<Redemption> out = new ArrayList<>(unsettled.size());
    unsettled.values().forEach(id -> out.add(byId.get(id)));
    return List.copyOf(out);
  }

  private record WalletItem(ParticipantId wallet, CatalogItemId item) {
  }
}
