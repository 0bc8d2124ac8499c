package dev.loyalty.core.model;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Locale;

/**
 * An individual inside a partner: an owner, a sales rep, a technician.
 *
 * @param id         never null
 * @param partner    the organisation the member works for; never null
 * @param name       never null or blank
 * @param role       never null
 * @param locale     for statements and catalog texts; never null
 * @param enrolledOn never null
 * @param status     never null
 */
public record Member(
    MemberId id,
    PartnerId partner,
    String name,
    MemberRole role,
    Locale locale,
    LocalDate enrolledOn,
    EnrolmentStatus status) {

  public Member {
    requireNonNull(id, "id");
    requireNonNull(partner, "partner");
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("member " + id + " has a blank name");
    }
    requireNonNull(role, "role");
    requireNonNull(locale, "locale");
    requireNonNull(enrolledOn, "enrolledOn");
    requireNonNull(status, "status");
  }

  /** An active member. */
  public static Member of(MemberId id, PartnerId partner, String name, MemberRole role, Locale locale,
      LocalDate enrolledOn) {
    return new Member(id, partner, name, role, locale, enrolledOn, EnrolmentStatus.ACTIVE);
  }

  /** A copy with the given status. */
  public Member withStatus(EnrolmentStatus newStatus) {
    return new Member(id, partner, name, role, locale, enrolledOn, newStatus);
  }
}
