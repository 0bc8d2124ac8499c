package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;

/**
 * Why a participant may not redeem an item: a typed reason for code (a redemption refuses with it,
 * a portal words it), with a sentence for people.
 */
public sealed interface HiddenReason {

  /** A sentence saying what is missing, with the values involved; never null. */
  String message();

  /**
   * The participant (the partner, or the member or its partner) is not active in the program.
   *
   * @param participant the one that is not active; never null
   * @param status      never null, never {@code ACTIVE}
   */
  record NotActive(ParticipantId participant, EnrolmentStatus status) implements HiddenReason {
    public NotActive {
      requireNonNull(participant, "participant");
      requireNonNull(status, "status");
    }

    @Override
    public String message() {
      return participant.kind() + " " + participant.value() + " is " + status + ", not ACTIVE";
    }
  }

  /**
   * The item is only for partners, or only for members, and the participant is the other.
   *
   * @param audience never null, never {@code ANYONE}
   */
  record WrongAudience(Audience audience) implements HiddenReason {
    public WrongAudience {
      requireNonNull(audience, "audience");
    }

    @Override
    public String message() {
      return audience == Audience.PARTNERS ? "only partners may redeem it, not their members"
          : "only members may redeem it, not partners";
    }
  }

  /**
   * The item is for members in some roles, and the participant is in none of them (a partner has no
   * role).
   *
   * @param roles the roles it is for; never null or empty
   * @param role  the member's role; empty for a partner; never null
   */
  record RoleNotEligible(Set<MemberRole> roles, Optional<MemberRole> role) implements HiddenReason {
    public RoleNotEligible {
      roles = Set.copyOf(requireNonNull(roles, "roles"));
      requireNonNull(role, "role");
    }

    @Override
    public String message() {
      return "it is for members in roles " + Texts.sorted(roles)
          + role.map(r -> ", not " + r).orElse(", not for partners");
    }
  }

  /**
   * The item is for other regions.
   *
   * @param regions the regions it is for; never null
   * @param region  the partner's region; never null
   */
  record OutsideRegion(Set<String> regions, String region) implements HiddenReason {
    public OutsideRegion {
      regions = Set.copyOf(requireNonNull(regions, "regions"));
      requireNonNull(region, "region");
    }

    @Override
    public String message() {
      return "it is for regions " + Texts.sorted(regions) + ", not " + region;
    }
  }

  /**
   * The item is for other countries.
   *
   * @param countries the countries it is for; never null
   * @param country   the partner's country; never null
   */
  record OutsideCountry(Set<String> countries, String country) implements HiddenReason {
    public OutsideCountry {
      countries = Set.copyOf(requireNonNull(countries, "countries"));
      requireNonNull(country, "country");
    }

    @Override
    public String message() {
      return "it is for countries " + Texts.sorted(countries) + ", not " + country;
    }
  }

  /**
   * The item is for other types of partner.
   *
   * @param types the types it is for; never null
   * @param type  the partner's type; never null
   */
  record PartnerTypeNotEligible(Set<PartnerType> types, PartnerType type) implements HiddenReason {
    public PartnerTypeNotEligible {
      types = Set.copyOf(requireNonNull(types, "types"));
      requireNonNull(type, "type");
    }

    @Override
    public String message() {
      return "it is for partner types " + Texts.sorted(types) + ", not " + type;
    }
  }

  /**
   * The item needs a higher tier.
   *
   * @param required the lowest tier that may redeem it; never null
   * @param current  the participant's tier; empty when it is in none; never null
   */
  record TierTooLow(TierId required, Optional<TierId> current) implements HiddenReason {
    public TierTooLow {
      requireNonNull(required, "required");
      requireNonNull(current, "current");
    }

    @Override
    public String message() {
      return "it needs tier " + required + " or higher, "
          + current.map(c -> "the participant is in " + c).orElse("the participant is in no tier");
    }
  }

  /**
   * The item cannot be redeemed yet.
   *
   * @param validFrom its first day; never null
   * @param today     the day judged, in the program's zone; never null
   */
  record NotYetValid(LocalDate validFrom, LocalDate today) implements HiddenReason {
    public NotYetValid {
      requireNonNull(validFrom, "validFrom");
      requireNonNull(today, "today");
    }

    @Override
    public String message() {
      return "it may be redeemed from " + validFrom + ", not on " + today;
    }
  }

  /**
   * The item can no longer be redeemed.
   *
   * @param validUntil its last day; never null
   * @param today      the day judged, in the program's zone; never null
   */
  record Expired(LocalDate validUntil, LocalDate today) implements HiddenReason {
    public Expired {
      requireNonNull(validUntil, "validUntil");
      requireNonNull(today, "today");
    }

    @Override
    public String message() {
      return "it could be redeemed until " + validUntil + ", not on " + today;
    }
  }

  /** The catalog declares no stock of the item. */
  record OutOfStock() implements HiddenReason {
    @Override
    public String message() {
      return "it is out of stock";
    }
  }

  /**
   * The item pays out money but has no value in the partner's currency (the program has no point
   * value in it, or a face value does not name it).
   *
   * @param currency the partner's currency; never null
   */
  record NoValueInCurrency(Currency currency) implements HiddenReason {
    public NoValueInCurrency {
      requireNonNull(currency, "currency");
    }

    @Override
    public String message() {
      return "it has no value in " + currency;
    }
  }

  /**
   * The item pays out money, but its value rounds down to nothing in the partner's currency: the
   * points would buy nothing.
   *
   * @param currency   the partner's currency; never null
   * @param exactValue the value before rounding, below the currency's minor unit; never null
   */
  record WorthlessInCurrency(Currency currency, BigDecimal exactValue) implements HiddenReason {
    public WorthlessInCurrency {
      requireNonNull(currency, "currency");
      requireNonNull(exactValue, "exactValue");
    }

    @Override
    public String message() {
      return "it is worth " + exactValue.toPlainString() + " " + currency + ", less than the smallest amount of "
          + currency + " that can be paid";
    }
  }
}
