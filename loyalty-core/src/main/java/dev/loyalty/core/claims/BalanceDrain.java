package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How much of what a claim's wallets (the partner's, and the member's if named) held their recent
 * redemptions took: a login taken over is emptied, an honest partner mostly keeps some points.
 * {@code spent} is what the wallets spent in the recent window (posted redemptions) plus what
 * redemptions not yet paid reserve now; {@code left} is what the wallets still had right after the
 * last of those, in the order things were written: a claim of a sale made before the redemption but
 * submitted after it is dated before it, and does not count, nor does anything earned since. While
 * redemptions are still reserved, {@code left} is the posted balance now less what they reserve.
 * Immutable.
 *
 * @param windowDays the recent window's length in days
 * @param spent      points spent in the window and reserved now; not negative
 * @param left       points left right after; not negative (a wallet overdrawn by a system reversal
 *                   counts as empty)
 * @param share      {@code spent / (spent + left)}, 2 decimals rounded down, 0 when nothing was
 *                   spent; never null
 */
public record BalanceDrain(int windowDays, long spent, long left, BigDecimal share) {
  public BalanceDrain {
    if (windowDays <= 0 || spent < 0 || left < 0) {
      throw new IllegalArgumentException("drain figures must not be negative (window " + windowDays + " days, spent "
          + spent + ", left " + left + ")");
    }
    requireNonNull(share, "share");
    if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("a drained share is 0 to 1, got " + share);
    }
  }

  /** The figures of {@code spent} points spent of {@code spent + left} in the last {@code windowDays}. */
  public static BalanceDrain of(int windowDays, long spent, long left) {
    BigDecimal share = spent == 0 ? BigDecimal.ZERO.setScale(2)
        : BigDecimal.valueOf(spent).divide(BigDecimal.valueOf(Math.addExact(spent, left)), 2, RoundingMode.DOWN);
    return new BalanceDrain(windowDays, spent, left, share);
  }

  /** What the wallets held before: {@code spent + left}. */
  public long held() {
    return Math.addExact(spent, left);
  }
}
