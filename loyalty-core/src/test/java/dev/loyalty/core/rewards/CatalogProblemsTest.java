package dev.loyalty.core.rewards;

import static dev.loyalty.core.rewards.CatalogDocuments.item;
import static dev.loyalty.core.rewards.CatalogDocuments.problems;
import static dev.loyalty.core.rewards.CatalogDocuments.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.InputProblem;
import org.junit.jupiter.api.Test;

/** Each kind of problem a catalog can have, reported at the path of the value it is about. */
class CatalogProblemsTest {

  private static ObjectNode eligibility(ObjectNode document, int index) {
    return item(document, index).withObjectProperty("eligibility");
  }

  private static ObjectNode texts(ObjectNode document, int index) {
    return item(document, index).withObjectProperty("texts");
  }

  // --- structure

  @Test
  void notJsonAtAll() {
    assertThat(problemsOf("{ \"defaultLocale\": \"en\" \"items\": [] }")).containsExactly(new InputProblem("$",
        "malformed JSON at line 1, column 25: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"));
    assertThat(problemsOf("  ")).containsExactly(new InputProblem("$", "the document is empty; expected a JSON object"));
    assertThat(problemsOf("[]")).containsExactly(new InputProblem("$", "expected an object, got an array"));
  }

  @Test
  void missingRequiredField() {
    assertThat(problems(d -> d.remove("items")))
        .containsExactly(new InputProblem("$.items", "required field is missing"));
    assertThat(problems(d -> item(d, 1).remove("points")))
        .containsExactly(new InputProblem("$.items[1].points", "required field is missing"));
    assertThat(problems(d -> item(d, 1).remove("codes")))
        .containsExactly(new InputProblem("$.items[1].codes", "required field is missing"));
    assertThat(problems(d -> item(d, 5).remove("course")))
        .containsExactly(new InputProblem("$.items[5].course", "required field is missing"));
    assertThat(problems(d -> texts(d, 0).withObjectProperty("hi").remove("name")))
        .containsExactly(new InputProblem("$.items[0].texts.hi.name", "required field is missing"));
  }

  @Test
  void wrongJsonType() {
    assertThat(problems(d -> d.put("items", "all")))
        .containsExactly(new InputProblem("$.items", "expected an array, got a string"));
    assertThat(problems(d -> item(d, 0).put("points", "12000")))
        .containsExactly(new InputProblem("$.items[0].points", "expected a whole number, got a string"));
    assertThat(problems(d -> item(d, 0).put("points", 12000.5)))
        .containsExactly(new InputProblem("$.items[0].points", "expected a whole number, got 12000.5"));
    assertThat(problems(d -> item(d, 0).put("shipping", "yes")))
        .containsExactly(new InputProblem("$.items[0].shipping", "expected true or false, got a string"));
    assertThat(problems(d -> item(d, 0).putNull("eligibility")))
        .containsExactly(new InputProblem("$.items[0].eligibility", "expected an object, got null"));
    assertThat(problems(d -> eligibility(d, 0).put("countries", "IN")))
        .containsExactly(new InputProblem("$.items[0].eligibility.countries", "expected an array, got a string"));
    assertThat(problems(d -> item(d, 0).put("stock", true)))
        .containsExactly(new InputProblem("$.items[0].stock", "expected a whole number or \"unlimited\", got a boolean"));
    assertThat(problems(d -> item(d, 3).put("value", 5)))
        .containsExactly(new InputProblem("$.items[3].value",
            "expected \"point-value\" or an object of face values by currency code, got a number"));
    assertThat(problems(d -> d.withArray("items").add(7)))
        .containsExactly(new InputProblem("$.items[10]", "expected an object, got a number"));
  }

  @Test
  void unknownField_saysWhatItProbablyMeant() {
    assertThat(problems(d -> item(d, 0).set("point", item(d, 0).remove("points")))).containsExactly(
        new InputProblem("$.items[0].point", "unknown field (did you mean 'points'?); an item of kind merchandise has "
            + "id, kind, points, texts, eligibility, validFrom, validUntil, limits, stock, shipping, sku"),
        new InputProblem("$.items[0].points", "required field is missing"));
    assertThat(problems(d -> d.put("defaultLocal", "en"))).containsExactly(new InputProblem("$.defaultLocal",
        "unknown field (did you mean 'defaultLocale'?); expected one of program, version, defaultLocale, items"));
    assertThat(problems(d -> eligibility(d, 0).putArray("region"))).containsExactly(new InputProblem(
        "$.items[0].eligibility.region", "unknown field (did you mean 'regions'?); expected one of regions, "
            + "countries, partnerTypes, roles, audience, minTier"));
    assertThat(problems(d -> texts(d, 0).withObjectProperty("hi").put("title", "x"))).containsExactly(
        new InputProblem("$.items[0].texts.hi.title", "unknown field; expected one of name, description"));
  }

