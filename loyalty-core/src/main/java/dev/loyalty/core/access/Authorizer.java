package dev.loyalty.core.access;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Says whether an {@link Actor} may use a {@link Permission} on a {@link Target}, for an amount
 * of points where the action moves points, and if not, why. It authorizes only: who the actor is
 * was settled by the host.
 *
 * <p>{@link #standard()} checks, in this order: the actor holds the permission ({@link
 * RefusalCode#NO_PERMISSION}); its scope covers the target ({@link RefusalCode#OUT_OF_SCOPE});
 * the points are within its limit for the permission, if it has one ({@link
 * RefusalCode#ABOVE_LIMIT}). A host may wrap it to add its own checks. Implementations must be
 * thread-safe, and must decide from their arguments alone, so that a decision can be explained.
 */
public interface Authorizer {

  /** The standard checks; stateless and thread-safe. */
  static Authorizer standard() {
    return StandardAuthorizer.INSTANCE;
  }

  /**
   * Why {@code actor} may not use {@code permission} on {@code target} for {@code points};
   * empty if it may.
   *
   * @param points the points the action moves; empty for an action that moves none (then no limit
   *               applies)
   */
  Optional<Refusal> check(Actor actor, Permission permission, Target target, OptionalLong points);

  /**
   * Returns normally if {@code actor} may use {@code permission} on {@code target} for {@code
   * points}.
   *
   * @throws NotAuthorizedException with the {@link Refusal} otherwise
   */
  default void require(Actor actor, Permission permission, Target target, OptionalLong points) {
    Optional<Refusal> refusal = check(actor, permission, target, points);
    if (refusal.isPresent()) {
      throw AccessRefusedException.of(refusal.get());
    }
  }
}
