package dev.loyalty.core.rewards;

import static dev.loyalty.core.rewards.CatalogDocuments.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.program.TierCriteria;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties of the catalog over random items, participants and dates: visibility only grows with
 * the tier, every hidden item's reasons are exactly the rules it fails (checked against a plain
 * re-statement of docs/REWARDS.md), every locale finds a name, and money values are the exact
 * value rounded down to the minor unit.
 */
class CatalogPropertiesTest {
  private static final List<TierId> TIERS = List.of(TierId.of("bronze"), TierId.of("silver"), TierId.of("gold"),
      TierId.of("platinum"));
  /** ACME with four tiers, lowest first. */
  private static final Program PROGRAM = new Program(ACME.id(), ACME.name(), ACME.zone(), ACME.pointValue(),
      TIERS.stream().map(t -> new Tier(t, t.value(), TierCriteria.none(), BigDecimal.ONE)).toList(),
      ACME.tierPolicy(), List.of(), ACME.earnSplit(), ACME.expiry(), ACME.accounts(), ACME.parameters());
  private static final Currency INR = Currency.getInstance("INR");
  private static final Locale DEFAULT = Locale.forLanguageTag("en-IN");
  private static final LocalDate YEAR_START = LocalDate.of(2026, 1, 1);

  // ---------------------------------------------------------------------------------------------
  // Visibility

  @Property(tries = 300)
  void visibility_onlyGrowsWithTheTier(@ForAll("catalogs") Catalog catalog, @ForAll("participants") Participant who,
      @ForAll("instants") Instant at, @ForAll @IntRange(min = -1, max = 3) int lower,
      @ForAll @IntRange(min = -1, max = 3) int higher) {
    int low = Math.min(lower, higher);
    int high = Math.max(lower, higher);

    Set<CatalogItemId> forLow = ids(catalog.visibleTo(inTier(who, low), at));
    Set<CatalogItemId> forHigh = ids(catalog.visibleTo(inTier(who, high), at));

    assertThat(forHigh).containsAll(forLow);
  }

  @Property(tries = 500)
  void hiddenReasons_areExactlyTheRulesTheParticipantFails(@ForAll("catalogs") Catalog catalog,
      @ForAll("participants") Participant who, @ForAll("instants") Instant at) {
    for (CatalogItem item : catalog.items()) {
      List<HiddenReason> expected = expectedReasons(item, who, at);
      Visibility visibility = catalog.visibility(item.id(), who, at);
      if (expected.isEmpty()) {
        assertThat(visibility).isInstanceOf(Visibility.Visible.class);
        Offer offer = ((Visibility.Visible) visibility).offer();
        assertThat(offer.item()).isEqualTo(item);
        assertThat(offer.version()).isEqualTo(catalog.version());
      } else {
        assertThat(visibility).isEqualTo(new Visibility.Hidden(catalog.version(), item.id(), expected));
      }
    }
  }

  @Property(tries = 300)
  void visibleTo_isEveryVisibleItem_inCatalogOrder(@ForAll("catalogs") Catalog catalog,
      @ForAll("participants") Participant who, @ForAll("instants") Instant at) {
    List<Offer> expected = new ArrayList<>();
    for (CatalogItem item : catalog.items()) {
      if (catalog.visibility(item.id(), who, at) instanceof Visibility.Visible visible) {
        expected.add(visible.offer());
      }
    }

    assertThat(catalog.visibleTo(who, at)).isEqualTo(expected);
  }