  @Test
  void anotherKindsField_saysWhichKindsHaveIt() {
    assertThat(problems(d -> item(d, 1).put("shipping", true))).containsExactly(new InputProblem(
        "$.items[1].shipping", "unknown field (only merchandise items have it); an item of kind e-voucher has "
            + "id, kind, points, texts, eligibility, validFrom, validUntil, limits, stock, codes"));
  }

  @Test
  void unknownKind_stillCatchesMisspeltFields() {
    assertThat(problems(d -> {
      item(d, 0).put("kind", "merchandize");
      item(d, 0).put("shiping", false);
    })).containsExactly(
        new InputProblem("$.items[0].shiping", "unknown field (did you mean 'shipping'?); an item has id, kind, "
            + "points, texts, eligibility, validFrom, validUntil, limits, stock, shipping, sku, codes, value, location, "
            + "startsOn, course, certification, offering, duration, cause"),
        new InputProblem("$.items[0].kind", "unknown kind 'merchandize' (did you mean 'merchandise'?); expected one of "
            + "merchandise, e-voucher, gift-card, cashback, experience, training-seat, early-access, "
            + "co-marketing-funds, priority-support, donation"));
  }

  // --- values

  @Test
  void priceMustBeAPositiveWholeNumberOfPoints() {
    assertThat(problems(d -> item(d, 0).put("points", -5)))
        .containsExactly(new InputProblem("$.items[0].points", "must be positive, got -5"));
    assertThat(problems(d -> item(d, 0).put("points", 0)))
        .containsExactly(new InputProblem("$.items[0].points", "must be positive, got 0"));
    assertThat(problems(d -> item(d, 0).put("points", new java.math.BigInteger("9223372036854775808"))))
        .containsExactly(new InputProblem("$.items[0].points",
            "must be at most 9223372036854775807, got 9223372036854775808"));
  }

  @Test
  void aLocaleMustBeABcp47LanguageTag() {
    assertThat(problems(d -> d.put("defaultLocale", "en_IN"))).containsExactly(new InputProblem("$.defaultLocale",
        "'en_IN' is not a BCP 47 language tag such as en-IN, hi or zh-Hant-TW"));
    assertThat(problems(d -> texts(d, 0).set("hindi_IN", texts(d, 0).remove("hi")))).containsExactly(new InputProblem(
        "$.items[0].texts.hindi_IN", "'hindi_IN' is not a BCP 47 language tag such as en-IN, hi or zh-Hant-TW"));
    // Well-formed BCP 47, but no language anyone writes texts in.
    assertThat(problems(d -> texts(d, 0).set("english", texts(d, 0).remove("hi")))).containsExactly(new InputProblem(
        "$.items[0].texts.english", "locale 'english' has no ISO 639 language code ('english'); expected a tag such as "
            + "en-IN, hi or zh-Hant-TW"));
    assertThat(problems(d -> texts(d, 0).set("xx-IN", texts(d, 0).remove("hi")))).containsExactly(new InputProblem(
        "$.items[0].texts['xx-IN']", "locale 'xx-IN' has no ISO 639 language code ('xx'); expected a tag such as "
            + "en-IN, hi or zh-Hant-TW"));
    assertThat(problems(d -> texts(d, 0).set("und", texts(d, 0).remove("hi"))))
        .containsExactly(new InputProblem("$.items[0].texts.und", "locale 'und' names no language"));
    assertThat(problems(d -> texts(d, 0).set("hi-IN-u-nu-deva", texts(d, 0).remove("hi")))).containsExactly(
        new InputProblem("$.items[0].texts['hi-IN-u-nu-deva']", "locale 'hi-IN-u-nu-deva' has extensions; a text's "
            + "locale is a language with an optional script, region and variant"));
  }

  @Test
  void aLocaleGivenTwiceInOtherCase_isReportedAtTheSecond() {
    assertThat(problems(d -> texts(d, 0).set("HI", texts(d, 0).get("hi").deepCopy())))
        .containsExactly(new InputProblem("$.items[0].texts.HI", "locale 'HI' is the same as 'hi' given before"));
  }

