package dev.loyalty.core.rewards;

import static dev.loyalty.core.rewards.CatalogDocuments.AUGUST;
import static dev.loyalty.core.rewards.CatalogDocuments.GOLD;
import static dev.loyalty.core.rewards.CatalogDocuments.INR;
import static dev.loyalty.core.rewards.CatalogDocuments.SILVER;
import static dev.loyalty.core.rewards.CatalogDocuments.USD;
import static dev.loyalty.core.rewards.CatalogDocuments.dealer;
import static dev.loyalty.core.rewards.CatalogDocuments.distributor;
import static dev.loyalty.core.rewards.CatalogDocuments.item;
import static dev.loyalty.core.rewards.CatalogDocuments.load;
import static dev.loyalty.core.rewards.CatalogDocuments.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule that decides what a participant sees in the catalog, and what the participant sees. */
class VisibilityTest {
  private static final Catalog CATALOG = CatalogDocuments.example();
  private static final Currency EUR = Currency.getInstance("EUR");

  private static Partner partner(PartnerType type, String region, String country, Currency currency) {
    Partner d = dealer();
    return new Partner(d.id(), d.name(), type, d.parent(), region, country, currency, d.segments(), d.enrolledOn(),
        d.status());
  }

  private static List<HiddenReason> reasons(Catalog catalog, String item, Participant participant, Instant at) {
    Visibility visibility = catalog.visibility(CatalogItemId.of(item), participant, at);
    assertThat(visibility).as("%s for %s", item, participant.id()).isInstanceOf(Visibility.Hidden.class);
    return ((Visibility.Hidden) visibility).reasons();
  }

  private static List<HiddenReason> reasons(String item, Participant participant) {
    return reasons(CATALOG, item, participant, AUGUST);
  }

  private static Offer offer(Catalog catalog, String item, Participant participant, Instant at) {
    Visibility visibility = catalog.visibility(CatalogItemId.of(item), participant, at);
    assertThat(visibility).as("%s for %s", item, participant.id()).isInstanceOf(Visibility.Visible.class);
    return ((Visibility.Visible) visibility).offer();
  }

  private static Instant india(String localDateTime) {
    return LocalDate.parse(localDateTime.substring(0, 10)).atTime(java.time.LocalTime.parse(localDateTime.substring(11)))
        .atZone(CATALOG.program().zone()).toInstant();
  }

  // --- what a participant sees

  @Test
  void aSilverDealer_seesWhatIsForEveryPartnerInItsCountry_inTheDefaultLocale_withValues() {
    List<Offer> offers = CATALOG.visibleTo(Participant.partner(dealer(), Optional.of(SILVER)), AUGUST);

    assertThat(offers).extracting(o -> o.id().value()).containsExactly("SMARTWATCH-X2", "AMAZON-500", "FUEL-CARD-1000",
        "CASHBACK-5000", "PRIORITY-SUPPORT-3M", "TREES-100");
    assertThat(offers).extracting(Offer::points).containsExactly(12_000L, 2_000L, 4_000L, 5_000L, 6_000L, 1_000L);
    assertThat(offers).allSatisfy(o -> assertThat(o.version()).isEqualTo(CatalogVersion.of("2026-07")));
    assertThat(offers.get(0).text()).isEqualTo(new LocalizedText(Locale.forLanguageTag("en-IN"), "Smartwatch X2",
        Optional.of("Fitness tracking and a 7-day battery.")));
    // Named in "en" only: en-IN falls back to it.
    assertThat(offers.get(3).text()).isEqualTo(new LocalizedText(Locale.ENGLISH, "Cashback to your bank account",
        Optional.of("Paid within 7 working days.")));
    // 5,000 points at 0.25 INR; 1,000 points at 0.25 INR.
    assertThat(offers.get(3).value()).contains(Money.of("1250", "INR"));
    assertThat(offers.get(5).value()).contains(Money.of("250", "INR"));
    assertThat(offers.get(0).value()).isEmpty();
  }

