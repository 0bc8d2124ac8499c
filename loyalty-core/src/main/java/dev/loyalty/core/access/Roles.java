package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The roles a program knows, by name: what a host maps its user groups to. {@link #defaults()} is a
 * sensible start (docs/CLAIMS.md lists it); {@link #with} adds or replaces a role, {@link #of}
 * defines a set from scratch. Immutable and thread-safe.
 */
public final class Roles {

  /** Submits claims for its own organisation. */
  public static final Role CLAIMANT = Role.of("claimant", Permission.SUBMIT_CLAIM);
  /** A partner's administrator: claims, and redemptions from the organisation's wallet. */
  public static final Role PARTNER_ADMIN = Role.of("partner-admin", Permission.SUBMIT_CLAIM,
      Permission.REDEEM_FROM_ORGANISATION_WALLET);
  /** Decides claims and activities in review. */
  public static final Role REVIEWER = Role.of("reviewer", Permission.DECIDE_CLAIM, Permission.DECIDE_REVIEW);
  /** Requests manual adjustments (the maker). */
  public static final Role ADJUSTER = Role.of("adjuster", Permission.REQUEST_ADJUSTMENT);
  /** Approves or rejects manual adjustments (the checker). */
  public static final Role APPROVER = Role.of("approver", Permission.APPROVE_ADJUSTMENT);
  /** Changes the program and the catalog. */
  public static final Role PROGRAM_MANAGER = Role.of("program-manager", Permission.CHANGE_PROGRAM,
      Permission.CHANGE_CATALOG);
  /** Ships, delivers and cancels redemptions. */
  public static final Role FULFILMENT = Role.of("fulfilment", Permission.MANAGE_FULFILMENT);
  /** Everything; maker-checker still keeps an administrator from checking its own requests. */
  public static final Role ADMINISTRATOR = new Role("administrator", EnumSet.allOf(Permission.class));

  private static final Roles DEFAULTS = of(CLAIMANT, PARTNER_ADMIN, REVIEWER, ADJUSTER, APPROVER, PROGRAM_MANAGER,
      FULFILMENT, ADMINISTRATOR);

  private final Map<String, Role> byName;

  private Roles(Map<String, Role> byName) {
    this.byName = byName;
  }

  /**
   * The default roles: claimant, partner-admin, reviewer, adjuster, approver, program-manager,
   * fulfilment, administrator (the constants of this class).
   */
  public static Roles defaults() {
    return DEFAULTS;
  }

  /**
   * Exactly {@code roles}.
   *
   * @throws IllegalArgumentException if two have the same name
   */
  public static Roles of(Role... roles) {
    Map<String, Role> byName = new LinkedHashMap<>();
    for (Role role : roles) {
      requireNonNull(role, "role");
      if (byName.putIfAbsent(role.name(), role) != null) {
        throw new IllegalArgumentException("role " + role.name() + " is defined twice");
      }
    }
    return new Roles(byName);
  }

  /** A copy with {@code role} added, or replacing the role of the same name. */
  public Roles with(Role role) {
    requireNonNull(role, "role");
    Map<String, Role> copy = new LinkedHashMap<>(byName);
    copy.put(role.name(), role);
    return new Roles(copy);
  }

  /** The role called {@code name}, if there is one. */
  public Optional<Role> find(String name) {
    return Optional.ofNullable(byName.get(requireNonNull(name, "name")));
  }

  /**
   * The roles called {@code names}, in that order without repeats.
   *
   * @throws IllegalArgumentException naming every unknown name, if any is unknown
   */
  public Set<Role> named(Collection<String> names) {
    requireNonNull(names, "names");
    Set<Role> found = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      Role role = byName.get(requireNonNull(name, "name"));
      if (role == null) {
        unknown.add(name);
      } else {
        found.add(role);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown roles " + unknown + "; known are " + byName.keySet());
    }
    return Collections.unmodifiableSet(found);
  }

  /** {@link #named(Collection)} of {@code names}. */
  public Set<Role> named(String... names) {
    return named(Arrays.asList(names));
  }

  /** Every role, in the order defined. */
  public List<Role> all() {
    return List.copyOf(byName.values());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Roles other && byName.equals(other.byName);
  }

  @Override
  public int hashCode() {
    return byName.hashCode();
  }

  @Override
  public String toString() {
    return "Roles" + byName.keySet();
  }
}
