package dev.loyalty.core.model;

/** The host's id of a member. @param value never null or blank, at most 100 characters */
public record MemberId(String value) implements ParticipantId, Comparable<MemberId> {
  public MemberId {
    Ids.require(value, "member id");
  }

  /** The id {@code value}. */
  public static MemberId of(String value) {
    return new MemberId(value);
  }

  @Override
  public String kind() {
    return "member";
  }

  @Override
  public int compareTo(MemberId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
