package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;

/**
 * What a {@link Scope} looks at in the partner an action concerns (for a member, its partner):
 * the partner, its type, region and country as they were when the action was decided.
 *
 * @param partner never null
 * @param type    never null
 * @param region  a region name as in {@link Partner#region()}; never null
 * @param country an ISO 3166 alpha-2 code; never null
 */
public record PartnerTraits(PartnerId partner, PartnerType type, String region, String country) {
  public PartnerTraits {
    requireNonNull(partner, "partner");
    requireNonNull(type, "type");
    Names.requireSlug(region, "region of partner " + partner);
    Texts.requireCountry(country, "country of partner " + partner);
  }

  /** The traits of {@code partner}. */
  public static PartnerTraits of(Partner partner) {
    requireNonNull(partner, "partner");
    return new PartnerTraits(partner.id(), partner.type(), partner.region(), partner.country());
  }

  @Override
  public String toString() {
    return "partner " + partner + " (" + type + ", region " + region + ", " + country + ")";
  }
}
