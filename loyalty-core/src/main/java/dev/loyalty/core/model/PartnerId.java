package dev.loyalty.core.model;

/** The host's id of a partner. @param value never null or blank, at most 100 characters */
public record PartnerId(String value) implements ParticipantId, Comparable<PartnerId> {
  public PartnerId {
    Ids.require(value, "partner id");
  }

  /** The id {@code value}. */
  public static PartnerId of(String value) {
    return new PartnerId(value);
  }

  @Override
  public String kind() {
    return "partner";
  }

  @Override
  public int compareTo(PartnerId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
