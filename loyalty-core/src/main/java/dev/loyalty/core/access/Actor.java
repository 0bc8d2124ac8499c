package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A person or system acting on the program, as the host vouches for it: the library never
 * authenticates, it only authorizes (see {@link Authorizer}). A host maps its user in a few lines:
 * <pre>{@code
 * Actor actor = Actor.of(ActorId.of(user.login()), Roles.defaults().named(user.groups()))
 *     .withLimit(Permission.APPROVE_ADJUSTMENT, 50_000)
 *     .withScope(Scope.regions("north"));
 * }</pre>
 *
 * @param id     never null
 * @param roles  the roles it holds; never null
 * @param grants permissions held directly, besides those of its roles; never null
 * @param limits the most points it may act on per {@linkplain Permission#limitable() limitable}
 *               permission it holds; a held permission without an entry has no limit; never null
 * @param scope  the partners it may act on; never null
 */
public record Actor(ActorId id, Set<Role> roles, Set<Permission> grants, Map<Permission, Long> limits,
    Scope scope) {

  public Actor {
    requireNonNull(id, "id");
    roles = Set.copyOf(requireNonNull(roles, "roles"));
    grants = Set.copyOf(requireNonNull(grants, "grants"));
    limits = Map.copyOf(requireNonNull(limits, "limits"));
    requireNonNull(scope, "scope");
    Set<Permission> held = held(roles, grants);
    for (Map.Entry<Permission, Long> e : limits.entrySet()) {
      Permission permission = e.getKey();
      if (!permission.limitable()) {
        throw new IllegalArgumentException("actor " + id + ": " + permission + " takes no limit in points");
      }
      if (!held.contains(permission)) {
        throw new IllegalArgumentException("actor " + id + " has a limit for " + permission
            + " but does not hold it (roles " + roles + ", grants " + grants + ")");
      }
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("actor " + id + ": the limit for " + permission
            + " must not be negative, got " + e.getValue());
      }
    }
  }

  /** An actor with {@code roles}, no direct grants, no limits, and {@link Scope#ALL}. */
  public static Actor of(ActorId id, Collection<Role> roles) {
    return new Actor(id, Set.copyOf(roles), Set.of(), Map.of(), Scope.ALL);
  }

  /** An actor with {@code roles}, no direct grants, no limits, and {@link Scope#ALL}. */
  public static Actor of(ActorId id, Role... roles) {
    return of(id, Arrays.asList(roles));
  }

  /** A copy that also holds {@code permissions} directly. */
  public Actor withGrants(Permission... permissions) {
    Set<Permission> more = EnumSet.noneOf(Permission.class);
    more.addAll(grants);
    more.addAll(Arrays.asList(permissions));
    return new Actor(id, roles, more, limits, scope);
  }

  /** A copy that may act on at most {@code points} under {@code permission}, which it must hold. */
  public Actor withLimit(Permission permission, long points) {
    requireNonNull(permission, "permission");
    Map<Permission, Long> more = new EnumMap<>(Permission.class);
    more.putAll(limits);
    more.put(permission, points);
    return new Actor(id, roles, grants, more, scope);
  }

  /** A copy acting within {@code newScope}. */
  public Actor withScope(Scope newScope) {
    return new Actor(id, roles, grants, limits, newScope);
  }

  /** Every permission it holds, through its roles or directly; unmodifiable. */
  public Set<Permission> permissions() {
    return Collections.unmodifiableSet(held(roles, grants));
  }

  /** Whether it holds {@code permission}, through a role or directly. */
  public boolean holds(Permission permission) {
    requireNonNull(permission, "permission");
    return grants.contains(permission) || roles.stream().anyMatch(r -> r.permissions().contains(permission));
  }

  /** Its limit for {@code permission}; empty when it has none (or does not hold it). */
  public OptionalLong limit(Permission permission) {
    Long limit = limits.get(requireNonNull(permission, "permission"));
    return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
  }

  private static Set<Permission> held(Set<Role> roles, Set<Permission> grants) {
    Set<Permission> held = EnumSet.noneOf(Permission.class);
    held.addAll(grants);
    roles.forEach(r -> held.addAll(r.permissions()));
    return held;
  }
}
