package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Names;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who an item is for. An empty set does not restrict; a participant must match every set that is
 * not empty. A member is judged by its own role and by its partner's region, country and type.
 *
 * @param regions      the program's sales regions (slugs); never null
 * @param countries    ISO 3166 alpha-2 codes ("IN"); never null
 * @param partnerTypes never null
 * @param roles        member roles; an item for some roles is for members only, so not for
 *                     {@link Audience#PARTNERS}; never null
 * @param audience     partners, members or anyone; never null
 * @param minimumTier  the lowest tier that may redeem it, by the program's order of tiers; empty for
 *                     anyone, including participants in no tier; never null
 */
public record Eligibility(Set<String> regions, Set<String> countries, Set<PartnerType> partnerTypes,
    Set<MemberRole> roles, Audience audience, Optional<TierId> minimumTier) {

  private static final Set<String> ISO_COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
  private static final Eligibility EVERYONE =
      new Eligibility(Set.of(), Set.of(), Set.of(), Set.of(), Audience.ANYONE, Optional.empty());

  public Eligibility {
    regions = Set.copyOf(requireNonNull(regions, "regions"));
    regions.forEach(r -> Names.requireSlug(r, "region"));
    countries = Set.copyOf(requireNonNull(countries, "countries"));
    countries.forEach(Eligibility::requireCountry);
    partnerTypes = Set.copyOf(requireNonNull(partnerTypes, "partnerTypes"));
    roles = Set.copyOf(requireNonNull(roles, "roles"));
    requireNonNull(audience, "audience");
    requireNonNull(minimumTier, "minimumTier");
    if (!roles.isEmpty() && audience == Audience.PARTNERS) {
      throw new IllegalArgumentException("an item for members in roles " + Texts.sorted(roles)
          + " cannot be for partners only");
    }
  }

  /** No restriction at all. */
  public static Eligibility everyone() {
    return EVERYONE;
  }

  /**
   * Returns {@code code} if it is an ISO 3166 alpha-2 country code.
   *
   * @throws IllegalArgumentException otherwise
   */
  static String requireCountry(String code) {
    requireNonNull(code, "country");
    if (!ISO_COUNTRIES.contains(code)) {
      throw new IllegalArgumentException("unknown country '" + code
          + "'; expected an ISO 3166 alpha-2 code such as IN or GB");
    }
    return code;
  }
}
