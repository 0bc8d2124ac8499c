package dev.loyalty.core.program;

import static dev.loyalty.core.program.ProgramDocuments.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import dev.loyalty.ledger.AccountId;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid definitions: what they load into, the defaults, and the ways a definition can be given. */
class ProgramLoaderTest {
  private static final Currency INR = Currency.getInstance("INR");
  private static final Currency USD = Currency.getInstance("USD");

  @Test
  void fromPath_loadsTheExampleIntoTheRecordsItDescribes() {
    Program program = ProgramLoader.fromPath(ProgramDocuments.path(ProgramDocuments.VALID));

    assertThat(program.id()).isEqualTo("acme-channel-2026");
    assertThat(program.name()).isEqualTo("Acme Channel Rewards 2026");
    assertThat(program.zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    assertThat(program.pointValue()).isEqualTo(Map.of(INR, new BigDecimal("0.25"), USD, new BigDecimal("0.003")));
    assertThat(program.tierPolicy()).isEqualTo(new TierPolicy(3, Period.ofMonths(3)));
    assertThat(program.tiers()).containsExactly(
        new Tier(TierId.of("silver"), "Silver", TierCriteria.none(), new BigDecimal("1")),
        new Tier(TierId.of("gold"), "Gold",
            new TierCriteria(Map.of(INR, new BigDecimal("500000")), Optional.of(new BigDecimal("10")), 3, 1,
                Set.of("installer-basic")),
            new BigDecimal("1.25")));
    assertThat(program.campaigns()).containsExactly(new Campaign(CampaignId.of("monsoon-2026"), "Monsoon push",
        LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30),
        new CampaignTarget(Set.of("north"), Set.of(PartnerType.DEALER), Set.of(), Set.of(TierId.of("gold"))),
        50_000, Map.of("bonus-percent", "10")));
    assertThat(program.earnSplit()).isEqualTo(new EarnSplit(70, 30));
    assertThat(program.expiry()).isEqualTo(new ExpiryPolicy.AfterMonths(24));
    assertThat(program.accounts()).isEqualTo(ProgramAccounts.standard("acme"));
    assertThat(program.parameters()).isEqualTo(Map.of("points-per-100", "1"));
  }

  @Test
  void theTrustPolicyIsReadWithTheDefaultsForWhatItLeavesOut() {
    Program defaults = ProgramLoader.fromPath(ProgramDocuments.path(ProgramDocuments.VALID));
    Program set = load(root -> root.putObject("trust").put("claimReviewDays", 14)
        .put("adjustmentSecondApproverAbove", 10_000).put("baselineDays", 56));

    assertThat(defaults.trust()).isEqualTo(TrustPolicy.DEFAULT);
    assertThat(set.trust()).isEqualTo(new TrustPolicy(14, java.util.OptionalLong.of(10_000), 7, 56, 7, 50));
  }

  @Test
  void fromJson_stringAndReaderLoadTheSameProgramAsThePath() {
    String json = ProgramDocuments.text(ProgramDocuments.VALID);
    Program fromPath = ProgramLoader.fromPath(ProgramDocuments.path(ProgramDocuments.VALID));

    assertThat(ProgramLoader.fromJson(json)).isEqualTo(fromPath);
    assertThat(ProgramLoader.fromJson(new StringReader(json))).isEqualTo(fromPath);
  }

  @Test
  void fromJson_leavesTheCallersReaderOpen() throws IOException {
    Reader reader = new StringReader(ProgramDocuments.text(ProgramDocuments.VALID));

    ProgramLoader.fromJson(reader);

    // A closed StringReader throws here.
    assertThat(reader.read()).isEqualTo(-1);
  }

  @Test
  void fromPath_readsUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("program.json");
    String json = ProgramDocuments.exampleWith(d -> d.put("name", "Acmé Ψ Rewards ₹"));
    Files.write(file, json.getBytes(StandardCharsets.UTF_8));

