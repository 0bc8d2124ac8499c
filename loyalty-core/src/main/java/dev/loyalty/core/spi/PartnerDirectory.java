package dev.loyalty.core.spi;

import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import java.util.List;
import java.util.Optional;

/**
 * Where the engine looks up partners and members. The host usually owns this data (its DMS or CRM)
 * and implements it over its own tables; a host without them enrols partners in a {@link
 * PartnerRegistry}: {@link #inMemory()}, or {@code dev.loyalty.core.jdbc.JdbcPartnerDirectory} in
 * PostgreSQL. Implementations must be thread-safe; no method accepts or returns null.
 *
 * <p>The listings ({@link #partners()}, {@link #members()}) read the whole population at once; the
 * engine calls them only for reports, never when it records.
 */
public interface PartnerDirectory {

  /** An empty registry that keeps partners and members in memory. */
  static InMemoryPartnerDirectory inMemory() {
    return new InMemoryPartnerDirectory();
  }

  /** The partner with {@code id}, if enrolled. */
  Optional<Partner> partner(PartnerId id);

  /** The member with {@code id}, if enrolled. */
  Optional<Member> member(MemberId id);

  /**
   * Every partner in the directory, in any status, by id: the population reports count (how many
   * are enrolled, what share of them is active).
   */
  List<Partner> partners();

  /** Every member in the directory, in any status, by id. */
  List<Member> members();
}