  @Test
  void aGoldDealer_alsoSeesWhatNeedsGold() {
    List<Offer> offers = CATALOG.visibleTo(Participant.partner(dealer(), Optional.of(GOLD)), AUGUST);

    assertThat(offers).extracting(o -> o.id().value()).containsExactly("SMARTWATCH-X2", "AMAZON-500", "FUEL-CARD-1000",
        "CASHBACK-5000", "DEALER-MEET-DUBAI", "INVERTER-PREVIEW", "PRIORITY-SUPPORT-3M", "TREES-100");
  }

  @Test
  void aTechnician_seesItsTrainingSeat_butNotWhatIsForPartners() {
    Member technician = member(dealer(), MemberRole.TECHNICIAN, "en-IN");
    List<Offer> offers = CATALOG.visibleTo(Participant.member(technician, dealer(), Optional.of(GOLD)), AUGUST);

    assertThat(offers).extracting(o -> o.id().value()).containsExactly("SMARTWATCH-X2", "AMAZON-500", "FUEL-CARD-1000",
        "CASHBACK-5000", "INSTALLER-PRO", "INVERTER-PREVIEW", "PRIORITY-SUPPORT-3M", "TREES-100");
  }

  @Test
  void aMember_readsItsOwnLanguage_withEachTextFallingBackOnItsOwn() {
    Member rep = member(dealer(), MemberRole.SALES_REP, "hi-IN");
    List<Offer> offers = CATALOG.visibleTo(Participant.member(rep, dealer(), Optional.of(SILVER)), AUGUST);

    // "hi" gives the watch's name only; its description comes from the default locale.
    assertThat(offers.get(0).text()).isEqualTo(new LocalizedText(Locale.forLanguageTag("hi"), "स्मार्टवॉच X2",
        Optional.of("Fitness tracking and a 7-day battery.")));
    // "hi-IN" itself is there for the voucher.
    assertThat(offers.get(1).text()).isEqualTo(new LocalizedText(Locale.forLanguageTag("hi-IN"),
        "अमेज़न.इन वाउचर, ₹500", Optional.of("Sent by e-mail at once.")));
    // Nothing in Hindi for the fuel card: the default locale.
    assertThat(offers.get(2).name()).isEqualTo("Fuel gift card, ₹1,000");
    assertThat(offers.get(2).text().locale()).isEqualTo(Locale.forLanguageTag("en-IN"));
  }

  @Test
  void aPartnerMayAskForAnotherLocale() {
    Participant hindi = Participant.partner(dealer(), Optional.of(GOLD)).inLocale(Locale.forLanguageTag("hi-IN"));

    assertThat(offer(CATALOG, "SMARTWATCH-X2", hindi, AUGUST).name()).isEqualTo("स्मार्टवॉच X2");
    Participant tamilTechnician = Participant.member(member(dealer(), MemberRole.TECHNICIAN, "ta-IN"), dealer(),
        Optional.empty());
    assertThat(offer(CATALOG, "INSTALLER-PRO", tamilTechnician, AUGUST).name()).isEqualTo("இன்ஸ்டாலர் ப்ரோ சான்றிதழ்");
  }

  @Test
  void aUsdPartner_seesCashbackAtTheUsdPointValue() {
    Participant american = Participant.partner(partner(PartnerType.DEALER, "north", "US", USD), Optional.empty());

    // 5,000 x 0.003 = 15.000 USD; 1,000 x 0.003 = 3.000 USD.
    assertThat(offer(CATALOG, "CASHBACK-5000", american, AUGUST).value()).contains(Money.of("15", "USD"));
    assertThat(offer(CATALOG, "TREES-100", american, AUGUST).value()).contains(Money.of("3.00", "USD"));
  }

