package dev.loyalty.core.access;

/**
 * The host's id of a person or system that acts on the program: a user's login, a service
 * account. The library never authenticates it; the host vouches for it.
 *
 * @param value never null or blank, at most 100 characters, no leading or trailing spaces
 */
public record ActorId(String value) implements Comparable<ActorId> {
  public ActorId {
    Texts.requireId(value, "actor id");
  }

  /** The id {@code value}. */
  public static ActorId of(String value) {
    return new ActorId(value);
  }

  @Override
  public int compareTo(ActorId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
