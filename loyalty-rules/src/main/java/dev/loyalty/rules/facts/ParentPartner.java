package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import java.util.Set;

/**
 * The parent organisation of the activity's partner (a dealer's distributor), present only when the
 * partner has one. A separate type so that a {@code Partner(...)} pattern only ever matches the
 * activity's own partner.
 *
 * @param partner the parent; never null
 */
public record ParentPartner(Partner partner) {
  public ParentPartner {
    requireNonNull(partner, "partner");
  }

  /** The parent's id; never null. */
  public PartnerId id() {
    return partner.id();
  }

  /** The parent's type ("distributor"); never null. */
  public PartnerType type() {
    return partner.type();
  }

  /** The parent's region; never null. */
  public String region() {
    return partner.region();
  }

  /** The parent's segments; never null. */
  public Set<String> segments() {
    return partner.segments();
  }
}
