package dev.loyalty.core.claims;

/**
 * The host's id of a claim, chosen when it is submitted: a second submission with the same id is a
 * replay (same content) or refused (different content).
 *
 * @param value never null or blank, at most 100 characters, no leading or trailing spaces
 */
public record ClaimId(String value) implements Comparable<ClaimId> {
  public ClaimId {
    ClaimTexts.requireId(value, "claim id");
  }

  /** The id {@code value}. */
  public static ClaimId of(String value) {
    return new ClaimId(value);
  }

  @Override
  public int compareTo(ClaimId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