  @Test
  void everyItemNeedsANameInTheDefaultLocale() {
    assertThat(problems(d -> texts(d, 1).remove("en-IN"))).containsExactly(new InputProblem("$.items[1].texts",
        "has no name in the catalog's default locale en-IN (nor in en); every item needs one"));
    assertThat(problems(d -> item(d, 1).putObject("texts")))
        .containsExactly(new InputProblem("$.items[1].texts", "must give a name in at least one locale"));
    assertThat(problems(d -> texts(d, 0).withObjectProperty("hi").put("name", " ")))
        .containsExactly(new InputProblem("$.items[0].texts.hi.name", "item name must not be blank"));
  }

  @Test
  void aNameInTheDefaultLocalesLanguageIsEnough() {
    // CASHBACK-5000 is named in "en" only: en-IN falls back to it.
    assertThat(CatalogDocuments.example().items().get(3).texts().in(java.util.Locale.forLanguageTag("en-IN"))).isEmpty();
  }

  @Test
  void validityMustNotEndBeforeItStarts() {
    assertThat(problems(d -> item(d, 4).put("validUntil", "2026-06-30"))).containsExactly(new InputProblem(
        "$.items[4].validUntil", "2026-06-30 is before validFrom 2026-07-01; an item's validity must end on or after "
            + "the day it starts"));
    assertThat(problems(d -> item(d, 4).put("validFrom", "2026-02-30")))
        .containsExactly(new InputProblem("$.items[4].validFrom", "'2026-02-30' is not a date as YYYY-MM-DD"));
  }

  @Test
  void duplicateItemIds_areReportedAtTheSecond() {
    assertThat(problems(d -> item(d, 3).put("id", "SMARTWATCH-X2"))).containsExactly(new InputProblem(
        "$.items[3].id", "duplicate item id 'SMARTWATCH-X2'; $.items[0] has it already"));
    assertThat(problems(d -> item(d, 3).put("id", " PADDED"))).containsExactly(new InputProblem(
        "$.items[3].id", "catalog item id has leading or trailing spaces: ' PADDED'"));
  }

  @Test
  void eligibilityNames() {
    assertThat(problems(d -> eligibility(d, 0).putArray("countries").add("IN").add("UK"))).containsExactly(
        new InputProblem("$.items[0].eligibility.countries[1]",
            "unknown country 'UK'; expected an ISO 3166 alpha-2 code such as IN or GB"));
    assertThat(problems(d -> eligibility(d, 6).putArray("regions").add("North"))).containsExactly(new InputProblem(
        "$.items[6].eligibility.regions[0]",
        "region 'North' must be 1-50 lower-case letters, digits or dashes, starting with a letter or digit"));
    assertThat(problems(d -> eligibility(d, 4).putArray("partnerTypes").add("Dealer"))).containsExactly(
        new InputProblem("$.items[4].eligibility.partnerTypes[0]",
            "partner type 'Dealer' must be 1-50 lower-case letters, digits or dashes, starting with a letter or digit"));
    assertThat(problems(d -> eligibility(d, 5).putArray("roles").add("Tech"))).containsExactly(new InputProblem(
        "$.items[5].eligibility.roles[0]",
        "member role 'Tech' must be 1-50 lower-case letters, digits or dashes, starting with a letter or digit"));
    assertThat(problems(d -> eligibility(d, 4).put("audience", "partner"))).containsExactly(new InputProblem(
        "$.items[4].eligibility.audience",
        "unknown audience 'partner' (did you mean 'partners'?); expected one of anyone, partners, members"));
  }

  @Test
  void aMinimumTierMustBeOneOfTheProgramsTiers() {
    assertThat(problems(d -> eligibility(d, 4).put("minTier", "platinum"))).containsExactly(new InputProblem(
        "$.items[4].eligibility.minTier", "unknown tier 'platinum'; program acme-channel-2026 defines silver, gold"));
  }

  @Test
  void rolesAreForMembers_soNotForAPartnersOnlyItem() {
    assertThat(problems(d -> eligibility(d, 5).put("audience", "partners"))).containsExactly(new InputProblem(
        "$.items[5].eligibility", "an item for members in roles technician cannot be for partners only"));
  }

  @Test
  void limits() {
    assertThat(problems(d -> item(d, 1).withArray("limits").addObject().put("units", 5).put("per", "month")))
        .containsExactly(new InputProblem("$.items[1].limits[2].per",
            "a limit per month is already given at $.items[1].limits[0]; give one limit per period"));
    assertThat(problems(d -> item(d, 0).putArray("limits").addObject().put("units", 0).put("per", "year")))
        .containsExactly(new InputProblem("$.items[0].limits[0].units", "must be positive, got 0"));
    assertThat(problems(d -> item(d, 0).putArray("limits").addObject().put("units", 1).put("per", "week")))
        .containsExactly(new InputProblem("$.items[0].limits[0].per",
            "unknown period 'week'; expected one of month, quarter, year, lifetime"));
  }

