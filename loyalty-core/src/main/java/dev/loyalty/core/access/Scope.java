package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which partners an {@link Actor} may act on. Each dimension is a set of allowed values; an empty
 * set does not restrict that dimension. A target is covered when its partner matches every
 * restricted dimension: {@code Scope.regions("north").withPartnerTypes(DEALER)} covers the dealers
 * of the north region. A program-wide target (no partner) is covered only by {@link #ALL}.
 *
 * @param regions      the regions allowed; never null
 * @param countries    the ISO 3166 alpha-2 countries allowed; never null
 * @param partnerTypes the partner types allowed; never null
 * @param partners     the partners allowed; never null
 */
public record Scope(Set<String> regions, Set<String> countries, Set<PartnerType> partnerTypes,
    Set<PartnerId> partners) {

  /** Every partner and the program-wide targets. */
  public static final Scope ALL = new Scope(Set.of(), Set.of(), Set.of(), Set.of());

  public Scope {
    regions = Set.copyOf(requireNonNull(regions, "regions"));
    regions.forEach(r -> Names.requireSlug(r, "region in a scope"));
    countries = Set.copyOf(requireNonNull(countries, "countries"));
    countries.forEach(c -> Texts.requireCountry(c, "country in a scope"));
    partnerTypes = Set.copyOf(requireNonNull(partnerTypes, "partnerTypes"));
    partners = Set.copyOf(requireNonNull(partners, "partners"));
  }

  /** The partners of {@code first} and {@code more} regions. */
  public static Scope regions(String first, String... more) {
    return ALL.withRegions(atLeastOne(first, more));
  }

  /** The partners in {@code first} and {@code more} countries. */
  public static Scope countries(String first, String... more) {
    return ALL.withCountries(atLeastOne(first, more));
  }

  /** The partners of {@code first} and {@code more} types. */
  public static Scope partnerTypes(PartnerType first, PartnerType... more) {
    return ALL.withPartnerTypes(atLeastOne(first, more));
  }

  /** Only {@code first} and {@code more} partners. */
  public static Scope partners(PartnerId first, PartnerId... more) {
    return ALL.withPartners(atLeastOne(first, more));
  }

  /** A copy restricted to {@code allowed} regions (empty: any region). */
  public Scope withRegions(Set<String> allowed) {
    return new Scope(allowed, countries, partnerTypes, partners);
  }

  /** A copy restricted to {@code allowed} countries (empty: any country). */
  public Scope withCountries(Set<String> allowed) {
    return new Scope(regions, allowed, partnerTypes, partners);
  }

  /** A copy restricted to {@code allowed} partner types (empty: any type). */
  public Scope withPartnerTypes(Set<PartnerType> allowed) {
    return new Scope(regions, countries, allowed, partners);
  }

  /** A copy restricted to {@code allowed} partners (empty: any partner). */
  public Scope withPartners(Set<PartnerId> allowed) {
    return new Scope(regions, countries, partnerTypes, allowed);
  }

  /** Whether this is {@link #ALL}: nothing restricted. */
  public boolean isAll() {
    return regions.isEmpty() && countries.isEmpty() && partnerTypes.isEmpty() && partners.isEmpty();
  }

  /** Whether an actor with this scope may act on {@code target}. */
  public boolean covers(Target target) {
    requireNonNull(target, "target");
    if (isAll()) {
      return true;
    }
    return target.partner().filter(this::covers).isPresent();
  }

  private boolean covers(PartnerTraits p) {
    return allows(regions, p.region()) && allows(countries, p.country()) && allows(partnerTypes, p.type())
        && allows(partners, p.partner());
  }

  private static <T> boolean allows(Set<T> allowed, T value) {
    return allowed.isEmpty() || allowed.contains(value);
  }

  @SafeVarargs
  private static <T> Set<T> atLeastOne(T first, T... more) {
    requireNonNull(first, "first");
    Set<T> all = new HashSet<>(Arrays.asList(more));
    all.add(first);
    return all;
  }

  /** "all", or the restricted dimensions in a fixed order, as messages show them. */
  @Override
  public String toString() {
    if (isAll()) {
      return "all";
    }
    StringBuilder s = new StringBuilder();
    describe(s, "regions", regions);
    describe(s, "countries", countries);
    describe(s, "partner types", partnerTypes);
    describe(s, "partners", partners);
    return s.toString();
  }

  private static void describe(StringBuilder s, String name, Set<?> values) {
    if (values.isEmpty()) {
      return;
    }
    if (s.length() > 0) {
      s.append(" and ");
    }
    TreeSet<String> sorted = new TreeSet<>();
    values.forEach(v -> sorted.add(v.toString()));
    s.append(name).append(' ').append(sorted);
  }
}
