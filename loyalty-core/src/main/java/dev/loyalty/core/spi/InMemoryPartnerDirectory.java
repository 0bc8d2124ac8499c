package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.internal.Enrolments;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PartnerDirectory#inMemory()}: partners and members the host enrols, on the heap. Writes
 * are serialised and checked before anything changes, so the registry never holds a dangling
 * reference; reads take no lock. Thread-safe.
 */
public final class InMemoryPartnerDirectory implements PartnerRegistry {

  private final Map<PartnerId, Partner> partners = new ConcurrentHashMap<>();
  private final Map<MemberId, Member> members = new ConcurrentHashMap<>();

  InMemoryPartnerDirectory() {
  }

  /**
   * Enrols or replaces {@code partner}; returns this directory.
   *
   * @throws UnknownPartnerException if its parent is not enrolled; nothing changes
   */
  @Override
  public InMemoryPartnerDirectory put(Partner partner) {
    return enrol(List.of(requireNonNull(partner, "partner")), List.of());
  }

  /**
   * Enrols or replaces {@code member}; returns this directory.
   *
   * @throws UnknownPartnerException if its partner is not enrolled; nothing changes
   */
  @Override
  public InMemoryPartnerDirectory put(Member member) {
    return enrol(List.of(), List.of(requireNonNull(member, "member")));
  }

  @Override
  public synchronized InMemoryPartnerDirectory enrol(Collection<Partner> newPartners, Collection<Member> newMembers) {
    List<Partner> p = List.copyOf(requireNonNull(newPartners, "partners"));
    List<Member> m = List.copyOf(requireNonNull(newMembers, "members"));
    Enrolments.check(p, m, partners::containsKey);
    p.forEach(partner -> partners.put(partner.id(), partner));
    m.forEach(member -> members.put(member.id(), member));
    return this;
  }

  @Override
  public Optional<Partner> partner(PartnerId id) {
    return Optional.ofNullable(partners.get(requireNonNull(id, "id")));
  }

  @Override
  public Optional<Member> member(MemberId id) {
    return Optional.ofNullable(members.get(requireNonNull(id, "id")));
  }

  @Override
  public List<Partner> partners() {
    return partners.values().stream().sorted(Comparator.comparing(Partner::id)).toList();
  }

  @Override
  public List<Member> members() {
    return members.values().stream().sorted(Comparator.comparing(Member::id)).toList();
  }
}
