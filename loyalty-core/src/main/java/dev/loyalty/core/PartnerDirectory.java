package dev.loyalty.core;

import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import java.util.Optional;

/**
 * Where the engine looks up partners and members. The host usually owns this data (its DMS or CRM)
 * and implements it over its own tables; {@link InMemoryPartnerDirectory} is the default.
 * Implementations must be thread-safe.
 */
public interface PartnerDirectory {

  /** The partner with {@code id}, if enrolled. */
  Optional<Partner> partner(PartnerId id);

  /** The member with {@code id}, if enrolled. */
  Optional<Member> member(MemberId id);
}
