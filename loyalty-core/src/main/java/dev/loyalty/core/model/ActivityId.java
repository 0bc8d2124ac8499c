package dev.loyalty.core.model;

/** The source system's unique id of an activity (an invoice number, an LMS completion id). @param value never null or blank, at most 100 characters */
public record ActivityId(String value) implements Comparable<ActivityId> {
  public ActivityId {
    Ids.require(value, "activity id");
  }

  /** The id {@code value}. */
  public static ActivityId of(String value) {
    return new ActivityId(value);
  }

  @Override
  public int compareTo(ActivityId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
