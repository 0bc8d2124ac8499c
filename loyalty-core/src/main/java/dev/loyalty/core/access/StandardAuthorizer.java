package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/** {@link Authorizer#standard()}: permission, then scope, then limit. */
enum StandardAuthorizer implements Authorizer {
  INSTANCE;

  @Override
  public Optional<Refusal> check(Actor actor, Permission permission, Target target, OptionalLong points) {
    requireNonNull(actor, "actor");
    requireNonNull(permission, "permission");
    requireNonNull(target, "target");
    requireNonNull(points, "points");
    if (points.isPresent() && points.getAsLong() < 0) {
      throw new IllegalArgumentException("points must not be negative, got " + points.getAsLong());
    }
    if (!actor.holds(permission)) {
      return Optional.of(new Refusal.NoPermission(actor.id(), permission));
    }
    if (!actor.scope().covers(target)) {
      return Optional.of(new Refusal.OutOfScope(actor.id(), permission, actor.scope(), target));
    }
    OptionalLong limit = actor.limit(permission);
    if (points.isPresent() && limit.isPresent() && points.getAsLong() > limit.getAsLong()) {
      return Optional.of(new Refusal.AboveLimit(actor.id(), permission, limit.getAsLong(), points.getAsLong(), target));
    }
    return Optional.empty();
  }
}
