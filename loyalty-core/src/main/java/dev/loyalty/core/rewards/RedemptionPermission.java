package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may redeem from an organisation's wallet. The points of a dealer belong to the dealer, not to
 * whoever works there, so a member redeems from its organisation's wallet only with the permission
 * to. {@link #roles} is the simple rule the engine uses by default (members who are owners); a host
 * with an access model (actors, permissions, limits in points) implements this interface over it.
 * Implementations are thread-safe and decide from their arguments alone.
 */
@FunctionalInterface
public interface RedemptionPermission {

  /** Members in any of {@code roles} may redeem from their organisation's wallet, any amount. */
  static RedemptionPermission roles(MemberRole... roles) {
    Set<MemberRole> allowed = Set.copyOf(Arrays.asList(roles));
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("give at least one role");
    }
    return (member, organisation, points) -> {
      if (allowed.contains(member.role())) {
        return Optional.empty();
      }
      Set<String> names = new TreeSet<>();
      allowed.forEach(r -> names.add(r.name()));
      return Optional.of("only members in roles " + String.join(", ", names) + " may redeem from it, and "
          + member.id() + " is " + member.role());
    };
  }

  /** The default: owners may redeem from their organisation's wallet. */
  static RedemptionPermission owners() {
    return roles(MemberRole.OWNER);
  }

  /**
   * Why {@code member} may not redeem {@code points} from {@code organisation}'s wallet; empty if it
   * may. {@code member} works for {@code organisation}; the engine checks that before.
   */
  Optional<String> refusal(Member member, Partner organisation, long points);

  /** Returns normally if the member may; the engine's check. */
  default void require(Member member, Partner organisation, long points, RedemptionId redemption,
      CatalogItemId item) {
    requireNonNull(member, "member");
    requireNonNull(organisation, "organisation");
    Optional<String> why = requireNonNull(refusal(member, organisation, points), "permission returned null");
    if (why.isPresent()) {
      throw new RedemptionNotPermittedException(redemption, item, "redemption " + redemption + " refused: member "
          + member.id() + " may not redeem " + points + " points from the wallet of partner " + organisation.id()
          + ": " + why.get());
    }
  }
}
