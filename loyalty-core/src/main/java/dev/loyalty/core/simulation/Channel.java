package dev.loyalty.core.simulation;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.PartnerDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The partners and members a simulation runs over, with how much activity each partner has
 * relative to the others. A simulation needs the whole list, not only lookups by id: its report
 * counts every participant (tiers, regions, balances), also those that did nothing.
 *
 * <p>Immutable and thread-safe; never null anywhere.
 *
 * @param partners every organisation, each id once; parents listed (anywhere in the list)
 * @param members  every individual, each id once, each working for a listed partner
 * @param weights  per partner, its share of activity relative to the others (1 to 1,000,000): a
 *                 weight of 40 has forty times the invoices of a weight of 1 in generated streams;
 *                 every partner has one
 */
public record Channel(List<Partner> partners, List<Member> members, Map<PartnerId, Integer> weights) {

  /** The largest weight: keeps a generated month's expected activity count far from overflow. */
  public static final int MAX_WEIGHT = 1_000_000;

  public Channel {
    partners = List.copyOf(requireNonNull(partners, "partners"));
    members = List.copyOf(requireNonNull(members, "members"));
    weights = Map.copyOf(requireNonNull(weights, "weights"));
    // the same checks a partner registry makes (unique ids, known parents and employers)
    PartnerDirectory.inMemory().enrol(partners, members);
    for (Partner p : partners) {
      Integer weight = weights.get(p.id());
      if (weight == null) {
        throw new IllegalArgumentException("partner " + p.id() + " has no weight");
      }
      if (weight < 1 || weight > MAX_WEIGHT) {
        throw new IllegalArgumentException("weight of partner " + p.id() + " must be 1 to " + MAX_WEIGHT + ", got "
            + weight);
      }
    }
    if (weights.size() != partners.size()) {
      List<PartnerId> unknown = new ArrayList<>(weights.keySet());
      partners.forEach(p -> unknown.remove(p.id()));
      throw new IllegalArgumentException("weights name partners that are not in the channel: " + unknown);
    }
  }

  /** A channel of {@code partners} and {@code members} in which every partner has the same weight, 1. */
  public static Channel of(List<Partner> partners, List<Member> members) {
    Map<PartnerId, Integer> weights = new HashMap<>();
    requireNonNull(partners, "partners").forEach(p -> weights.put(p.id(), 1));
    return new Channel(partners, members, weights);
  }

  /** A new in-memory directory holding this channel, for an engine. */
  public InMemoryPartnerDirectory directory() {
    return PartnerDirectory.inMemory().enrol(partners, members);
  }

  /** The partner {@code id}, if it is in the channel. */
  public Optional<Partner> partner(PartnerId id) {
    requireNonNull(id, "id");
    return partners.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The members working for {@code partner}, in channel order. */
  public List<Member> membersOf(PartnerId partner) {
    requireNonNull(partner, "partner");
    return members.stream().filter(m -> m.partner().equals(partner)).toList();
  }

  /** The member {@code id}, if it is in the channel. */
  public Optional<Member> member(MemberId id) {
    requireNonNull(id, "id");
    return members.stream().filter(m -> m.id().equals(id)).findFirst();
  }
}
