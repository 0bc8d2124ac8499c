package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * What redeeming an item gives, with what each kind needs to be fulfilled. A closed family: the
 * fulfilment of each kind differs (a parcel, a code, a payout, a seat), and a switch over the kinds
 * must not miss one.
 */
public sealed interface RewardKind {

  /** The kind's name in the catalog's JSON ({@code "merchandise"}, {@code "e-voucher"}); never null. */
  String typeName();

  /** A kind that pays out money, whose value a participant sees in their own currency. */
  sealed interface MoneyValued extends RewardKind {
    /** How its value is found; never null. */
    ValueBasis value();
  }

  /**
   * Physical goods.
   *
   * @param shipping whether it is shipped to the participant (false when collected, say at the
   *                 distributor's counter)
   * @param sku      the host's reference for the goods; at most 200 characters; never null
   */
  record Merchandise(boolean shipping, Optional<String> sku) implements RewardKind {
    public Merchandise {
      requireNonNull(sku, "sku");
      sku.ifPresent(s -> Names.requireText(s, "sku", Names.MAX_TEXT));
    }

    @Override
    public String typeName() {
      return "merchandise";
    }
  }

  /**
   * A code delivered at once: an e-voucher or a gift card.
   *
   * @param type   never null
   * @param source where its codes come from; never null
   */
  record DigitalCode(CodeType type, CodeSource source) implements RewardKind {
    public DigitalCode {
      requireNonNull(type, "type");
      requireNonNull(source, "source");
    }

    @Override
    public String typeName() {
      return type.typeName;
    }

    /** The two kinds of code. */
    public enum CodeType {
      /** A voucher for a merchant or a service. */
      E_VOUCHER("e-voucher"),
      /** A gift card with a stored value. */
      GIFT_CARD("gift-card");

      private final String typeName;

      CodeType(String typeName) {
        this.typeName = typeName;
      }
    }
  }

  /**
   * Money paid into the participant's wallet or account.
   *
   * @param value never null
   */
  record Cashback(ValueBasis value) implements MoneyValued {
    public Cashback {
      requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
      return "cashback";
    }
  }

  /**
   * An experience or a trip (a dealer meet abroad, a match).
   *
   * @param location where it takes place; at most 200 characters; never null
   * @param startsOn when it takes place; never null
   */
  record Experience(Optional<String> location, Optional<LocalDate> startsOn) implements RewardKind {
    public Experience {
      requireNonNull(location, "location");
      location.ifPresent(l -> Names.requireText(l, "location", Names.MAX_TEXT));
      requireNonNull(startsOn, "startsOn");
    }

    @Override
    public String typeName() {
      return "experience";
    }
  }

  /**
   * A seat on a training course, or a certification.
   *
   * @param course        the course's code, as training activities name it; not blank, at most 200
   *                      characters; never null
   * @param certification whether completing it certifies the participant
   * @param startsOn      the session's first day; never null
   */
  record TrainingSeat(String course, boolean certification, Optional<LocalDate> startsOn) implements RewardKind {
    public TrainingSeat {
      Names.requireText(course, "course", Names.MAX_TEXT);
      requireNonNull(startsOn, "startsOn");
    }

    @Override
    public String typeName() {
      return "training-seat";
    }
  }

  /**
   * Early access to a product line, a price list or a launch.
   *
   * @param offering what it gives access to; not blank, at most 200 characters; never null
   */
  record EarlyAccess(String offering) implements RewardKind {
    public EarlyAccess {
      Names.requireText(offering, "offering", Names.MAX_TEXT);
    }

    @Override
    public String typeName() {
      return "early-access";
    }
  }

  /**
   * Market development funds: money the partner spends on approved co-marketing.
   *
   * @param value never null
   */
  record CoMarketingFunds(ValueBasis value) implements MoneyValued {
    public CoMarketingFunds {
      requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
      return "co-marketing-funds";
    }
  }

  /**
   * Priority support for a time.
   *
   * @param duration positive; never null
   */
  record PrioritySupport(Period duration) implements RewardKind {
    public PrioritySupport {
      requireNonNull(duration, "duration");
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException("priority support must last a positive period, got " + duration);
      }
    }

    @Override
    public String typeName() {
      return "priority-support";
    }
  }

  /**
   * A donation to a cause, in the participant's name.
   *
   * @param cause the cause; not blank, at most 200 characters; never null
   * @param value what is given; never null
   */
  record Donation(String cause, ValueBasis value) implements MoneyValued {
    public Donation {
      Names.requireText(cause, "cause", Names.MAX_TEXT);
      requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
      return "donation";
    }
  }
}
