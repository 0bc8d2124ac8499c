package dev.loyalty.core.rewards;

import static dev.loyalty.core.rewards.CatalogDocuments.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.testing.DocumentedJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/REWARDS.md honest: every {@code json} block in it is a whole catalog that loads for the
 * example program, unless the next block is a {@code text} block, which is then exactly the message
 * it is refused with; its complete example is the sample file the other tests load.
 */
class RewardsDocumentationTest {
  // Surefire runs in the module's directory.
  private static final Path DOC = Path.of("../docs/REWARDS.md");

  @Test
  void everyJsonBlockLoadsOrFailsWithTheReportShownAfterIt() {
    DocumentedJson.checkEveryJsonBlock(DOC, json -> CatalogLoader.fromJson(json, ACME),
        CatalogDefinitionException.class);
  }

  @Test
  void theCompleteExampleIsTheSampleFile() {
    assertThat(CatalogLoader.fromJson(DocumentedJson.firstJson(DOC), ACME)).isEqualTo(CatalogDocuments.example());
  }
}