  /** docs/REWARDS.md's rules, restated as plainly as possible. */
  private static List<HiddenReason> expectedReasons(CatalogItem item, Participant who, Instant at) {
    List<HiddenReason> reasons = new ArrayList<>();
    Partner partner = who.partner();
    if (partner.status() != EnrolmentStatus.ACTIVE) {
      reasons.add(new HiddenReason.NotActive(partner.id(), partner.status()));
    }
    if (who.member().isPresent() && who.member().get().status() != EnrolmentStatus.ACTIVE) {
      reasons.add(new HiddenReason.NotActive(who.member().get().id(), who.member().get().status()));
    }
    Eligibility e = item.eligibility();
    if (e.audience() == Audience.PARTNERS && who.member().isPresent()
        || e.audience() == Audience.MEMBERS && who.member().isEmpty()) {
      reasons.add(new HiddenReason.WrongAudience(e.audience()));
    }
    Optional<MemberRole> role = who.member().map(Member::role);
    if (!e.roles().isEmpty() && (role.isEmpty() || !e.roles().contains(role.get()))) {
      reasons.add(new HiddenReason.RoleNotEligible(e.roles(), role));
    }
    if (!e.regions().isEmpty() && !e.regions().contains(partner.region())) {
      reasons.add(new HiddenReason.OutsideRegion(e.regions(), partner.region()));
    }
    if (!e.countries().isEmpty() && !e.countries().contains(partner.country())) {
      reasons.add(new HiddenReason.OutsideCountry(e.countries(), partner.country()));
    }
    if (!e.partnerTypes().isEmpty() && !e.partnerTypes().contains(partner.type())) {
      reasons.add(new HiddenReason.PartnerTypeNotEligible(e.partnerTypes(), partner.type()));
    }
    if (e.minimumTier().isPresent()) {
      int needed = TIERS.indexOf(e.minimumTier().get());
      int has = who.tier().map(TIERS::indexOf).orElse(-1);
      if (has < needed) {
        reasons.add(new HiddenReason.TierTooLow(e.minimumTier().get(), who.tier()));
      }
    }
    LocalDate today = at.atZone(PROGRAM.zone()).toLocalDate();
    item.validity().first().filter(today::isBefore)
        .ifPresent(first -> reasons.add(new HiddenReason.NotYetValid(first, today)));
    item.validity().last().filter(today::isAfter)
        .ifPresent(last -> reasons.add(new HiddenReason.Expired(last, today)));
    if (item.stock() instanceof Stock.Limited limited && limited.units() == 0) {
      reasons.add(new HiddenReason.OutOfStock());
    }
    if (item.kind() instanceof RewardKind.MoneyValued paid) {
      Currency currency = partner.currency();
      Optional<BigDecimal> exact = paid.value() instanceof ValueBasis.FaceValue face
          ? Optional.ofNullable(face.amounts().get(currency))
          : Optional.ofNullable(PROGRAM.pointValue().get(currency))
              .map(v -> v.multiply(BigDecimal.valueOf(item.points())));
      if (exact.isEmpty()) {
        reasons.add(new HiddenReason.NoValueInCurrency(currency));
      } else if (exact.get().movePointRight(currency.getDefaultFractionDigits()).compareTo(BigDecimal.ONE) < 0) {
        reasons.add(new HiddenReason.WorthlessInCurrency(currency, exact.get()));
      }
    }
    return reasons;
  }

  private static Participant inTier(Participant who, int rank) {
    return new Participant(who.partner(), who.member(), rank < 0 ? Optional.empty() : Optional.of(TIERS.get(rank)),
        who.locale());
  }

  private static Set<CatalogItemId> ids(List<Offer> offers) {
    Set<CatalogItemId> ids = new HashSet<>();
    offers.forEach(o -> ids.add(o.id()));
    return ids;
  }

  // ---------------------------------------------------------------------------------------------
  // Localization

  private static final List<String> TAGS = List.of("en", "en-IN", "en-GB", "hi", "hi-IN", "ta", "ta-IN", "zh",
      "zh-Hant", "zh-TW", "zh-Hant-TW", "nb", "no", "sr-Latn", "sr-Latn-RS", "pt-BR", "kok", "fr-CA");

  @Property(tries = 500)
  void everyLocaleFindsAName_theFirstOnItsChain(@ForAll("texts") ItemTexts texts, @ForAll("locales") Locale wanted) {
    // Catalogs guarantee a name on the default locale's chain; the generator keeps that promise.
    LocalizedText found = texts.resolve(wanted, DEFAULT).orElseThrow();

    List<Locale> chain = ItemTexts.fallbackChain(wanted, DEFAULT);
    Locale first = chain.stream().filter(l -> texts.byLocale().containsKey(l)).findFirst().orElseThrow();
    assertThat(found.locale()).isEqualTo(first);
    assertThat(found.name()).isEqualTo(texts.byLocale().get(first).name());
    assertThat(found.description()).isEqualTo(chain.stream().skip(chain.indexOf(first))
        .map(l -> Optional.ofNullable(texts.byLocale().get(l)).flatMap(ItemText::description))
        .flatMap(Optional::stream).findFirst());
    // The chain holds what was asked for (without extensions, if it names a language at all; the JDK
    // puts zh-Hant-TW before zh-TW) and the default locale's own chain.
    if (!wanted.getLanguage().isEmpty()) {
      assertThat(chain).contains(wanted.stripExtensions());
    }
    assertThat(chain).contains(DEFAULT, Locale.ENGLISH).doesNotHaveDuplicates().doesNotContain(Locale.ROOT);
  }

