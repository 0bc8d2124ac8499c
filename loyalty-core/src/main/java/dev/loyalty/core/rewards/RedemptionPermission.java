package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.Authorizer;
import dev.loyalty.core.access.Permission;
import dev.loyalty.core.access.Refusal;
import dev.loyalty.core.access.Target;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Who may redeem from an organisation's wallet. The points of a dealer belong to the dealer, not to
 * whoever works there, so a member redeems from its organisation's wallet only with the permission
 * to. {@link #roles} is the simple rule the engine uses by default (members who are owners); {@link
 * #authorized} asks the access model of {@code dev.loyalty.core.access} instead (the permission
 * {@link Permission#REDEEM_FROM_ORGANISATION_WALLET}, its limit in points and the actor's scope).
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

  /**
   * Asks {@code authorizer} whether the actor {@code actors} maps the member to may use {@link
   * Permission#REDEEM_FROM_ORGANISATION_WALLET} on the organisation's wallet (the target {@code
   * wallet:<partner id>}, concerning that partner) for the points redeemed: the actor must hold
   * the permission, its scope must cover the organisation, and the points must be within its limit
   * for the permission; a refusal's message is the access model's.
   *
   * @param actors the host's mapping of a member to the actor it vouches for; must not return null
   */
  static RedemptionPermission authorized(Authorizer authorizer, Function<Member, Actor> actors) {
    requireNonNull(authorizer, "authorizer");
    requireNonNull(actors, "actors");
    return (member, organisation, points) -> {
      Actor actor = requireNonNull(actors.apply(member), "the actor of member " + member.id());
      return authorizer.check(actor, Permission.REDEEM_FROM_ORGANISATION_WALLET,
          Target.of("wallet", organisation.id().value(), organisation), OptionalLong.of(points)).map(Refusal::message);
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
