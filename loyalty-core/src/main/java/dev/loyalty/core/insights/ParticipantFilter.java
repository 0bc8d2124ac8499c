package dev.loyalty.core.insights;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import java.util.Collections;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which participants a report counts: by their partner's region and type, and by their own tier on
 * the report's last day. An empty set does not restrict; a participant must match every non-empty
 * one. A member is judged by its partner's region and type and its own tier. Immutable.
 *
 * @param regions      never null
 * @param partnerTypes never null
 * @param tiers        tiers to count; {@link #NO_TIER} counts participants without a tier; never null
 */
public record ParticipantFilter(SortedSet<String> regions,
    @JsonSerialize(contentUsing = ToStringSerializer.class) Set<PartnerType> partnerTypes,
    @JsonSerialize(contentUsing = ToStringSerializer.class) SortedSet<TierId> tiers) {

  /** Stands for "no tier" in {@link #tiers()}. */
  public static final TierId NO_TIER = TierId.of("none");

  public ParticipantFilter {
    regions = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(regions, "regions")));
    // by name, so that the filter prints and serialises the same way every time
    Set<PartnerType> types = new TreeSet<>(Comparator.comparing(PartnerType::name));
    types.addAll(requireNonNull(partnerTypes, "partnerTypes"));
    partnerTypes = Collections.unmodifiableSet(types);
    tiers = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(tiers, "tiers")));
  }

  /** Everyone. */
  public static ParticipantFilter everyone() {
    return new ParticipantFilter(new TreeSet<>(), Set.of(), new TreeSet<>());
  }

  /** A copy counting only partners (and their members) in {@code newRegions}. */
  public ParticipantFilter regions(String... newRegions) {
    return new ParticipantFilter(new TreeSet<>(Set.of(newRegions)), partnerTypes, tiers);
  }

  /** A copy counting only partners (and their members) of {@code types}. */
  public ParticipantFilter partnerTypes(PartnerType... types) {
    return new ParticipantFilter(regions, Set.of(types), tiers);
  }

  /** A copy counting only participants in {@code newTiers} ({@link #NO_TIER} for none). */
  public ParticipantFilter tiers(TierId... newTiers) {
    return new ParticipantFilter(regions, partnerTypes, new TreeSet<>(Set.of(newTiers)));
  }

  /** Whether a participant of {@code partner}, in {@code tier}, is counted. */
  public boolean includes(Partner partner, Optional<TierId> tier) {
    return (regions.isEmpty() || regions.contains(partner.region()))
        && (partnerTypes.isEmpty() || partnerTypes.contains(partner.type()))
        && (tiers.isEmpty() || tiers.contains(tier.orElse(NO_TIER)));
  }
}