  @Provide
  Arbitrary<ItemTexts> texts() {
    Arbitrary<ItemText> text = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).optional())
        .as(ItemText::new);
    Arbitrary<Locale> defaultChain = Arbitraries.of(DEFAULT, Locale.ENGLISH);
    return Combinators.combine(defaultChain, text, Arbitraries.of(TAGS).map(Locale::forLanguageTag)
            .list().ofMaxSize(6), text.list().ofSize(6))
        .as((home, homeText, others, otherTexts) -> {
          Map<Locale, ItemText> byLocale = new LinkedHashMap<>();
          for (int i = 0; i < others.size(); i++) {
            byLocale.put(others.get(i), otherTexts.get(i));
          }
          byLocale.put(home, homeText);
          return new ItemTexts(byLocale);
        });
  }

  @Provide
  Arbitrary<Locale> locales() {
    Arbitrary<Locale> known = Arbitraries.of(TAGS).map(Locale::forLanguageTag);
    Arbitrary<Locale> odd = Arbitraries.of("de-CH", "ja", "ar-EG", "en-US-u-nu-latn", "und", "x-private", "hi-Deva-IN",
        "es-419").map(Locale::forLanguageTag);
    Arbitrary<Locale> any = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofLength(2),
        Arbitraries.strings().withCharRange('A', 'Z').ofLength(2)).as((l, r) -> new Locale(l, r));
    return Arbitraries.oneOf(known, odd, any);
  }

  // ---------------------------------------------------------------------------------------------
  // Money

  private static final List<Currency> CURRENCIES = List.of("INR", "USD", "JPY", "BHD", "KWD", "CLF", "EUR", "XAU")
      .stream().map(Currency::getInstance).toList();

  @Property(tries = 1000)
  void aValueIsTheExactValueRoundedDownToTheMinorUnit(@ForAll @LongRange(min = 1) long points,
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long unscaled, @ForAll @IntRange(min = 0, max = 9) int scale,
      @ForAll("currencies") Currency currency) {
    BigDecimal pointValue = BigDecimal.valueOf(unscaled, scale);

    Money value = Valuation.of(points, pointValue, currency);

    BigDecimal exact = pointValue.multiply(BigDecimal.valueOf(points));
    assertThat(value.currency()).isEqualTo(currency);
    assertThat(value.amount()).isLessThanOrEqualTo(exact);
    int digits = currency.getDefaultFractionDigits();
    if (digits < 0) {
      assertThat(value.amount()).isEqualByComparingTo(exact);
      return;
    }
    BigDecimal minorUnit = BigDecimal.ONE.movePointLeft(digits);
    assertThat(exact.subtract(value.amount())).isLessThan(minorUnit);
    assertThat(value.amount().stripTrailingZeros().scale()).isLessThanOrEqualTo(digits);
    // The same figure in whole minor units, by integer division: floor(points x unscaled x 10^digits / 10^scale).
    BigInteger minorUnits = BigInteger.valueOf(points).multiply(BigInteger.valueOf(unscaled))
        .multiply(BigInteger.TEN.pow(digits)).divide(BigInteger.TEN.pow(scale));
    assertThat(value.amount().movePointRight(digits)).isEqualByComparingTo(new BigDecimal(minorUnits));
  }

  @Provide
  Arbitrary<Currency> currencies() {
    return Arbitraries.of(CURRENCIES);
  }

  // ---------------------------------------------------------------------------------------------
  // Limit periods

  @Property(tries = 500)
  void aLimitPeriodIsTheWholeCalendarPeriodAroundTheDay(@ForAll("days") LocalDate day,
      @ForAll LimitPeriod period) {
    DateSpan span = period.spanContaining(day);

    assertThat(span.contains(day)).isTrue();
    if (period == LimitPeriod.LIFETIME) {
      assertThat(span).isEqualTo(DateSpan.always());
      return;
    }
    LocalDate first = span.first().orElseThrow();
    LocalDate last = span.last().orElseThrow();
    int months = period == LimitPeriod.MONTH ? 1 : period == LimitPeriod.QUARTER ? 3 : 12;
    assertThat(first.getDayOfMonth()).isEqualTo(1);
    assertThat((first.getMonthValue() - 1) % months).isZero();
    assertThat(first.plusMonths(months).minusDays(1)).isEqualTo(last);
    // Every day in it has the same span; the day after it starts the next one.
    assertThat(period.spanContaining(first)).isEqualTo(span);
    assertThat(period.spanContaining(last)).isEqualTo(span);
    assertThat(period.spanContaining(last.plusDays(1)).first()).contains(last.plusDays(1));
  }

  @Provide
  Arbitrary<LocalDate> days() {
    return Arbitraries.integers().between(0, 3 * 366).map(d -> LocalDate.of(2024, 1, 1).plusDays(d));
  }

  @Property(tries = 200)
  void aCatalogWrittenAsJsonReadsBackEqual(@ForAll("catalogs") Catalog catalog) {
    String json = CatalogLoader.toJson(catalog);
    assertThat(CatalogLoader.fromJson(json, PROGRAM)).isEqualTo(catalog);
    // the same catalog always gives the same text
    assertThat(CatalogLoader.toJson(CatalogLoader.fromJson(json, PROGRAM))).isEqualTo(json);
    // each item alone, as a redemption keeps its terms
    for (CatalogItem item : catalog.items()) {
      assertThat(CatalogLoader.itemFromJson(CatalogLoader.itemToJson(item))).isEqualTo(item);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Random catalogs and participants

  @Provide
  Arbitrary<Catalog> catalogs() {
    return item().list().ofMinSize(1).ofMaxSize(6).map(items -> {
      List<CatalogItem> numbered = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        CatalogItem it = items.get(i);
        numbered.add(new CatalogItem(CatalogItemId.of("I" + i), it.kind(), it.points(), it.texts(), it.eligibility(),
            it.validity(), it.limits(), it.stock()));
      }
      return Catalog.of(PROGRAM, CatalogVersion.of("random"), DEFAULT, numbered);
    });
  }

  private static Arbitrary<CatalogItem> item() {
    Arbitrary<RewardKind> kind = Arbitraries.oneOf(
        Arbitraries.of(new RewardKind.Merchandise(true, Optional.empty())),
        Arbitraries.of(new RewardKind.Cashback(ValueBasis.PointValue.INSTANCE)),
        Arbitraries.integers().between(1, 500).map(amount -> new RewardKind.Cashback(
            new ValueBasis.FaceValue(Map.of(INR, BigDecimal.valueOf(amount))))),
        Arbitraries.of(new RewardKind.Donation("trees", ValueBasis.PointValue.INSTANCE)));
    Arbitrary<Stock> stock = Arbitraries.oneOf(Arbitraries.of(Stock.unlimited()),
        Arbitraries.longs().between(0, 2).map(Stock::of));
    return Combinators.combine(kind, Arbitraries.longs().between(1, 20_000), eligibility(), validity(), stock)
        .as((k, points, eligibility, validity, s) -> new CatalogItem(CatalogItemId.of("I"), k, points,
            ItemTexts.of(DEFAULT, ItemText.of("item")), eligibility, validity, List.of(), s));
  }

  private static Arbitrary<Eligibility> eligibility() {
    return Combinators.combine(
        Arbitraries.of("north", "south").set().ofMaxSize(2),
        Arbitraries.of("IN", "AE").set().ofMaxSize(2),
        Arbitraries.of(PartnerType.DEALER, PartnerType.RETAILER).set().ofMaxSize(2),
        Arbitraries.of(MemberRole.TECHNICIAN, MemberRole.SALES_REP).set().ofMaxSize(2),
        Arbitraries.of(Audience.class),
        Arbitraries.of(TIERS).optional(0.5))
        .as((regions, countries, types, roles, audience, tier) -> new Eligibility(regions, countries, types, roles,
            !roles.isEmpty() && audience == Audience.PARTNERS ? Audience.ANYONE : audience, tier));
  }

  private static Arbitrary<DateSpan> validity() {
    Arbitrary<Optional<LocalDate>> day = Arbitraries.integers().between(0, 364).map(YEAR_START::plusDays).optional(0.5);
    return Combinators.combine(day, day).as((a, b) -> {
      if (a.isPresent() && b.isPresent() && b.get().isBefore(a.get())) {
        return new DateSpan(b, a);
      }
      return new DateSpan(a, b);
    });
  }

  @Provide
  Arbitrary<Participant> participants() {
    Arbitrary<Partner> partner = Combinators.combine(
        Arbitraries.of(PartnerType.DEALER, PartnerType.RETAILER, PartnerType.DISTRIBUTOR),
        Arbitraries.of("north", "south", "west"), Arbitraries.of("IN", "AE"),
        Arbitraries.of("INR", "USD", "EUR").map(Currency::getInstance),
        Arbitraries.of(EnrolmentStatus.class).optional(0.2))
        .as((type, region, country, currency, status) -> new Partner(PartnerId.of("p"), "P", type, Optional.empty(),
            region, country, currency, Set.of(), YEAR_START, status.orElse(EnrolmentStatus.ACTIVE)));
    Arbitrary<Optional<Member>> member = Combinators.combine(
        Arbitraries.of(MemberRole.TECHNICIAN, MemberRole.SALES_REP, MemberRole.OWNER),
        Arbitraries.of(EnrolmentStatus.class).optional(0.2))
        .as((role, status) -> new Member(MemberId.of("m"), PartnerId.of("p"), "M", role, DEFAULT, YEAR_START,
            status.orElse(EnrolmentStatus.ACTIVE)))
        .optional(0.5);
    return Combinators.combine(partner, member, Arbitraries.of(TIERS).optional(0.8))
        .as((p, m, tier) -> new Participant(p, m, tier, Optional.empty()));
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.integers().between(-10, 375)
        .map(d -> YEAR_START.plusDays(d).atTime(LocalTime.NOON).atZone(PROGRAM.zone()).toInstant());
  }
}
