package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;
import dev.loyalty.core.model.Partner;
import java.util.Optional;

/**
 * What an action is done to: a claim, an adjustment, an activity in review, the program, the
 * catalog. {@link #kind()} and {@link #id()} name it (the audit log is searched by them); the
 * {@link #partner()} it concerns, if any, is what a {@link Scope} is checked against.
 *
 * @param kind    what sort of thing ("claim", "adjustment", "program"): lower-case letters, digits
 *                and dashes; never null
 * @param id      which one; 1-100 characters, no leading or trailing spaces; never null
 * @param partner the partner concerned; empty for program-wide targets (the program, the
 *                catalog), which only an actor with {@link Scope#ALL} may act on; never null
 */
public record Target(String kind, String id, Optional<PartnerTraits> partner) {
  public Target {
    Names.requireSlug(kind, "target kind");
    Texts.requireId(id, "target id");
    requireNonNull(partner, "partner");
  }

  /** A program-wide target: it concerns no one partner. */
  public static Target of(String kind, String id) {
    return new Target(kind, id, Optional.empty());
  }

  /** A target concerning {@code partner}. */
  public static Target of(String kind, String id, PartnerTraits partner) {
    return new Target(kind, id, Optional.of(partner));
  }

  /** A target concerning {@code partner}. */
  public static Target of(String kind, String id, Partner partner) {
    return of(kind, id, PartnerTraits.of(partner));
  }

  /** "kind:id", how messages name it. */
  @Override
  public String toString() {
    return kind + ":" + id;
  }
}
