package dev.loyalty.core.program;

import dev.loyalty.core.InputProblem;
import static dev.loyalty.core.program.ProgramDocuments.load;
import static dev.loyalty.core.program.ProgramDocuments.problems;
import static dev.loyalty.core.program.ProgramDocuments.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of problem a definition can have, reported at the path of the value it is about. */
class ProgramProblemsTest {

  private static ObjectNode tier(ObjectNode document, int index) {
    return (ObjectNode) document.withArray("tiers").get(index);
  }

  private static ObjectNode campaign(ObjectNode document, int index) {
    return (ObjectNode) document.withArray("campaigns").get(index);
  }

  private static ObjectNode target(ObjectNode document) {
    return (ObjectNode) campaign(document, 0).get("target");
  }

  // --- structure

  @Test
  void missingRequiredField() {
    assertThat(problems(d -> d.remove("zone")))
        .containsExactly(new InputProblem("$.zone", "required field is missing"));
    assertThat(problems(d -> tier(d, 1).remove("name")))
        .containsExactly(new InputProblem("$.tiers[1].name", "required field is missing"));
    assertThat(problems(d -> campaign(d, 0).remove("budget")))
        .containsExactly(new InputProblem("$.campaigns[0].budget", "required field is missing"));
    assertThat(problems(d -> d.withObjectProperty("accounts").remove("prefix")))
        .containsExactly(new InputProblem("$.accounts.prefix", "required field is missing"));
    assertThat(problems(d -> d.withObjectProperty("expiry").remove("months")))
        .containsExactly(new InputProblem("$.expiry.months", "required field is missing"));
  }

  @Test
  void wrongJsonType() {
    assertThat(problems(d -> d.put("tiers", "gold")))
        .containsExactly(new InputProblem("$.tiers", "expected an array, got a string"));
    assertThat(problems(d -> d.put("pointValue", "0.25")))
        .containsExactly(new InputProblem("$.pointValue", "expected an object, got a string"));
    assertThat(problems(d -> campaign(d, 0).put("budget", "50000")))
        .containsExactly(new InputProblem("$.campaigns[0].budget", "expected a whole number, got a string"));
    assertThat(problems(d -> campaign(d, 0).put("budget", 500.5)))
        .containsExactly(new InputProblem("$.campaigns[0].budget", "expected a whole number, got 500.5"));
    assertThat(problems(d -> d.put("name", 42)))
        .containsExactly(new InputProblem("$.name", "expected a string, got a number"));
    assertThat(problems(d -> d.withObjectProperty("pointValue").put("INR", true)))
        .containsExactly(new InputProblem("$.pointValue.INR",
            "expected a decimal number (a JSON number or a string), got a boolean"));
    assertThat(problems(d -> d.withObjectProperty("parameters").putArray("points-per-100")))
        .containsExactly(new InputProblem("$.parameters['points-per-100']", "expected a string or a number, got an array"));
  }

  @Test
  void nullIsAWrongTypeEvenForAnOptionalField() {
    assertThat(problems(d -> d.putNull("campaigns")))
        .containsExactly(new InputProblem("$.campaigns", "expected an array, got null"));
    assertThat(problems(d -> d.putNull("id")))
        .containsExactly(new InputProblem("$.id", "expected a string, got null"));
  }

  @Test
  void notAnObjectAtAll() {
    assertThat(problemsOf("[]")).containsExactly(new InputProblem("$", "expected an object, got an array"));
    assertThat(problemsOf("  ")).containsExactly(new InputProblem("$", "the document is empty; expected a JSON object"));
  }

  @Test
  void unknownField() {
    assertThat(problems(d -> tier(d, 0).set("critera", tier(d, 0).remove("criteria"))))
        .containsExactly(new InputProblem("$.tiers[0].critera",
            "unknown field; expected one of id, name, earnMultiplier, criteria"));
    assertThat(problems(d -> d.put("Name", "x")))
        .extracting(InputProblem::path).containsExactly("$.Name");
    assertThat(problems(d -> target(d).putArray("region")))
        .containsExactly(new InputProblem("$.campaigns[0].target.region",
            "unknown field; expected one of regions, partnerTypes, segments, tiers"));
    assertThat(problems(d -> d.withObjectProperty("expiry").put("yearEnd", "03-31")))
        .containsExactly(new InputProblem("$.expiry.yearEnd", "unknown field; expected one of policy, months"));
  }

  @Test
  void unknownField_withAnOddNameIsQuotedInThePath() {
    assertThat(problems(d -> d.put("tier's", 1)))
        .extracting(InputProblem::path).containsExactly("$['tier\\'s']");
  }