  @Test
  void aFaceValueIsShownAsGiven() {
    Participant mehta = Participant.partner(distributor(), Optional.empty());

    assertThat(offer(CATALOG, "MDF-25000", mehta, AUGUST).value()).contains(Money.of("25000", "INR"));
  }

  @Test
  void visibility_ofAVisibleItemIsTheOfferVisibleToGives() {
    Participant sharma = Participant.partner(dealer(), Optional.of(GOLD));

    for (Offer offer : CATALOG.visibleTo(sharma, AUGUST)) {
      assertThat(CATALOG.visibility(offer.id(), sharma, AUGUST)).isEqualTo(new Visibility.Visible(offer));
    }
  }

  // --- each rule, and its reason

  @Test
  void aParticipantThatIsNotActive_seesNothing() {
    Partner suspended = dealer().withStatus(EnrolmentStatus.SUSPENDED);
    assertThat(CATALOG.visibleTo(Participant.partner(suspended, Optional.of(GOLD)), AUGUST)).isEmpty();
    assertThat(reasons("AMAZON-500", Participant.partner(suspended, Optional.of(GOLD))))
        .containsExactly(new HiddenReason.NotActive(dealer().id(), EnrolmentStatus.SUSPENDED));

    Member left = member(dealer(), MemberRole.SALES_REP, "en-IN").withStatus(EnrolmentStatus.TERMINATED);
    assertThat(reasons("AMAZON-500", Participant.member(left, dealer(), Optional.empty())))
        .containsExactly(new HiddenReason.NotActive(left.id(), EnrolmentStatus.TERMINATED));
    assertThat(reasons("AMAZON-500", Participant.member(left, suspended, Optional.empty()))).containsExactly(
        new HiddenReason.NotActive(dealer().id(), EnrolmentStatus.SUSPENDED),
        new HiddenReason.NotActive(left.id(), EnrolmentStatus.TERMINATED));
  }

  @Test
  void audience() {
    Member rep = member(dealer(), MemberRole.SALES_REP, "en-IN");
    assertThat(reasons("DEALER-MEET-DUBAI", Participant.member(rep, dealer(), Optional.of(GOLD))))
        .containsExactly(new HiddenReason.WrongAudience(Audience.PARTNERS));

    Catalog membersOnly = load(d -> item(d, 9).putObject("eligibility").put("audience", "members"));
    assertThat(reasons(membersOnly, "TREES-100", Participant.partner(dealer(), Optional.empty()), AUGUST))
        .containsExactly(new HiddenReason.WrongAudience(Audience.MEMBERS));
    assertThat(offer(membersOnly, "TREES-100", Participant.member(rep, dealer(), Optional.empty()), AUGUST).points())
        .isEqualTo(1_000);
  }

  @Test
  void roles() {
    assertThat(reasons("INSTALLER-PRO", Participant.partner(dealer(), Optional.of(GOLD))))
        .containsExactly(new HiddenReason.RoleNotEligible(Set.of(MemberRole.TECHNICIAN), Optional.empty()));
    Member rep = member(dealer(), MemberRole.SALES_REP, "en-IN");
    assertThat(reasons("INSTALLER-PRO", Participant.member(rep, dealer(), Optional.of(GOLD)))).containsExactly(
        new HiddenReason.RoleNotEligible(Set.of(MemberRole.TECHNICIAN), Optional.of(MemberRole.SALES_REP)));
  }

  @Test
  void regions() {
    Participant south = Participant.partner(partner(PartnerType.DEALER, "south", "IN", INR), Optional.of(GOLD));
    assertThat(reasons("INVERTER-PREVIEW", south))
        .containsExactly(new HiddenReason.OutsideRegion(Set.of("north", "west"), "south"));
  }

  @Test
  void countries() {
    Participant dubai = Participant.partner(partner(PartnerType.DEALER, "north", "AE", USD), Optional.empty());
    assertThat(reasons("SMARTWATCH-X2", dubai)).containsExactly(new HiddenReason.OutsideCountry(Set.of("IN"), "AE"));
  }

