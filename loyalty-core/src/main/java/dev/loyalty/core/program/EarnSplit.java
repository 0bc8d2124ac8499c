package dev.loyalty.core.program;

/**
 * How an award for a sale made by a member is shared between the organisation and the member (the
 * rep who sold it). Split rules read it; the organisation receives any rounding remainder.
 *
 * @param partnerPercent 0 to 100
 * @param memberPercent  0 to 100; the two sum to 100
 */
public record EarnSplit(int partnerPercent, int memberPercent) {
  public EarnSplit {
    if (partnerPercent < 0 || memberPercent < 0 || partnerPercent + memberPercent != 100) {
      throw new IllegalArgumentException("earn split must be two shares from 0 to 100 that sum to 100, got "
          + partnerPercent + "/" + memberPercent);
    }
  }

  /** The member's share of {@code points}, rounded down. */
  public long memberShare(long points) {
    return Math.multiplyExact(points, memberPercent) / 100;
  }

  /** The organisation's share of {@code points}: the rest. */
  public long partnerShare(long points) {
    return points - memberShare(points);
  }
}
