package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.TierId;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is looking at the catalog: a partner (an organisation), or a member with the partner it works
 * for, in its current tier and reading in its locale. The catalog judges a member by its own role,
 * status and tier, and by its partner's region, country, type, status and currency.
 *
 * @param partner the partner, or the member's partner; never null
 * @param member  the member, when an individual is redeeming; its partner is {@code partner}; never null
 * @param tier    the participant's current tier; empty when it is in none; never null
 * @param locale  the locale to show texts in; empty for the catalog's default (a partner has no
 *                locale of its own); never null
 */
public record Participant(Partner partner, Optional<Member> member, Optional<TierId> tier, Optional<Locale> locale) {

  public Participant {
    requireNonNull(partner, "partner");
    requireNonNull(member, "member");
    requireNonNull(tier, "tier");
    requireNonNull(locale, "locale");
    member.ifPresent(m -> {
      if (!m.partner().equals(partner.id())) {
        throw new IllegalArgumentException("member " + m.id() + " works for partner " + m.partner() + ", not for "
            + partner.id());
      }
    });
  }

  /** A partner in {@code tier}, reading the catalog's default locale. */
  public static Participant partner(Partner partner, Optional<TierId> tier) {
    return new Participant(partner, Optional.empty(), tier, Optional.empty());
  }

  /** A member of {@code partner} in {@code tier}, reading its own locale ({@link Member#locale()}). */
  public static Participant member(Member member, Partner partner, Optional<TierId> tier) {
    return new Participant(partner, Optional.of(member), tier, Optional.of(member.locale()));
  }

  /** A copy reading {@code newLocale}. */
  public Participant inLocale(Locale newLocale) {
    return new Participant(partner, member, tier, Optional.of(newLocale));
  }

  /** The member's id, or the partner's. */
  public ParticipantId id() {
    return member.<ParticipantId>map(Member::id).orElse(partner.id());
  }
}
