package dev.loyalty.core.rewards;

import static dev.loyalty.core.rewards.CatalogDocuments.ACME;
import static dev.loyalty.core.rewards.CatalogDocuments.GOLD;
import static dev.loyalty.core.rewards.CatalogDocuments.INR;
import static dev.loyalty.core.rewards.CatalogDocuments.exampleWith;
import static dev.loyalty.core.rewards.CatalogDocuments.item;
import static dev.loyalty.core.rewards.CatalogDocuments.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.rewards.RewardKind.DigitalCode.CodeType;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid catalogs: what they load into, the defaults, versions, and the ways a catalog can be given. */
class CatalogLoaderTest {
  private static final Locale EN_IN = Locale.forLanguageTag("en-IN");

  private static CatalogItem found(Catalog catalog, String id) {
    return catalog.item(CatalogItemId.of(id)).orElseThrow();
  }

  @Test
  void theExampleLoadsIntoTheRecordsItDescribes() {
    Catalog catalog = CatalogDocuments.example();

    assertThat(catalog.program()).isEqualTo(ACME);
    assertThat(catalog.version()).isEqualTo(CatalogVersion.of("2026-07"));
    assertThat(catalog.defaultLocale()).isEqualTo(EN_IN);
    assertThat(catalog.items()).extracting(i -> i.id().value()).containsExactly("SMARTWATCH-X2", "AMAZON-500",
        "FUEL-CARD-1000", "CASHBACK-5000", "DEALER-MEET-DUBAI", "INSTALLER-PRO", "INVERTER-PREVIEW", "MDF-25000",
        "PRIORITY-SUPPORT-3M", "TREES-100");

    Map<Locale, ItemText> watchTexts = new LinkedHashMap<>();
    watchTexts.put(EN_IN, ItemText.of("Smartwatch X2", "Fitness tracking and a 7-day battery."));
    watchTexts.put(Locale.forLanguageTag("hi"), ItemText.of("स्मार्टवॉच X2"));
    assertThat(found(catalog, "SMARTWATCH-X2")).isEqualTo(new CatalogItem(CatalogItemId.of("SMARTWATCH-X2"),
        new RewardKind.Merchandise(true, Optional.of("SW-X2-BLK")), 12_000, new ItemTexts(watchTexts),
        new Eligibility(Set.of(), Set.of("IN"), Set.of(), Set.of(), Audience.ANYONE, Optional.empty()),
        DateSpan.always(), List.of(RedemptionLimit.of(1, LimitPeriod.YEAR)), Stock.of(40)));

    assertThat(found(catalog, "AMAZON-500").kind())
        .isEqualTo(new RewardKind.DigitalCode(CodeType.E_VOUCHER, new CodeSource.Pool("amazon-in-500")));
    assertThat(found(catalog, "AMAZON-500").limits())
        .containsExactly(RedemptionLimit.of(3, LimitPeriod.MONTH), RedemptionLimit.of(20, LimitPeriod.YEAR));
    assertThat(found(catalog, "AMAZON-500").stock()).isEqualTo(Stock.unlimited());
    assertThat(found(catalog, "FUEL-CARD-1000").kind())
        .isEqualTo(new RewardKind.DigitalCode(CodeType.GIFT_CARD, new CodeSource.Provider("fuel-cards-api")));
    assertThat(found(catalog, "CASHBACK-5000").kind()).isEqualTo(new RewardKind.Cashback(ValueBasis.PointValue.INSTANCE));

    CatalogItem meet = found(catalog, "DEALER-MEET-DUBAI");
    assertThat(meet.kind()).isEqualTo(new RewardKind.Experience(Optional.of("Dubai"), Optional.of(LocalDate.of(2026, 11, 12))));
    assertThat(meet.eligibility()).isEqualTo(new Eligibility(Set.of(), Set.of(),
        Set.of(PartnerType.DEALER, PartnerType.DISTRIBUTOR), Set.of(), Audience.PARTNERS, Optional.of(GOLD)));
    assertThat(meet.validity()).isEqualTo(DateSpan.of(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30)));
    assertThat(meet.limits()).containsExactly(RedemptionLimit.of(1, LimitPeriod.LIFETIME));
    assertThat(meet.stock()).isEqualTo(Stock.of(20));

