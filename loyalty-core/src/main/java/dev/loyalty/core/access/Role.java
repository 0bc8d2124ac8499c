package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;
import java.util.Arrays;
import java.util.Set;

/**
 * A named set of permissions ("reviewer"), the unit a host maps its user groups to. See
 * {@link Roles} for the defaults and for a host's own.
 *
 * @param name        lower-case letters, digits and dashes; never null
 * @param permissions what the role allows; never null, may be empty
 */
public record Role(String name, Set<Permission> permissions) {
  public Role {
    Names.requireSlug(name, "role");
    permissions = Set.copyOf(requireNonNull(permissions, "permissions"));
  }

  /** The role {@code name} allowing {@code permissions}. */
  public static Role of(String name, Permission... permissions) {
    return new Role(name, Set.copyOf(Arrays.asList(permissions)));
  }

  @Override
  public String toString() {
    return name;
  }
}
