package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.program.Program;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges the items of one catalog for one participant at one time: the rules of docs/REWARDS.md,
 * in its order, every failed rule a reason. What does not depend on the item (the day in the
 * program's zone, the tier's rank) is worked out once. Immutable.
 */
final class Judgement {
  private final Catalog catalog;
  private final Participant participant;
  private final LocalDate today;
  private final int tierRank;
  private final Locale locale;

  Judgement(Catalog catalog, Participant participant, Instant at) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.participant = requireNonNull(participant, "participant");
    Program program = catalog.program();
    this.today = requireNonNull(at, "at").atZone(program.zone()).toLocalDate();
    this.tierRank = participant.tier().map(tier -> {
      int rank = program.rank(tier);
      if (rank < 0) {
        throw new IllegalArgumentException("participant " + participant.id() + " is in tier " + tier
            + ", which program " + program.id() + " does not define");
      }
      return rank;
    }).orElse(-1);
    this.locale = participant.locale().orElse(catalog.defaultLocale());
  }

  Visibility of(CatalogItem item) {
    List<HiddenReason> reasons = new ArrayList<>();
    participantStatus(reasons);
    eligibility(item.eligibility(), reasons);
    validity(item.validity(), reasons);
    if (item.stock().isEmpty()) {
      reasons.add(new HiddenReason.OutOfStock());
    }
    Optional<Money> value = value(item, reasons);
    if (!reasons.isEmpty()) {
      return new Visibility.Hidden(catalog.version(), item.id(), reasons);
    }
    LocalizedText text = item.texts().resolve(locale, catalog.defaultLocale()).orElseThrow(
        () -> new IllegalStateException("catalog " + catalog.version() + " lets item " + item.id() + " lack a name"));
    return new Visibility.Visible(new Offer(catalog.version(), item, text, value));
  }

  private void participantStatus(List<HiddenReason> reasons) {
    Partner partner = participant.partner();
    if (partner.status() != EnrolmentStatus.ACTIVE) {
      reasons.add(new HiddenReason.NotActive(partner.id(), partner.status()));
    }
    participant.member().filter(m -> m.status() != EnrolmentStatus.ACTIVE)
        .ifPresent(m -> reasons.add(new HiddenReason.NotActive(m.id(), m.status())));
  }

  private void eligibility(Eligibility rules, List<HiddenReason> reasons) {
    Partner partner = participant.partner();
    boolean isMember = participant.member().isPresent();
    if ((rules.audience() == Audience.PARTNERS && isMember) || (rules.audience() == Audience.MEMBERS && !isMember)) {
      reasons.add(new HiddenReason.WrongAudience(rules.audience()));
    }
    Optional<MemberRole> role = participant.member().map(Member::role);
    if (!rules.roles().isEmpty() && !role.filter(rules.roles()::contains).isPresent()) {
      reasons.add(new HiddenReason.RoleNotEligible(rules.roles(), role));
    }
    if (!rules.regions().isEmpty() && !rules.regions().contains(partner.region())) {
      reasons.add(new HiddenReason.OutsideRegion(rules.regions(), partner.region()));
    }
    if (!rules.countries().isEmpty() && !rules.countries().contains(partner.country())) {
      reasons.add(new HiddenReason.OutsideCountry(rules.countries(), partner.country()));
    }
    if (!rules.partnerTypes().isEmpty() && !rules.partnerTypes().contains(partner.type())) {
      reasons.add(new HiddenReason.PartnerTypeNotEligible(rules.partnerTypes(), partner.type()));
    }
    rules.minimumTier().filter(required -> tierRank < catalog.program().rank(required))
        .ifPresent(required -> reasons.add(new HiddenReason.TierTooLow(required, participant.tier())));
  }

  private void validity(DateSpan validity, List<HiddenReason> reasons) {
    if (validity.startsAfter(today)) {
      reasons.add(new HiddenReason.NotYetValid(validity.first().orElseThrow(), today));
    }
    if (validity.endedBefore(today)) {
      reasons.add(new HiddenReason.Expired(validity.last().orElseThrow(), today));
    }
  }

  private Optional<Money> value(CatalogItem item, List<HiddenReason> reasons) {
    if (!(item.kind() instanceof RewardKind.MoneyValued paid)) {
      return Optional.empty();
    }
    Currency currency = participant.partner().currency();
    Optional<BigDecimal> exact = paid.value().exactValue(item.points(), currency, catalog.program());
    if (exact.isEmpty()) {
      reasons.add(new HiddenReason.NoValueInCurrency(currency));
      return Optional.empty();
    }
    Money value = Valuation.rounded(exact.get(), currency);
    if (value.isZero()) {
      reasons.add(new HiddenReason.WorthlessInCurrency(currency, exact.get()));
      return Optional.empty();
    }
    return Optional.of(value);
  }
}
