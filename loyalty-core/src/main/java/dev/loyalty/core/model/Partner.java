package dev.loyalty.core.model;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;

/**
 * An organisation in the channel: a distributor, a dealer under it, a retailer.
 *
 * @param id         never null
 * @param name       never null or blank
 * @param type       never null
 * @param parent     the organisation above it (a dealer's distributor); never null
 * @param region     the program's sales region ("north"); never null or blank
 * @param country    ISO 3166 alpha-2 code ("IN"); never null
 * @param currency   the currency it invoices in; never null
 * @param segments   tags campaigns can target ("rural", "key-account"); never null
 * @param enrolledOn never null
 * @param status     never null
 */
public record Partner(
    PartnerId id,
    String name,
    PartnerType type,
    Optional<PartnerId> parent,
    String region,
    String country,
    Currency currency,
    Set<String> segments,
    LocalDate enrolledOn,
    EnrolmentStatus status) {

  public Partner {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("partner " + id + " has a blank name");
    }
    requireNonNull(type, "type");
    requireNonNull(parent, "parent");
    if (parent.filter(id::equals).isPresent()) {
      throw new IllegalArgumentException("partner " + id + " cannot be its own parent");
    }
    Names.requireSlug(requireNonNull(region, "region"), "region of partner " + id);
    requireNonNull(country, "country");
    if (!country.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("country of partner " + id + " must be an ISO 3166 alpha-2 code, got '"
          + country + "'");
    }
    requireNonNull(currency, "currency");
    segments = Set.copyOf(requireNonNull(segments, "segments"));
    segments.forEach(s -> Names.requireSlug(s, "segment of partner " + id));
    requireNonNull(enrolledOn, "enrolledOn");
    requireNonNull(status, "status");
  }

  /** An active partner with no parent and no segments, enrolled on {@code enrolledOn}. */
  public static Partner of(PartnerId id, String name, PartnerType type, String region, String country,
      Currency currency, LocalDate enrolledOn) {
    return new Partner(id, name, type, Optional.empty(), region, country, currency, Set.of(), enrolledOn,
        EnrolmentStatus.ACTIVE);
  }

  /** A copy under {@code newParent}. */
  public Partner withParent(PartnerId newParent) {
    return new Partner(id, name, type, Optional.of(newParent), region, country, currency, segments, enrolledOn,
        status);
  }

  /** A copy with the given segments. */
  public Partner withSegments(Set<String> newSegments) {
    return new Partner(id, name, type, parent, region, country, currency, newSegments, enrolledOn, status);
  }

  /** A copy with the given status. */
  public Partner withStatus(EnrolmentStatus newStatus) {
    return new Partner(id, name, type, parent, region, country, currency, segments, enrolledOn, newStatus);
  }
}
