package dev.loyalty.core.program;

import dev.loyalty.core.model.Names;
import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;

/**
 * Which partners a campaign is for. An empty set does not restrict; a partner must match every
 * non-empty one.
 *
 * @param regions      lower-case slugs, as a partner's region is; never null
 * @param partnerTypes never null
 * @param segments     the partner needs at least one of them; lower-case slugs, as a partner's
 *                     segments are; never null
 * @param tiers        the partner's current tier must be one of them; never null
 */
public record CampaignTarget(Set<String> regions, Set<PartnerType> partnerTypes, Set<String> segments,
    Set<TierId> tiers) {
  public CampaignTarget {
    regions = Set.copyOf(requireNonNull(regions, "regions"));
    partnerTypes = Set.copyOf(requireNonNull(partnerTypes, "partnerTypes"));
    segments = Set.copyOf(requireNonNull(segments, "segments"));
    regions.forEach(r -> Names.requireSlug(r, "region"));
    segments.forEach(s -> Names.requireSlug(s, "segment"));
    tiers = Set.copyOf(requireNonNull(tiers, "tiers"));
  }

  /** Everyone. */
  public static CampaignTarget everyone() {
    return new CampaignTarget(Set.of(), Set.of(), Set.of(), Set.of());
  }

  /** Whether {@code partner}, currently in {@code tier}, is targeted. */
  public boolean includes(Partner partner, Optional<TierId> tier) {
    return (regions.isEmpty() || regions.contains(partner.region()))
        && (partnerTypes.isEmpty() || partnerTypes.contains(partner.type()))
        && (segments.isEmpty() || !Collections.disjoint(segments, partner.segments()))
        && (tiers.isEmpty() || tier.filter(tiers::contains).isPresent());
  }
}
