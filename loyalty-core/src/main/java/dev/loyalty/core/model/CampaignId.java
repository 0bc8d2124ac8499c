package dev.loyalty.core.model;

/** The id of a campaign. @param value never null or blank, at most 100 characters */
public record CampaignId(String value) implements Comparable<CampaignId> {
  public CampaignId {
    Ids.require(value, "campaign id");
  }

  /** The id {@code value}. */
  public static CampaignId of(String value) {
    return new CampaignId(value);
  }

  @Override
  public int compareTo(CampaignId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