    assertThat(ProgramLoader.fromPath(file).name()).isEqualTo("Acmé Ψ Rewards ₹");
  }

  @Test
  void aLeadingByteOrderMarkIsSkipped(@TempDir Path dir) throws IOException {
    String json = ProgramDocuments.text(ProgramDocuments.VALID);
    Path file = dir.resolve("program-with-bom.json");
    Files.write(file, ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8));
    Program expected = ProgramLoader.fromJson(json);

    assertThat(ProgramLoader.fromPath(file)).isEqualTo(expected);
    assertThat(ProgramLoader.fromJson("\uFEFF" + json)).isEqualTo(expected);
    assertThat(ProgramLoader.fromJson(new StringReader("\uFEFF" + json))).isEqualTo(expected);
  }

  @Test
  void fromPath_reportsAMissingFileAsALoyaltyException(@TempDir Path dir) {
    Path missing = dir.resolve("missing.json");

    assertThatThrownBy(() -> ProgramLoader.fromPath(missing))
        .isExactlyInstanceOf(LoyaltyException.class)
        .hasMessage("cannot read program definition " + missing + ": no such file")
        .hasCauseInstanceOf(NoSuchFileException.class);
  }

  @Test
  void fromPath_reportsAFileThatIsNotUtf8AsALoyaltyException(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.json");
    Files.write(file, ProgramDocuments.exampleWith(d -> d.put("name", "Acmé"))
        .getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> ProgramLoader.fromPath(file))
        .isExactlyInstanceOf(LoyaltyException.class)
        .hasMessageContaining("cannot read program definition " + file + ": not valid UTF-8");
  }

  @Test
  void fromJson_reportsAFailingReaderAsALoyaltyException() {
    Reader failing = new Reader() {
      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        throw new IOException("disk on fire");
      }

      @Override
      public void close() {
      }
    };

    assertThatThrownBy(() -> ProgramLoader.fromJson(failing))
        .isExactlyInstanceOf(LoyaltyException.class)
        .hasMessage("cannot read program definition: java.io.IOException: disk on fire");
  }

  // --- defaults

  @Test
  void tiersCampaignsAndParameters_defaultToNone() {
    Program program = load(d -> {
      d.remove("tiers");
      d.remove("campaigns");
      d.remove("parameters");
    });

    assertThat(program.tiers()).isEmpty();
    assertThat(program.campaigns()).isEmpty();
    assertThat(program.parameters()).isEmpty();
  }

  @Test
  void tier_earnMultiplierDefaultsToOneAndCriteriaToNone() {
    Program program = load(d -> {
      ObjectNode silver = (ObjectNode) d.withArray("tiers").get(0);
      silver.remove("earnMultiplier");
      silver.remove("criteria");
    });

    Tier silver = program.tiers().get(0);
    assertThat(silver.earnMultiplier()).isEqualTo(BigDecimal.ONE);
    assertThat(silver.criteria()).isEqualTo(TierCriteria.none());
  }

  @Test
  void criteria_eachFieldDefaultsToRequiringNothing() {
    for (String field : List.of("minSales", "minGrowthPercent", "minCategories", "minCertifications",
        "requiredCertifications")) {
      Program program = load(d -> ((ObjectNode) d.withArray("tiers").get(1).get("criteria")).remove(field));

      TierCriteria criteria = program.tiers().get(1).criteria();
      TierCriteria none = TierCriteria.none();
      switch (field) {
        case "minSales" -> assertThat(criteria.minSales()).isEqualTo(none.minSales());
        case "minGrowthPercent" -> assertThat(criteria.minGrowthPercent()).isEqualTo(none.minGrowthPercent());
        case "minCategories" -> assertThat(criteria.minCategories()).isEqualTo(none.minCategories());
        case "minCertifications" -> assertThat(criteria.minCertifications()).isEqualTo(none.minCertifications());
        default -> assertThat(criteria.requiredCertifications()).isEqualTo(none.requiredCertifications());
      }
    }
  }

  @Test
  void campaign_targetDefaultsToEveryoneAndParametersToNone() {
    Program program = load(d -> {
      ObjectNode campaign = (ObjectNode) d.withArray("campaigns").get(0);
      campaign.remove("target");
      campaign.remove("parameters");
    });

    Campaign campaign = program.campaigns().get(0);
    assertThat(campaign.target()).isEqualTo(CampaignTarget.everyone());
    assertThat(campaign.parameters()).isEmpty();
  }

  @Test
  void target_eachListDefaultsToEmpty() {
    for (String field : List.of("regions", "partnerTypes", "segments", "tiers")) {
      Program program = load(d -> ((ObjectNode) d.withArray("campaigns").get(0).get("target")).remove(field));

      CampaignTarget target = program.campaigns().get(0).target();
      switch (field) {
        case "regions" -> assertThat(target.regions()).isEmpty();
        case "partnerTypes" -> assertThat(target.partnerTypes()).isEmpty();
        case "segments" -> assertThat(target.segments()).isEmpty();
        default -> assertThat(target.tiers()).isEmpty();
      }
    }
    Program emptyTarget = load(d -> ((ObjectNode) d.withArray("campaigns").get(0)).putObject("target"));
    assertThat(emptyTarget.campaigns().get(0).target()).isEqualTo(CampaignTarget.everyone());
  }

  @Test
  void accounts_defaultToTheStandardOnesAndEachCanBeNamed() {
    Program standard = load(d -> { });
    assertThat(standard.accounts().issuance()).isEqualTo(AccountId.of("acme:system:issuance"));
    assertThat(standard.accounts().breakage()).isEqualTo(AccountId.of("acme:system:breakage"));
    assertThat(standard.accounts().clawback()).isEqualTo(AccountId.of("acme:system:clawback"));

    Program named = load(d -> d.withObjectProperty("accounts").put("breakage", "finance:expired-points"));
    assertThat(named.accounts()).isEqualTo(new ProgramAccounts("acme", AccountId.of("acme:system:issuance"),
        AccountId.of("finance:expired-points"), AccountId.of("acme:system:clawback")));
  }

  // --- expiry variants

  @Test
  void expiry_never() {
    Program program = load(d -> d.putObject("expiry").put("policy", "never"));

    assertThat(program.expiry()).isEqualTo(ExpiryPolicy.Never.INSTANCE);
  }

  @Test
  void expiry_afterMonths() {
    Program program = load(d -> d.putObject("expiry").put("policy", "after-months").put("months", 12));

    assertThat(program.expiry()).isEqualTo(new ExpiryPolicy.AfterMonths(12));
  }

  @Test
  void expiry_afterDays_validThroughTheNthDayAfterTheDayEarned() {
    Program program = load(d -> d.putObject("expiry").put("policy", "after-days").put("days", 90));

    assertThat(program.expiry()).isEqualTo(ExpiryPolicy.AfterDayEarned.days(90));
    java.time.ZoneId kolkata = java.time.ZoneId.of("Asia/Kolkata");
    // earned at 22:30 on 14 March in Kolkata: 90 days later is 12 June, and they expire when it ends
    assertThat(program.expiry().expiryOf(java.time.Instant.parse("2026-03-14T17:00:00Z"), kolkata))
        .contains(java.time.LocalDate.of(2026, 6, 13).atStartOfDay(kolkata).toInstant());
  }

  @Test
  void expiry_anniversary_fallsOnTheLastDayOfAShorterMonth() {
    Program program = load(d -> d.putObject("expiry").put("policy", "anniversary").put("months", 1));

    java.time.ZoneId zone = java.time.ZoneId.of("Europe/Berlin");
    assertThat(program.expiry().expiryOf(java.time.LocalDate.of(2026, 1, 31).atTime(9, 0).atZone(zone).toInstant(),
        zone)).contains(java.time.LocalDate.of(2026, 3, 1).atStartOfDay(zone).toInstant());
  }

  @Test
  void expiry_afterTheDayEarned_refusesAnythingButDaysOrMonths() {
    assertThatIllegalArgumentException().isThrownBy(() -> new ExpiryPolicy.AfterDayEarned(java.time.Period.of(1, 0, 0)))
        .withMessageContaining("1 to 3660 days or 1 to 120 months, got P1Y");
    assertThatIllegalArgumentException().isThrownBy(() -> ExpiryPolicy.AfterDayEarned.days(0));
    assertThatIllegalArgumentException().isThrownBy(() -> ExpiryPolicy.AfterDayEarned.anniversary(121));
    assertThat(ProgramDocuments.problems(d -> d.putObject("expiry").put("policy", "after-days").put("days", 4000)))
        .extracting(dev.loyalty.core.InputProblem::toString)
        .containsExactly("$.expiry.days: must be from 1 to 3660, got 4000");
  }

  @Test
  void expiry_endOfProgramYear() {
    Program program = load(d -> d.putObject("expiry").put("policy", "end-of-program-year")
        .put("yearEnd", "03-31").put("extraYears", 1));

    assertThat(program.expiry()).isEqualTo(new ExpiryPolicy.EndOfProgramYear(MonthDay.of(3, 31), 1));
  }

  // --- exact numbers

  @Test
  void decimals_areExactWhetherGivenAsStringsOrNumbers() {
    Program program = ProgramLoader.fromJson(ProgramDocuments.text(ProgramDocuments.VALID)
        .replace("\"INR\": \"0.25\"", "\"INR\": \"0.1\"")
        .replace("\"USD\": \"0.003\"", "\"USD\": 0.1"));

    // 0.1 has no exact double; going through one would give 0.1000000000000000055511151231257827...
    assertThat(program.pointValue().get(INR)).isEqualTo(new BigDecimal("0.1"));
    assertThat(program.pointValue().get(USD)).isEqualTo(new BigDecimal("0.1"));
  }

  @Test
  void decimals_keepTheirScaleAndAllTheirDigits() {
    Program program = ProgramLoader.fromJson(ProgramDocuments.text(ProgramDocuments.VALID)
        .replace("\"INR\": \"0.25\"", "\"INR\": 0.250")
        .replace("\"USD\": \"0.003\"", "\"USD\": 12345678901234567890.000000000000000000001")
        .replace("\"earnMultiplier\": \"1.25\"", "\"earnMultiplier\": 1.0"));

    assertThat(program.pointValue().get(INR)).isEqualTo(new BigDecimal("0.250"));
    assertThat(program.pointValue().get(USD))
        .isEqualTo(new BigDecimal("12345678901234567890.000000000000000000001"));
    assertThat(program.tiers().get(1).earnMultiplier()).isEqualTo(new BigDecimal("1.0"));
  }

  @Test
  void parameters_keepANumberAsItsExactText() {
    Program program = load(d -> d.putObject("parameters")
        .put("text", "10")
        .put("integer", 100)
        .set("decimal", d.numberNode(new BigDecimal("1.50"))));

    assertThat(program.parameters()).isEqualTo(Map.of("text", "10", "integer", "100", "decimal", "1.50"));
  }

  @Test
  void parameters_keepAFractionWithoutRoundingIt() {
    Program program = ProgramLoader.fromJson(ProgramDocuments.text(ProgramDocuments.VALID)
        .replace("\"points-per-100\": \"1\"", "\"points-per-100\": 0.1000000000000000000001"));

    assertThat(program.parameter("points-per-100")).contains("0.1000000000000000000001");
  }
}