  @Test
  void stock() {
    assertThat(problems(d -> item(d, 0).put("stock", -1)))
        .containsExactly(new InputProblem("$.items[0].stock", "must not be negative, got -1"));
    assertThat(problems(d -> item(d, 0).put("stock", "lots"))).containsExactly(
        new InputProblem("$.items[0].stock", "'lots' is not a stock; expected a whole number or \"unlimited\""));
  }

  @Test
  void codes_needExactlyOneSource() {
    assertThat(problems(d -> item(d, 1).withObjectProperty("codes").put("provider", "vouchers-api")))
        .containsExactly(new InputProblem("$.items[1].codes", "give exactly one of pool, provider"));
    assertThat(problems(d -> item(d, 1).putObject("codes")))
        .containsExactly(new InputProblem("$.items[1].codes", "give exactly one of pool, provider"));
    assertThat(problems(d -> item(d, 1).withObjectProperty("codes").put("pool", "Amazon 500"))).containsExactly(
        new InputProblem("$.items[1].codes.pool",
            "code pool 'Amazon 500' must be 1-50 lower-case letters, digits or dashes, starting with a letter or digit"));
  }

  @Test
  void faceValues() {
    assertThat(problems(d -> item(d, 7).putObject("value").put("INR", "25000.005"))).containsExactly(new InputProblem(
        "$.items[7].value.INR", "25000.005 INR has more decimals than INR's minor unit (2)"));
    assertThat(problems(d -> item(d, 7).putObject("value").put("JPY", "100.5"))).containsExactly(new InputProblem(
        "$.items[7].value.JPY", "100.5 JPY has more decimals than JPY's minor unit (0)"));
    assertThat(problems(d -> item(d, 7).putObject("value").put("INR", "0"))).containsExactly(new InputProblem(
        "$.items[7].value.INR", "a face value must be positive, got 0 INR"));
    assertThat(problems(d -> item(d, 7).putObject("value").put("RUPEE", "10"))).containsExactly(new InputProblem(
        "$.items[7].value.RUPEE", "unknown currency code 'RUPEE'; expected an ISO 4217 code such as INR or USD"));
    assertThat(problems(d -> item(d, 7).putObject("value"))).containsExactly(new InputProblem(
        "$.items[7].value", "a face value needs an amount in at least one currency"));
    assertThat(problems(d -> item(d, 3).put("value", "points"))).containsExactly(new InputProblem("$.items[3].value",
        "unknown value 'points'; expected \"point-value\" or an object of face values by currency code"));
  }

  @Test
  void kindValues() {
    assertThat(problems(d -> item(d, 8).put("duration", "P0D"))).containsExactly(new InputProblem(
        "$.items[8].duration", "priority support must last a positive period, got P0D"));
    assertThat(problems(d -> item(d, 8).put("duration", "3 months"))).containsExactly(new InputProblem(
        "$.items[8].duration", "'3 months' is not an ISO-8601 period such as P3M or P90D"));
    assertThat(problems(d -> item(d, 9).put("cause", ""))).containsExactly(new InputProblem(
        "$.items[9].cause", "cause must not be blank"));
    assertThat(problems(d -> item(d, 0).put("sku", "x".repeat(201)))).containsExactly(new InputProblem(
        "$.items[0].sku", "sku is longer than 200 characters"));
  }

  @Test
  void aCatalogForAnotherProgram() {
    assertThat(problems(d -> d.put("program", "globex-2026"))).containsExactly(new InputProblem("$.program",
        "the catalog is for program 'globex-2026', but is being loaded for program 'acme-channel-2026'"));
  }

  @Test
  void aBlankVersion() {
    assertThat(problems(d -> d.put("version", " ")))
        .containsExactly(new InputProblem("$.version", "catalog version must not be blank"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThat(problems(d -> {
      d.put("defaultLocale", "en_IN");
      item(d, 0).put("points", -1);
      item(d, 2).put("id", "SMARTWATCH-X2");
      item(d, 4).put("validUntil", "2026-01-01");
      eligibility(d, 6).put("minTier", "diamond");
      item(d, 8).put("kind", "support");
    })).extracting(InputProblem::path).containsExactly("$.defaultLocale", "$.items[0].points", "$.items[2].id",
        "$.items[4].validUntil", "$.items[6].eligibility.minTier", "$.items[8].kind");
  }
}
