package dev.loyalty.core.rewards;

import static dev.loyalty.core.rewards.CatalogDocuments.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.TierId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog's records refuse what they cannot hold, whoever builds them (the loader or a host's code). */
class RewardRecordsTest {
  private static final ItemTexts TEXTS = ItemTexts.of(Locale.ENGLISH, ItemText.of("Item"));
  private static final RewardKind MERCHANDISE = new RewardKind.Merchandise(true, Optional.empty());

  private static CatalogItem item(String id) {
    return CatalogItem.of(CatalogItemId.of(id), MERCHANDISE, 100, TEXTS);
  }

  @Test
  void ids() {
    assertThatIllegalArgumentException().isThrownBy(() -> CatalogItemId.of(" "))
        .withMessage("catalog item id must not be blank");
    assertThatIllegalArgumentException().isThrownBy(() -> CatalogItemId.of("x".repeat(101)))
        .withMessage("catalog item id is longer than 100 characters");
    assertThatIllegalArgumentException().isThrownBy(() -> CatalogVersion.of("v1 "))
        .withMessage("catalog version has leading or trailing spaces: 'v1 '");
  }

  @Test
  void anItemCostsAPositiveNumberOfPoints() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CatalogItem.of(CatalogItemId.of("FREE"), MERCHANDISE, 0, TEXTS))
        .withMessage("price of catalog item FREE must be a positive number of points, got 0");
  }

  @Test
  void anItemHasAtMostOneLimitPerPeriod() {
    assertThatIllegalArgumentException().isThrownBy(() -> new CatalogItem(CatalogItemId.of("V"), MERCHANDISE, 1, TEXTS,
            Eligibility.everyone(), DateSpan.always(),
            List.of(RedemptionLimit.of(1, LimitPeriod.MONTH), RedemptionLimit.of(2, LimitPeriod.MONTH)), Stock.unlimited()))
        .withMessage("catalog item V has two limits per month: 1 per month and 2 per month");
    assertThatIllegalArgumentException().isThrownBy(() -> RedemptionLimit.of(0, LimitPeriod.YEAR))
        .withMessage("a redemption limit must allow at least 1 unit, got 0");
    assertThat(RedemptionLimit.of(2, LimitPeriod.LIFETIME)).hasToString("2 in all");
  }

  @Test
  void dateSpans() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DateSpan.of(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 6, 30)))
        .withMessage("a span of days must end on or after its first day, got 2026-07-01 to 2026-06-30");
    DateSpan july = DateSpan.of(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 31));
    assertThat(july.contains(LocalDate.of(2026, 7, 1))).isTrue();
    assertThat(july.contains(LocalDate.of(2026, 7, 31))).isTrue();
    assertThat(july.contains(LocalDate.of(2026, 8, 1))).isFalse();
    assertThat(july.startsAfter(LocalDate.of(2026, 6, 30))).isTrue();
    assertThat(july.endedBefore(LocalDate.of(2026, 8, 1))).isTrue();
    assertThat(DateSpan.always().contains(LocalDate.MIN)).isTrue();
  }

  @Test
  void stock() {
    assertThatIllegalArgumentException().isThrownBy(() -> Stock.of(-1)).withMessage("stock must not be negative, got -1");
    assertThat(Stock.of(0).isEmpty()).isTrue();
    assertThat(Stock.of(1).isEmpty()).isFalse();
    assertThat(Stock.unlimited().isEmpty()).isFalse();
  }

  @Test
  void eligibility() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Eligibility(Set.of(), Set.of(), Set.of(),
            Set.of(MemberRole.TECHNICIAN), Audience.PARTNERS, Optional.empty()))
        .withMessage("an item for members in roles technician cannot be for partners only");
    assertThatIllegalArgumentException().isThrownBy(() -> new Eligibility(Set.of(), Set.of("UK"), Set.of(), Set.of(),
            Audience.ANYONE, Optional.empty()))
        .withMessage("unknown country 'UK'; expected an ISO 3166 alpha-2 code such as IN or GB");
    assertThatIllegalArgumentException().isThrownBy(() -> new Eligibility(Set.of("North"), Set.of(), Set.of(),
            Set.of(), Audience.ANYONE, Optional.empty()))
        .withMessageStartingWith("region 'North' must be");
  }

  @Test
  void faceValues() {
    Currency inr = Currency.getInstance("INR");
    assertThatIllegalArgumentException().isThrownBy(() -> new ValueBasis.FaceValue(Map.of()))
        .withMessage("a face value needs an amount in at least one currency");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ValueBasis.FaceValue(Map.of(inr, new BigDecimal("10.001"))))
        .withMessage("10.001 INR has more decimals than INR's minor unit (2)");
    // Trailing zeros are no extra decimals.
    assertThat(new ValueBasis.FaceValue(Map.of(inr, new BigDecimal("10.000"))).amounts()).hasSize(1);
  }

  @Test
  void kinds() {
    assertThatIllegalArgumentException().isThrownBy(() -> new RewardKind.PrioritySupport(Period.ZERO))
        .withMessage("priority support must last a positive period, got P0D");
    assertThatIllegalArgumentException().isThrownBy(() -> new RewardKind.PrioritySupport(Period.of(0, 1, -1)))
        .withMessageContaining("positive period");
    assertThatIllegalArgumentException().isThrownBy(() -> new CodeSource.Pool("Amazon 500"))
        .withMessageStartingWith("code pool 'Amazon 500' must be");
    assertThatIllegalArgumentException().isThrownBy(() -> new RewardKind.TrainingSeat(" ", false, Optional.empty()))
        .withMessage("course must not be blank");
    assertThat(new RewardKind.DigitalCode(RewardKind.DigitalCode.CodeType.GIFT_CARD, new CodeSource.Provider("x"))
        .typeName()).isEqualTo("gift-card");
  }

  @Test
  void aCatalogRefusesWhatItCannotShow() {
    CatalogVersion v = CatalogVersion.of("v");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Catalog.of(ACME, v, Locale.ENGLISH, List.of(item("A"), item("A"))))
        .withMessage("catalog v lists item A twice");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Catalog.of(ACME, v, Locale.forLanguageTag("hi-IN"), List.of(item("A"))))
        .withMessage("catalog v: item A has no name in the catalog's default locale hi-IN (nor in hi); every item needs one");
    CatalogItem forPlatinum = new CatalogItem(CatalogItemId.of("P"), MERCHANDISE, 1, TEXTS, new Eligibility(Set.of(),
        Set.of(), Set.of(), Set.of(), Audience.ANYONE, Optional.of(TierId.of("platinum"))), DateSpan.always(),
        List.of(), Stock.unlimited());
    assertThatIllegalArgumentException().isThrownBy(() -> Catalog.of(ACME, v, Locale.ENGLISH, List.of(forPlatinum)))
        .withMessage("catalog v: item P needs unknown tier 'platinum'; program acme-channel-2026 defines silver, gold");
    assertThatIllegalArgumentException().isThrownBy(() -> Catalog.of(ACME, v, Locale.ROOT, List.of()))
        .withMessage("locale 'und' names no language");
  }

  @Test
  void aCatalogIsAValue() {
    Catalog one = Catalog.of(ACME, CatalogVersion.of("v"), Locale.ENGLISH, List.of(item("A")));
    Catalog same = Catalog.of(ACME, CatalogVersion.of("v"), Locale.ENGLISH, List.of(item("A")));
    Catalog other = Catalog.of(ACME, CatalogVersion.of("v"), Locale.ENGLISH, List.of(item("B")));

    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
    assertThat(one).hasToString("catalog v of acme-channel-2026 (1 item)");
    assertThat(one.item(CatalogItemId.of("A"))).contains(item("A"));
    assertThat(one.item(CatalogItemId.of("B"))).isEmpty();
  }
}
