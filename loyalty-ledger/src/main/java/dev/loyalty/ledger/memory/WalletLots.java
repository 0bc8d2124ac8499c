package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The lots of one wallet: all of them by id, and the open ones in spend order. Two sorted array
 * lists rather than maps: lots mostly arrive in order (appended) and leave from the front, and a
 * wallet may hold thousands of them, so compact arrays beat tree and hash nodes in memory and
 * speed. Not thread-safe: guarded by the store's lock.
 */
final class WalletLots {

  private final ArrayList<Lot> all = new ArrayList<>();
  private final ArrayList<Lot> open = new ArrayList<>();

  Optional<Lot> get(LotId id) {
    int i = indexById(id);
    return i >= 0 ? Optional.of(all.get(i)) : Optional.empty();
  }

  /** Inserts or replaces {@code lot} (by id). */
  void put(Lot lot) {
    int i = indexById(lot.id());
    if (i >= 0) {
      all.set(i, lot);
    } else {
      all.add(-i - 1, lot);
    }
    int j = indexInOpen(lot);
    if (lot.remaining() > 0) {
      if (j >= 0) {
        open.set(j, lot);
      } else {
        open.add(-j - 1, lot);
      }
    } else if (j >= 0) {
      open.remove(j);
    }
  }

  /** The open lots in spend order; a live view, read only while the store's lock is held. */
  List<Lot> openView() {
    return Collections.unmodifiableList(open);
  }

  /** Whether the soonest-expiring open lot expires at or before {@code asOf}. */
  boolean hasLotExpiringBy(Instant asOf) {
    return !open.isEmpty() && open.get(0).expiresAt().orElse(Instant.MAX).compareTo(asOf) <= 0;
  }

  List<Lot> snapshot(boolean includeSpent) {
    if (!includeSpent) {
      return List.copyOf(open);
    }
    List<Lot> copy = new ArrayList<>(all);
    copy.sort(Lot.SPEND_ORDER);
    return copy;
  }

  /** Like {@link Collections#binarySearch}, trying the ends first: new lots go last, spent ones leave first. */
  private int indexInOpen(Lot lot) {
    int n = open.size();
    if (n == 0) {
      return -1;
    }
    int last = Lot.SPEND_ORDER.compare(open.get(n - 1), lot);
    if (last < 0) {
      return -n - 1;
    }
    if (last == 0) {
      return n - 1;
    }
    if (Lot.SPEND_ORDER.compare(open.get(0), lot) == 0) {
      return 0;
    }
    return Collections.binarySearch(open, lot, Lot.SPEND_ORDER);
  }

  private int indexById(LotId id) {
    // Lots are created in id order, so the newest is usually last: check it before searching.
    int n = all.size();
    if (n == 0) {
      return -1;
    }
    int last = all.get(n - 1).id().compareTo(id);
    if (last < 0) {
      return -n - 1;
    }
    if (last == 0) {
      return n - 1;
    }
    int lo = 0;
    int hi = n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = all.get(mid).id().compareTo(id);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -lo - 1;
  }
}
