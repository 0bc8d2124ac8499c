package dev.loyalty.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loyalty.core.model.CampaignId;
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
