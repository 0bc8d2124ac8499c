package dev.loyalty.core.spi;

import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.Partner;
import java.util.Collection;

/**
 * A {@link PartnerDirectory} the library keeps itself, for hosts without partner tables of their
 * own: partners and members are enrolled here. {@link PartnerDirectory#inMemory()} keeps them for
 * the life of the JVM, {@code dev.loyalty.core.jdbc.JdbcPartnerDirectory} in PostgreSQL.
 *
 * <p>Contract (the abstract {@code PartnerDirectoryContract} in core's test-jar checks it):
 * implementations are thread-safe; every write is atomic and refuses a dangling reference (a member
 * of a partner that is not enrolled, a partner whose parent is not), changing nothing; what was
 * enrolled reads back equal. No method accepts or returns null.
 */
public interface PartnerRegistry extends PartnerDirectory {

  /**
   * Enrols {@code partner}, or replaces the partner with its id; returns this registry.
   *
   * @throws UnknownPartnerException if its parent is not enrolled; nothing changes
   */
  PartnerRegistry put(Partner partner);

  /**
   * Enrols {@code member}, or replaces the member with its id; returns this registry.
   *
   * @throws UnknownPartnerException if its partner is not enrolled; nothing changes
   */
  PartnerRegistry put(Member member);

  /**
   * Enrols (or replaces) many partners and members at once, atomically: a bulk import. A partner's
   * parent and a member's partner may be enrolled before or be in the same call, in any order.
   *
   * @throws UnknownPartnerException naming the first reference to a partner that is neither
   *                                 enrolled nor in the call; nothing changes
   * @throws IllegalArgumentException if an id appears twice in the call; nothing changes
   */
  PartnerRegistry enrol(Collection<Partner> partners, Collection<Member> members);
}