  @Test
  void unknownExpiryPolicy() {
    assertThat(problems(d -> d.withObjectProperty("expiry").put("policy", "yearly")))
        .containsExactly(new InputProblem("$.expiry.policy",
            "unknown expiry policy 'yearly'; expected one of never, after-days, anniversary, after-months, "
                + "end-of-program-year"));
  }

  // --- values

  @Test
  void currencyCodesAreThreeCapitalLetters() {
    assertThat(problems(d -> d.withObjectProperty("pointValue").put("EUr", "0.01")))
        .containsExactly(new InputProblem("$.pointValue.EUr",
            "unknown currency code 'EUr'; expected an ISO 4217 code such as INR or USD"));
  }

  @Test
  void hugeExponentsAreRefusedInsteadOfSpelledOut() {
    assertThat(problems(d -> tier(d, 1).put("earnMultiplier", "-1E-999999999")))
        .containsExactly(new InputProblem("$.tiers[1].earnMultiplier",
            "is out of range: at most 100 digits before and after the point"));
    assertThat(problems(d -> d.withObjectProperty("parameters").put("points-per-100",
        new java.math.BigDecimal("1E-999999999"))))
        .containsExactly(new InputProblem("$.parameters['points-per-100']",
            "is out of range: at most 100 digits before and after the point"));
    assertThat(problems(d -> campaign(d, 0).put("budget", new java.math.BigDecimal("1E-999999999"))))
        .containsExactly(new InputProblem("$.campaigns[0].budget", "expected a whole number, got 1E-999999999"));
  }

  @Test
  void unknownCurrencyCode() {
    assertThat(problems(d -> d.withObjectProperty("pointValue").put("XYZ", "1")))
        .containsExactly(new InputProblem("$.pointValue.XYZ",
            "unknown currency code 'XYZ'; expected an ISO 4217 code such as INR or USD"));
    assertThat(problems(d -> tier(d, 1).withObjectProperty("criteria").withObjectProperty("minSales").put("inr", "1")))
        .extracting(InputProblem::path).containsExactly("$.tiers[1].criteria.minSales.inr");
  }

  @Test
  void pointValueNeedsACurrency() {
    assertThat(problems(d -> d.putObject("pointValue")))
        .containsExactly(new InputProblem("$.pointValue", "must give the value of a point in at least one currency"));
  }

  @Test
  void unknownTimeZone() {
    assertThat(problems(d -> d.put("zone", "Asia/Kolkatta")))
        .containsExactly(new InputProblem("$.zone",
            "unknown time zone 'Asia/Kolkatta'; expected a region id such as Asia/Kolkata"));
  }

  @Test
  void badPeriod() {
    assertThat(problems(d -> d.withObjectProperty("tierPolicy").put("grace", "3 months")))
        .containsExactly(new InputProblem("$.tierPolicy.grace",
            "'3 months' is not an ISO-8601 period such as P3M or P90D"));
    assertThat(problems(d -> d.withObjectProperty("tierPolicy").put("grace", "P-1M")))
        .containsExactly(new InputProblem("$.tierPolicy.grace", "must not be negative, got P-1M"));
  }

  @Test
  void aRedemptionHoldTimeoutMustBeAPositivePeriod() {
    assertThat(problems(d -> d.put("redemptionHoldTimeout", "P0D")))
        .containsExactly(new InputProblem("$.redemptionHoldTimeout", "must be positive, got P0D"));
    assertThat(problems(d -> d.put("redemptionHoldTimeout", "P-7D")))
        .containsExactly(new InputProblem("$.redemptionHoldTimeout", "must be positive, got P-7D"));
    assertThat(problems(d -> d.put("redemptionHoldTimeout", "30 days")))
        .containsExactly(new InputProblem("$.redemptionHoldTimeout",
            "'30 days' is not an ISO-8601 period such as P3M or P90D"));
    assertThat(problems(d -> d.put("redemptionHoldTimout", "P7D"))).extracting(InputProblem::message)
        .containsExactly("unknown field; expected one of id, name, zone, pointValue, tierPolicy, tiers, campaigns,"
            + " earnSplit, expiry, accounts, parameters, reviewAbovePoints, redemptionHoldTimeout, trust");
  }

