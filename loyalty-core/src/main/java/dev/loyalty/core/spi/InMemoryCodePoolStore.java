package dev.loyalty.core.spi;

import dev.loyalty.core.model.Names;
import dev.loyalty.core.rewards.RedemptionId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link CodePoolStore} in memory, behind one lock. */
final class InMemoryCodePoolStore implements CodePoolStore {

  /** One pool: its free codes in load order, every code it was given, and what each redemption claimed. */
  private static final class Pool {
    private final Deque<String> free = new ArrayDeque<>();
    private final Set<String> known = new HashSet<>();
    private final Map<RedemptionId, List<String>> claims = new HashMap<>();
  }

  private final Map<String, Pool> pools = new HashMap<>();

  @Override
  public synchronized int load(String pool, List<String> codes) {
    List<String> checked = RewardsStoreArguments.requireLoad(pool, codes);
    Pool p = pools.computeIfAbsent(pool, n -> new Pool());
    int added = 0;
    for (String code : checked) {
      if (p.known.add(code)) {
        p.free.addLast(code);
        added++;
      }
    }
    return added;
  }

  @Override
  public synchronized Optional<List<String>> claim(String pool, RedemptionId redemption, int count) {
    RewardsStoreArguments.requireClaim(pool, redemption, count);
    Pool p = pools.computeIfAbsent(pool, n -> new Pool());
    List<String> before = p.claims.get(redemption);
    if (before != null) {
      return Optional.of(before);
    }
    if (p.free.size() < count) {
      return Optional.empty();
    }
    List<String> given = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      given.add(p.free.pollFirst());
    }
    List<String> claimed = List.copyOf(given);
    p.claims.put(redemption, claimed);
    return Optional.of(claimed);
  }

  @Override
  public synchronized void release(String pool, RedemptionId redemption) {
    RewardsStoreArguments.requirePool(pool, redemption);
    Pool p = pools.get(pool);
    List<String> claimed = p == null ? null : p.claims.remove(redemption);
    if (claimed != null) {
      for (int i = claimed.size() - 1; i >= 0; i--) {
        p.free.addFirst(claimed.get(i));
      }
    }
  }

  @Override
  public synchronized long available(String pool) {
    Names.requireSlug(pool, "code pool");
    Pool p = pools.get(pool);
    return p == null ? 0 : p.free.size();
  }
}
