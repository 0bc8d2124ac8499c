package dev.loyalty.core.rewards;

/**
 * The id of a redemption, chosen by the host (its order number, say): also the redemption's
 * idempotency key. Redeeming again under the same id with the same request returns the original
 * redemption, never a second charge; the same id with another request is refused.
 *
 * @param value never null or blank, at most 100 characters, no leading or trailing spaces
 */
public record RedemptionId(String value) implements Comparable<RedemptionId> {
  public RedemptionId {
    RewardNames.requireId(value, "redemption id");
  }

  /** The id {@code value}. */
  public static RedemptionId of(String value) {
    return new RedemptionId(value);
  }

  @Override
  public int compareTo(RedemptionId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