  @Test
  void partnerTypes() {
    assertThat(reasons("MDF-25000", Participant.partner(dealer(), Optional.of(GOLD)))).containsExactly(
        new HiddenReason.PartnerTypeNotEligible(Set.of(PartnerType.DISTRIBUTOR), PartnerType.DEALER));
  }

  @Test
  void minimumTier() {
    assertThat(reasons("DEALER-MEET-DUBAI", Participant.partner(dealer(), Optional.of(SILVER))))
        .containsExactly(new HiddenReason.TierTooLow(GOLD, Optional.of(SILVER)));
    assertThat(reasons("DEALER-MEET-DUBAI", Participant.partner(dealer(), Optional.empty())))
        .containsExactly(new HiddenReason.TierTooLow(GOLD, Optional.empty()));
  }

  @Test
  void validity_isJudgedInTheProgramsZone() {
    Participant gold = Participant.partner(dealer(), Optional.of(GOLD));

    // 30 June 23:59 in India is 18:29 UTC; 1 July 00:00 in India is still 30 June in UTC.
    assertThat(reasons(CATALOG, "DEALER-MEET-DUBAI", gold, india("2026-06-30T23:59:59")))
        .containsExactly(new HiddenReason.NotYetValid(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 6, 30)));
    assertThat(india("2026-07-01T00:00:00")).isEqualTo(Instant.parse("2026-06-30T18:30:00Z"));
    assertThat(offer(CATALOG, "DEALER-MEET-DUBAI", gold, india("2026-07-01T00:00:00")).points()).isEqualTo(150_000);
    assertThat(offer(CATALOG, "DEALER-MEET-DUBAI", gold, india("2026-09-30T23:59:59")).points()).isEqualTo(150_000);
    assertThat(reasons(CATALOG, "DEALER-MEET-DUBAI", gold, india("2026-10-01T00:00:00")))
        .containsExactly(new HiddenReason.Expired(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 1)));
  }

  @Test
  void declaredStock() {
    Catalog none = load(d -> item(d, 0).put("stock", 0));
    assertThat(reasons(none, "SMARTWATCH-X2", Participant.partner(dealer(), Optional.empty()), AUGUST))
        .containsExactly(new HiddenReason.OutOfStock());
    Catalog one = load(d -> item(d, 0).put("stock", 1));
    assertThat(offer(one, "SMARTWATCH-X2", Participant.partner(dealer(), Optional.empty()), AUGUST).item().stock())
        .isEqualTo(Stock.of(1));
  }

  @Test
  void aMoneyValuedItem_needsAValueInThePartnersCurrency() {
    Participant german = Participant.partner(partner(PartnerType.DEALER, "north", "DE", EUR), Optional.empty());
    assertThat(reasons("CASHBACK-5000", german)).containsExactly(new HiddenReason.NoValueInCurrency(EUR));

    Participant american = Participant.partner(partner(PartnerType.DISTRIBUTOR, "west", "US", USD), Optional.empty());
    assertThat(reasons("MDF-25000", american)).containsExactly(new HiddenReason.NoValueInCurrency(USD));
  }

  @Test
  void aMoneyValuedItemWorthLessThanACent_isNotOffered() {
    // 3 points x 0.003 USD = 0.009 USD: less than a cent, and rounding down pays nothing.
    Catalog cheap = load(d -> item(d, 3).put("points", 3));
    Participant american = Participant.partner(partner(PartnerType.DEALER, "north", "US", USD), Optional.empty());

    assertThat(reasons(cheap, "CASHBACK-5000", american, AUGUST))
        .containsExactly(new HiddenReason.WorthlessInCurrency(USD, new BigDecimal("0.009")));
    assertThat(reasons(cheap, "CASHBACK-5000", american, AUGUST).get(0).message())
        .isEqualTo("it is worth 0.009 USD, less than the smallest amount of USD that can be paid");
    // 4 points are worth 0.012 USD: one cent is paid.
    Catalog cent = load(d -> item(d, 3).put("points", 4));
    assertThat(offer(cent, "CASHBACK-5000", american, AUGUST).value()).contains(Money.of("0.01", "USD"));
  }

  @Test
  void everyReasonIsGiven_inTheDocumentedOrder_withASentenceEach() {
    Partner retailer = partner(PartnerType.RETAILER, "south", "IN", INR).withStatus(EnrolmentStatus.SUSPENDED);
    Member rep = member(retailer, MemberRole.SALES_REP, "en-IN");
    Visibility visibility = CATALOG.visibility(CatalogItemId.of("DEALER-MEET-DUBAI"),
        Participant.member(rep, retailer, Optional.of(SILVER)), india("2026-10-02T09:00:00"));

    assertThat(visibility).isInstanceOf(Visibility.Hidden.class);
    assertThat(((Visibility.Hidden) visibility).describe()).isEqualTo("DEALER-MEET-DUBAI is not available: "
        + "partner sharma is SUSPENDED, not ACTIVE; "
        + "only partners may redeem it, not their members; "
        + "it is for partner types dealer, distributor, not retailer; "
        + "it needs tier gold or higher, the participant is in silver; "
        + "it could be redeemed until 2026-09-30, not on 2026-10-02");
  }

  @Test
  void theOtherReasonsSentences() {
    assertThat(new HiddenReason.RoleNotEligible(Set.of(MemberRole.TECHNICIAN, MemberRole.OWNER), Optional.empty())
        .message()).isEqualTo("it is for members in roles owner, technician, not for partners");
    assertThat(new HiddenReason.OutsideRegion(Set.of("west", "north"), "south").message())
        .isEqualTo("it is for regions north, west, not south");
    assertThat(new HiddenReason.OutsideCountry(Set.of("IN"), "AE").message()).isEqualTo("it is for countries IN, not AE");
    assertThat(new HiddenReason.TierTooLow(GOLD, Optional.empty()).message())
        .isEqualTo("it needs tier gold or higher, the participant is in no tier");
    assertThat(new HiddenReason.NotYetValid(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 6, 30)).message())
        .isEqualTo("it may be redeemed from 2026-07-01, not on 2026-06-30");
    assertThat(new HiddenReason.OutOfStock().message()).isEqualTo("it is out of stock");
    assertThat(new HiddenReason.NoValueInCurrency(EUR).message()).isEqualTo("it has no value in EUR");
    assertThat(new HiddenReason.WrongAudience(Audience.MEMBERS).message())
        .isEqualTo("only members may redeem it, not partners");
  }

  // --- misuse

  @Test
  void anItemTheCatalogDoesNotHave() {
    assertThatThrownBy(() -> CATALOG.visibility(CatalogItemId.of("GHOST"), Participant.partner(dealer(),
        Optional.empty()), AUGUST))
        .isInstanceOfSatisfying(UnknownCatalogItemException.class, e -> {
          assertThat(e.item()).isEqualTo(CatalogItemId.of("GHOST"));
          assertThat(e.version()).isEqualTo(CatalogVersion.of("2026-07"));
        })
        .hasMessage("catalog version 2026-07 has no item GHOST");
  }

  @Test
  void aTierTheProgramDoesNotDefine() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CATALOG.visibleTo(Participant.partner(dealer(), Optional.of(TierId.of("platinum"))), AUGUST))
        .withMessage("participant sharma is in tier platinum, which program acme-channel-2026 does not define");
  }

  @Test
  void aMemberOfAnotherPartner() {
    Member mehtasRep = member(distributor(), MemberRole.SALES_REP, "en-IN");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Participant.member(mehtasRep, dealer(), Optional.empty()))
        .withMessage("member mehta-sales-rep works for partner mehta, not for sharma");
  }
}
