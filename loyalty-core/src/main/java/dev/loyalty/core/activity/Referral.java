package dev.loyalty.core.activity;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.PartnerId;

/**
 * The partner brought a new retailer (or other organisation) into the program.
 *
 * @param header   never null
 * @param referred the new organisation, already enrolled in the directory; never null and not the
 *                 referrer
 */
public record Referral(ActivityHeader header, PartnerId referred) implements Activity {
  public Referral {
    requireNonNull(header, "header");
    requireNonNull(referred, "referred");
    if (referred.equals(header.partner())) {
      throw new IllegalArgumentException("partner " + referred + " cannot refer itself");
    }
  }

  @Override
  public String kind() {
    return "referral";
  }
}
