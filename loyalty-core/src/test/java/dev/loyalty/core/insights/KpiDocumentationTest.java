package dev.loyalty.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.insights.LeaderboardQuery.Kind;
import dev.loyalty.core.insights.LeaderboardQuery.Metric;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.DocumentedJson;
import dev.loyalty.core.testing.KpiScenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/INSIGHTS.md's worked example honest: the JSON it shows is what a plain Jackson {@code
 * ObjectMapper} (no modules) writes for the example's KPIs, leaderboard and budget burn, byte for
 * byte.
 */
class KpiDocumentationTest {
  // Surefire runs in the module's directory.
  private static final Path DOC = Path.of("../docs/INSIGHTS.md");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static String block(String language) {
    List<DocumentedJson.Block> blocks = DocumentedJson.blocks(DOC).stream()
        .filter(b -> b.language().equals(language)).toList();
    assertThat(blocks).as("blocks '%s' in %s", language, DOC).hasSize(1);
    return blocks.get(0).content().strip();
  }

  private static void matches(String language, Object value) throws IOException {
    String actual = JSON.writeValueAsString(value).replace("\r\n", "\n").strip();
    // what the page should show, for a reviewer to compare with it
    Files.writeString(Path.of("target/" + language.replace(' ', '-') + ".json"), actual, StandardCharsets.UTF_8);
    assertThat(actual).isEqualTo(block(language));
  }

  @Test
  void theQuickStartRuns() throws IOException {
    LoyaltyEngine engine = KpiScenario.run().engine;

    // as in the doc
    Insights insights = engine.insights();
    DateRange july = DateRange.month(YearMonth.of(2026, 7));

    ProgramKpis kpis = insights.kpis(july, ParticipantFilter.everyone());
    ProgramKpis north = insights.kpis(july, ParticipantFilter.everyone().regions("north")
        .partnerTypes(PartnerType.DEALER).tiers(TierId.of("gold")));
    String json = new ObjectMapper().writeValueAsString(kpis);

    String summary = insights.budgetBurn(CampaignId.of("monsoon"), LocalDate.of(2026, 7, 31)).summary();
    LeaderboardQuery top10 = LeaderboardQuery.of(Kind.PARTNERS, Metric.POINTS, july, 10);
    Leaderboard board = insights.leaderboard(top10);
    Optional<Leaderboard.Entry> mine = insights.rank(PartnerId.of("dealer-b"), top10);
    List<EarnedBadge> badges = insights.badges(MemberId.of("dealer-a-rep-1"));

    assertThat(north.partners().enrolled()).isZero();
    assertThat(json).startsWith("{\"program\":\"acme-2026\"");
    assertThat(summary).isEqualTo("At the current rate the monsoon budget runs out on 2026-09-12, 18 days before"
        + " campaign monsoon ends on 2026-09-30.");
    assertThat(board.entries()).hasSize(5);
    assertThat(mine).map(Leaderboard.Entry::rank).contains(2);
    assertThat(badges).isEmpty();
    assertThat(Files.readString(DOC)).contains("// \"" + summary + "\"");
  }

  @Test
  void theWorkedExampleIsWhatTheCodeComputes() throws IOException {
    ChannelFixture f = KpiScenario.run();
    Insights insights = f.engine.insights();
    DateRange july = DateRange.month(YearMonth.of(2026, 7));
    matches("json kpis", insights.kpis(july, ParticipantFilter.everyone()));
    matches("json leaderboard", insights.leaderboard(LeaderboardQuery.of(LeaderboardQuery.Kind.PARTNERS,
        LeaderboardQuery.Metric.POINTS, july, 2)));
    matches("json burn", insights.budgetBurn(CampaignId.of("monsoon"), LocalDate.of(2026, 7, 31)));
  }
}