    assertThat(found(catalog, "INSTALLER-PRO").kind())
        .isEqualTo(new RewardKind.TrainingSeat("installer-pro", true, Optional.of(LocalDate.of(2026, 8, 3))));
    assertThat(found(catalog, "INSTALLER-PRO").eligibility().roles()).containsExactly(MemberRole.TECHNICIAN);
    assertThat(found(catalog, "INVERTER-PREVIEW").kind())
        .isEqualTo(new RewardKind.EarlyAccess("the 2027 inverter line, three months before launch"));
    assertThat(found(catalog, "INVERTER-PREVIEW").eligibility().regions()).containsExactlyInAnyOrder("north", "west");
    assertThat(found(catalog, "MDF-25000").kind())
        .isEqualTo(new RewardKind.CoMarketingFunds(new ValueBasis.FaceValue(Map.of(INR, new BigDecimal("25000")))));
    assertThat(found(catalog, "PRIORITY-SUPPORT-3M").kind()).isEqualTo(new RewardKind.PrioritySupport(Period.ofMonths(3)));
    assertThat(found(catalog, "TREES-100").kind())
        .isEqualTo(new RewardKind.Donation("Reforestation in the Aravalli hills", ValueBasis.PointValue.INSTANCE));
  }

  @Test
  void everyKindIsInTheExample() {
    assertThat(CatalogDocuments.example().items()).extracting(i -> i.kind().typeName()).containsExactly(
        "merchandise", "e-voucher", "gift-card", "cashback", "experience", "training-seat", "early-access",
        "co-marketing-funds", "priority-support", "donation");
  }

  @Test
  void fromJson_stringAndReaderLoadTheSameCatalogAsThePath() {
    String json = CatalogDocuments.text(CatalogDocuments.CATALOG);
    Catalog fromPath = CatalogDocuments.example();

    assertThat(CatalogLoader.fromJson(json, ACME)).isEqualTo(fromPath);
    assertThat(CatalogLoader.fromJson(new StringReader(json), ACME)).isEqualTo(fromPath);
  }

  @Test
  void aLeadingByteOrderMarkIsSkipped(@TempDir Path dir) throws IOException {
    String json = CatalogDocuments.text(CatalogDocuments.CATALOG);
    Path file = dir.resolve("catalog-with-bom.json");
    Files.write(file, ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8));

    assertThat(CatalogLoader.fromPath(file, ACME)).isEqualTo(CatalogDocuments.example());
    assertThat(CatalogLoader.fromJson("\uFEFF" + json, ACME)).isEqualTo(CatalogDocuments.example());
    assertThat(CatalogLoader.fromJson(new StringReader("\uFEFF" + json), ACME)).isEqualTo(CatalogDocuments.example());
  }

  @Test
  void fromJson_leavesTheCallersReaderOpen() throws IOException {
    Reader reader = new StringReader(CatalogDocuments.text(CatalogDocuments.CATALOG));

    CatalogLoader.fromJson(reader, ACME);

    assertThat(reader.read()).isEqualTo(-1);
  }

  @Test
  void fromPath_reportsAMissingFileAsALoyaltyException(@TempDir Path dir) {
    Path missing = dir.resolve("missing.json");

    assertThatThrownBy(() -> CatalogLoader.fromPath(missing, ACME))
        .isExactlyInstanceOf(LoyaltyException.class)
        .hasMessage("cannot read catalog " + missing + ": no such file")
        .hasCauseInstanceOf(NoSuchFileException.class);
  }

  @Test
  void fromPath_namesTheFileInTheRefusal(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, exampleWith(d -> d.remove("defaultLocale")));

    assertThatThrownBy(() -> CatalogLoader.fromPath(file, ACME))
        .isInstanceOf(CatalogDefinitionException.class)
        .hasMessage("invalid catalog in " + file + " (1 problem):\n$.defaultLocale: required field is missing");
  }

  // --- defaults

  @Test
  void optionalItemFields_haveTheirDefaults() {
    Catalog catalog = load(d -> {
      ObjectNode watch = item(d, 0);
      for (String field : List.of("eligibility", "limits", "stock", "shipping", "sku")) {
        watch.remove(field);
      }
    });

    CatalogItem watch = catalog.items().get(0);
    assertThat(watch.eligibility()).isEqualTo(Eligibility.everyone());
    assertThat(watch.validity()).isEqualTo(DateSpan.always());
    assertThat(watch.limits()).isEmpty();
    assertThat(watch.stock()).isEqualTo(Stock.unlimited());
    assertThat(watch.kind()).isEqualTo(new RewardKind.Merchandise(true, Optional.empty()));
  }

  @Test
  void kindFields_haveTheirDefaults() {
    Catalog catalog = load(d -> {
      item(d, 4).remove(List.of("location", "startsOn"));
      item(d, 5).remove(List.of("certification", "startsOn"));
      item(d, 7).remove("value");
    });

    assertThat(catalog.items().get(4).kind()).isEqualTo(new RewardKind.Experience(Optional.empty(), Optional.empty()));
    assertThat(catalog.items().get(5).kind())
        .isEqualTo(new RewardKind.TrainingSeat("installer-pro", false, Optional.empty()));
    assertThat(catalog.items().get(7).kind()).isEqualTo(new RewardKind.CoMarketingFunds(ValueBasis.PointValue.INSTANCE));
  }

  @Test
  void anEmptyCatalogIsValid() {
    Catalog empty = CatalogLoader.fromJson("{ \"defaultLocale\": \"en\", \"items\": [] }", ACME);

    assertThat(empty.items()).isEmpty();
  }

  @Test
  void stockMayBeGivenAsUnlimitedOrAsZero() {
    assertThat(load(d -> item(d, 0).put("stock", "unlimited")).items().get(0).stock()).isEqualTo(Stock.unlimited());
    assertThat(load(d -> item(d, 0).put("stock", 0)).items().get(0).stock()).isEqualTo(Stock.of(0));
  }

  @Test
  void theProgramFieldMayBeLeftOut() {
    assertThat(load(d -> d.remove("program"))).isEqualTo(CatalogDocuments.example());
  }

  // --- versions

  @Test
  void aCatalogWithoutVersion_getsOneFromItsContent() {
    Catalog first = load(d -> d.remove("version"));
    Catalog again = load(d -> d.remove("version"));
    Catalog changed = load(d -> {
      d.remove("version");
      item(d, 0).put("points", 12_500);
    });

    assertThat(first.version().value()).matches("sha256-[0-9a-f]{16}");
    assertThat(again.version()).isEqualTo(first.version());
    assertThat(changed.version()).isNotEqualTo(first.version());
  }

  @Test
  void theContentVersion_doesNotDependOnFieldOrderOrSpacing() {
    ObjectNode reordered = CatalogDocuments.tree();
    reordered.remove("version");
    ObjectNode watch = item(reordered, 0);
    // Move "points" from near the start of the item to its end.
    watch.set("points", watch.remove("points"));
    ObjectNode plain = CatalogDocuments.tree();
    plain.remove("version");
    List<String> names = new java.util.ArrayList<>();
    for (Iterator<String> it = watch.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    assertThat(names.get(names.size() - 1)).isEqualTo("points");

    Catalog fromReordered = CatalogLoader.fromJson(reordered.toPrettyString(), ACME);
    Catalog fromPlain = CatalogLoader.fromJson(plain.toString(), ACME);

    assertThat(fromReordered.version()).isEqualTo(fromPlain.version());
    assertThat(fromReordered).isEqualTo(fromPlain);
  }

  @Test
  void toJson_writesEveryPartOfTheExampleCatalog_andReadsBackEqual() {
    Catalog example = CatalogDocuments.example();
    String json = CatalogLoader.toJson(example);
    assertThat(CatalogLoader.fromJson(json, ACME)).isEqualTo(example);
    // every kind of reward in the example is written with its own fields
    for (String field : List.of("\"codes\"", "\"duration\"", "\"cause\"", "\"course\"", "\"offering\"",
        "\"limits\"", "\"stock\"", "\"minTier\"", "\"description\"")) {
      assertThat(json).contains(field);
    }
  }

  @Test
  void itemToJson_writesEachItemAsInTheCatalog_andReadsBackEqualWithoutAProgram() {
    Catalog example = CatalogDocuments.example();
    for (CatalogItem item : example.items()) {
      String json = CatalogLoader.itemToJson(item);
      assertThat(CatalogLoader.itemFromJson(json)).as(item.id().value()).isEqualTo(item);
      assertThat(CatalogLoader.itemToJson(CatalogLoader.itemFromJson(json))).isEqualTo(json);
    }
    // a minimum tier the program no longer has is read back as it was kept
    String gold = CatalogLoader.itemToJson(found(example, "DEALER-MEET-DUBAI"));
    assertThat(gold).contains("\"minTier\"");
    String gone = gold.replaceAll("\"minTier\":\"[a-z]+\"", "\"minTier\":\"retired-tier\"");
    assertThat(CatalogLoader.itemFromJson(gone).eligibility().minimumTier()).contains(TierId.of("retired-tier"));
  }

  @Test
  void itemFromJson_refusesWhatIsNotAnItem_withEveryProblem() {
    assertThatThrownBy(() -> CatalogLoader.itemFromJson("{\"id\": \"X\", \"kind\": \"merchandise\", \"points\": 0}"))
        .isInstanceOf(CatalogDefinitionException.class).hasMessageContaining("$.points")
        .hasMessageContaining("$.texts");
    assertThatThrownBy(() -> CatalogLoader.itemFromJson("[]")).isInstanceOf(CatalogDefinitionException.class);
  }
}