  @Test
  void aRedemptionHoldTimeoutIsReadAndDefaultsToThirtyDays() {
    assertThat(load(d -> d.put("redemptionHoldTimeout", "P10D")).redemptionHoldTimeout())
        .isEqualTo(java.time.Period.ofDays(10));
    Program byDefault = load(d -> { });
    assertThat(byDefault.redemptionHoldTimeout()).isEqualTo(java.time.Period.ofDays(30));
    // counted in the program's zone: a month from 31 January ends with February
    java.time.Instant jan31 = java.time.LocalDateTime.parse("2026-01-31T12:00").atZone(byDefault.zone()).toInstant();
    assertThat(byDefault.withRedemptionHoldTimeout(java.time.Period.ofMonths(1)).redemptionHoldTimeoutAt(jan31))
        .isEqualTo(java.time.LocalDateTime.parse("2026-02-28T12:00").atZone(byDefault.zone()).toInstant());
    assertThatThrownBy(() -> byDefault.withRedemptionHoldTimeout(java.time.Period.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redemptionHoldTimeout must be positive");
  }

  @Test
  void badDate() {
    assertThat(problems(d -> campaign(d, 0).put("endsOn", "2026-09-31")))
        .containsExactly(new InputProblem("$.campaigns[0].endsOn",
            "'2026-09-31' is not a real date: there is no September 31"));
    assertThat(problems(d -> campaign(d, 0).put("startsOn", "01/07/2026")))
        .extracting(InputProblem::path).containsExactly("$.campaigns[0].startsOn");
  }

  @Test
  void badMonthDay() {
    java.util.Map<String, String> expected = java.util.Map.of(
        "31-03", "'31-03' is not a real day of the year: month 31 is out of range (1 to 12)",
        "02-30", "'02-30' is not a real day of the year: there is no February 30",
        "3-31", "'3-31' is not a day of the year as MM-DD",
        "--03-31", "'--03-31' is not a day of the year as MM-DD");
    expected.forEach((yearEnd, message) -> assertThat(problems(d -> d.putObject("expiry")
        .put("policy", "end-of-program-year").put("yearEnd", yearEnd).put("extraYears", 0)))
        .containsExactly(new InputProblem("$.expiry.yearEnd", message)));
  }

  @Test
  void zeroOrNegativeWherePositiveIsRequired() {
    assertThat(problems(d -> campaign(d, 0).put("budget", 0)))
        .containsExactly(new InputProblem("$.campaigns[0].budget", "must be positive, got 0"));
    assertThat(problems(d -> d.withObjectProperty("pointValue").put("INR", "0")))
        .containsExactly(new InputProblem("$.pointValue.INR", "must be positive, got 0"));
    assertThat(problems(d -> tier(d, 1).put("earnMultiplier", "-1.5")))
        .containsExactly(new InputProblem("$.tiers[1].earnMultiplier", "must be positive, got -1.5"));
    assertThat(problems(d -> d.withObjectProperty("expiry").put("months", 0)))
        .containsExactly(new InputProblem("$.expiry.months", "must be from 1 to 120, got 0"));
    assertThat(problems(d -> d.withObjectProperty("tierPolicy").put("windowMonths", 37)))
        .containsExactly(new InputProblem("$.tierPolicy.windowMonths", "must be from 1 to 36, got 37"));
    assertThat(problems(d -> tier(d, 1).withObjectProperty("criteria").put("minCategories", -1)))
        .containsExactly(new InputProblem("$.tiers[1].criteria.minCategories", "must not be negative, got -1"));
    assertThat(problems(d -> tier(d, 1).withObjectProperty("criteria").withObjectProperty("minSales").put("INR", "-1")))
        .containsExactly(new InputProblem("$.tiers[1].criteria.minSales.INR", "must not be negative, got -1"));
  }

  @Test
  void notADecimal() {
    assertThat(problems(d -> tier(d, 1).put("earnMultiplier", "1,25")))
        .containsExactly(new InputProblem("$.tiers[1].earnMultiplier", "'1,25' is not a decimal number"));
  }

  @Test
  void aCountTooLargeForItsTypeIsOutOfRange() {
    assertThat(problems(d -> campaign(d, 0).put("budget", new java.math.BigInteger("99999999999999999999"))))
        .containsExactly(new InputProblem("$.campaigns[0].budget",
            "must be at most 9223372036854775807, got 99999999999999999999"));
  }

  @Test
  void earnSplitNotSummingTo100() {
    assertThat(problems(d -> d.withObjectProperty("earnSplit").put("memberPercent", 40)))
        .containsExactly(new InputProblem("$.earnSplit",
            "partnerPercent and memberPercent must sum to 100, got 70 + 40 = 110"));
    assertThat(problems(d -> d.withObjectProperty("earnSplit").put("partnerPercent", 130).put("memberPercent", -30)))
        .containsExactly(
            new InputProblem("$.earnSplit.partnerPercent", "must be from 0 to 100, got 130"),
            new InputProblem("$.earnSplit.memberPercent", "must be from 0 to 100, got -30"));
  }

  // --- across values

  @Test
  void duplicateTierId() {
    assertThat(problems(d -> {
      tier(d, 1).put("id", "silver");
      target(d).putArray("tiers").add("silver");
    })).containsExactly(new InputProblem("$.tiers[1].id", "duplicate tier id 'silver'; $.tiers[0] has it already"));
  }

  @Test
  void duplicateCampaignId() {
    assertThat(problems(d -> {
      ObjectNode copy = campaign(d, 0).deepCopy();
      copy.put("name", "Monsoon push, again");
      d.withArray("campaigns").add(copy);
    })).containsExactly(new InputProblem("$.campaigns[1].id",
        "duplicate campaign id 'monsoon-2026'; $.campaigns[0] has it already"));
  }

  @Test
  void campaignTargetingAnUnknownTier() {
    assertThat(problems(d -> target(d).withArray("tiers").add("platinum")))
        .containsExactly(new InputProblem("$.campaigns[0].target.tiers[1]",
            "unknown tier 'platinum'; the program defines silver, gold"));
    assertThat(problems(d -> d.remove("tiers")))
        .containsExactly(new InputProblem("$.campaigns[0].target.tiers[0]",
            "unknown tier 'gold'; the program defines no tiers"));
  }

  @Test
  void campaignTargetingTiers_isNotCheckedWhenTheTiersCannotBeRead() {
    // Otherwise the one mistake would be reported twice, the second time misleadingly.
    assertThat(problems(d -> d.put("tiers", 3))).extracting(InputProblem::path).containsExactly("$.tiers");
  }

  @Test
  void campaignEndingBeforeItStarts() {
    assertThat(problems(d -> campaign(d, 0).put("endsOn", "2026-06-30")))
        .containsExactly(new InputProblem("$.campaigns[0].endsOn",
            "2026-06-30 is before startsOn 2026-07-01; a campaign must end on or after the day it starts"));
  }

  @Test
  void invalidNames_areReportedWithTheModelsOwnWords() {
    assertThat(problems(d -> target(d).putArray("partnerTypes").add("dealer").add("Dealer")))
        .containsExactly(new InputProblem("$.campaigns[0].target.partnerTypes[1]",
            "partner type 'Dealer' must be 1-50 lower-case letters, digits or dashes, starting with a letter or digit"));
    assertThat(problems(d -> target(d).putArray("regions").add("North")))
        .containsExactly(new InputProblem("$.campaigns[0].target.regions[0]",
            "region 'North' must be 1-50 lower-case letters, digits or dashes, starting with a letter or digit"));
    assertThat(problems(d -> target(d).putArray("segments").add("key account")))
        .extracting(InputProblem::path).containsExactly("$.campaigns[0].target.segments[0]");
    assertThat(problems(d -> d.withObjectProperty("accounts").put("prefix", "Acme")))
        .containsExactly(new InputProblem("$.accounts.prefix",
            "account prefix 'Acme' must be 1-50 lower-case letters, digits or dashes"));
    assertThat(problems(d -> d.withObjectProperty("accounts").put("issuance", "")))
        .containsExactly(new InputProblem("$.accounts.issuance", "account id must not be blank"));
    assertThat(problems(d -> tier(d, 0).put("id", " silver")))
        .containsExactly(new InputProblem("$.tiers[0].id", "tier id has leading or trailing spaces: ' silver'"));
    assertThat(problems(d -> campaign(d, 0).put("id", "")))
        .containsExactly(new InputProblem("$.campaigns[0].id", "campaign id must not be blank"));
  }

  @Test
  void blankNames() {
    assertThat(problems(d -> {
      d.put("name", " ");
      tier(d, 0).put("name", "");
      tier(d, 1).withObjectProperty("criteria").putArray("requiredCertifications").add("installer-basic").add("");
    })).containsExactly(
        new InputProblem("$.name", "must not be blank"),
        new InputProblem("$.tiers[0].name", "must not be blank"),
        new InputProblem("$.tiers[1].criteria.requiredCertifications[1]", "must not be blank"));
  }

  @Test
  void higherTierRequiringLessSales_isReportedAtTheHigherTier() {
    assertThat(problems(d -> {
      tier(d, 1).withObjectProperty("criteria").withObjectProperty("minSales").put("USD", "6000");
      ObjectNode platinum = d.withArray("tiers").addObject().put("id", "platinum").put("name", "Platinum");
      platinum.putObject("criteria").putObject("minSales").put("INR", "400000").put("USD", "7000");
    })).containsExactly(new InputProblem("$.tiers[2].criteria.minSales.INR", "requires 400000, less than the 500000 "
        + "that the lower tier 'gold' at $.tiers[1] requires; a higher tier must not require less"));
  }

  @Test
  void higherTierRequiringLessSales_isComparedWithEveryLowerTierNotJustTheNextOne() {
    List<InputProblem> problems = problems(d -> {
      ArrayNode tiers = d.withArray("tiers");
      ObjectNode bronze = tiers.insertObject(0).put("id", "bronze").put("name", "Bronze");
      bronze.putObject("criteria").putObject("minSales").put("INR", "100000");
      ObjectNode platinum = tiers.addObject().put("id", "platinum").put("name", "Platinum");
      platinum.putObject("criteria").putObject("minSales").put("INR", "50000");
    });

    // Silver (no minSales) does not lower the bar bronze set, so gold is fine and platinum is not.
    assertThat(problems).containsExactly(new InputProblem("$.tiers[3].criteria.minSales.INR",
        "requires 50000, less than the 500000 that the lower tier 'gold' at $.tiers[2] requires; "
            + "a higher tier must not require less"));
  }

  // --- reporting

  @Test
  void malformedJson_isOneProblemWithItsLineAndColumn() {
    String json = "{\n  \"id\": \"acme\",\n  \"name\": \"Acme\" \"zone\": \"Asia/Kolkata\"\n}";

    assertThat(problemsOf(json)).containsExactly(new InputProblem("$", "malformed JSON at line 3, column 18: "
        + "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"));
  }

  @Test
  void malformedJson_includesADuplicateKeyAndTrailingContent() {
    assertThat(problemsOf("{\"id\": \"a\",\n\"id\": \"b\"}"))
        .containsExactly(new InputProblem("$", "malformed JSON at line 2, column 5: Duplicate field 'id'"));
    assertThat(problemsOf("{} {}")).containsExactly(new InputProblem("$",
        "malformed JSON at line 1, column 4: more content after the end of the document's top-level value"));
  }

  @Test
  void malformedJson_atTheEndSaysWhereTheUnclosedObjectStarted() {
    assertThat(problemsOf("{\"id\": \"a\",\n \"tiers\": [")).singleElement().satisfies(p -> assertThat(p.message())
        .startsWith("malformed JSON at line 2, column 12: Unexpected end-of-input: expected close marker for Array")
        .contains("line 2, column 11")
        .doesNotContain("Source"));
  }

  @Test
  void manyProblemsAtOnce_areAllReportedInDocumentOrder() {
    List<InputProblem> problems = problems(d -> {
      d.put("zone", "Mars/Olympus");
      d.withObjectProperty("pointValue").put("USD", "-0.003");
      tier(d, 0).set("critera", tier(d, 0).remove("criteria"));
      tier(d, 1).put("earnMultiplier", "0");
      campaign(d, 0).put("endsOn", "2026-06-01").put("budget", -5);
      target(d).putArray("tiers").add("platinum");
      d.withObjectProperty("earnSplit").put("memberPercent", 20);
      d.remove("accounts");
    });

    assertThat(problems).extracting(InputProblem::path).containsExactly(
        "$.zone",
        "$.pointValue.USD",
        "$.tiers[0].critera",
        "$.tiers[1].earnMultiplier",
        "$.campaigns[0].endsOn",
        "$.campaigns[0].budget",
        "$.campaigns[0].target.tiers[0]",
        "$.earnSplit",
        "$.accounts");
  }

  @Test
  void theMessageListsEveryProblemOnItsOwnLine() {
    ProgramDefinitionException e = new ProgramDefinitionException("acme.json",
        List.of(new InputProblem("$.zone", "required field is missing"), new InputProblem("$.id", "must not be blank")));

    assertThat(e).hasMessage("invalid program definition in acme.json (2 problems):\n"
        + "$.zone: required field is missing\n"
        + "$.id: must not be blank");
    assertThat(new ProgramDefinitionException("", List.of(new InputProblem("$", "x"))))
        .hasMessage("invalid program definition (1 problem):\n$: x");
  }

  @Test
  void anExceptionWithoutProblemsIsAProgrammingError() {
    assertThatIllegalArgumentException().isThrownBy(() -> new ProgramDefinitionException("", List.of()));
    assertThatIllegalArgumentException().isThrownBy(() -> new InputProblem("", "x"));
  }
}
