package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link PartnerDirectory}: partners and members put in by the host. Thread-safe.
 * Refuses a member of an unknown partner and a partner whose parent is unknown, so the directory
 * never holds a dangling reference.
 */
public final class InMemoryPartnerDirectory implements PartnerDirectory {

  private final Map<PartnerId, Partner> partners = new ConcurrentHashMap<>();
  private final Map<MemberId, Member> members = new ConcurrentHashMap<>();

  /** Adds or replaces {@code partner}; returns this directory. */
  public InMemoryPartnerDirectory put(Partner partner) {
    requireNonNull(partner, "partner");
    partner.parent().ifPresent(parent -> {
      if (!partners.containsKey(parent)) {
        throw new UnknownPartnerException("parent " + parent + " of partner " + partner.id() + " is not enrolled");
      }
    });
    partners.put(partner.id(), partner);
    return this;
  }

  /** Adds or replaces {@code member}; returns this directory. */
  public InMemoryPartnerDirectory put(Member member) {
    requireNonNull(member, "member");
    if (!partners.containsKey(member.partner())) {
      throw new UnknownPartnerException("partner " + member.partner() + " of member " + member.id()
          + " is not enrolled");
    }
    members.put(member.id(), member);
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
}
