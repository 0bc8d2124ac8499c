package dev.loyalty.core.model;

/** The id of a tier. @param value never null or blank, at most 100 characters */
public record TierId(String value) implements Comparable<TierId> {
  public TierId {
    Ids.require(value, "tier id");
  }

  /** The id {@code value}. */
  public static TierId of(String value) {
    return new TierId(value);
  }

  @Override
  public int compareTo(TierId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
