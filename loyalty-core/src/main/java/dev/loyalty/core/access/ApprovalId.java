package dev.loyalty.core.access;

/**
 * The id of an {@link ApprovalRequest}, chosen by the caller (an adjustment's number, a claim's id
 * with a suffix) so that a retried submission finds the request it made.
 *
 * @param value never null or blank, at most 100 characters, no leading or trailing spaces
 */
public record ApprovalId(String value) implements Comparable<ApprovalId> {
  public ApprovalId {
    Texts.requireId(value, "approval id");
  }

  /** The id {@code value}. */
  public static ApprovalId of(String value) {
    return new ApprovalId(value);
  }

  @Override
  public int compareTo(ApprovalId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
