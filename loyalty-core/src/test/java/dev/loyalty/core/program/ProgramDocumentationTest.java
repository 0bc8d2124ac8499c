package dev.loyalty.core.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.testing.DocumentedJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/PROGRAM.md honest: every {@code json} block in it is a whole definition that loads,
 * unless the next block is a {@code text} block, which is then exactly the message it is refused
 * with.
 */
class ProgramDocumentationTest {
  // Surefire runs in the module's directory.
  private static final Path DOC = Path.of("../docs/PROGRAM.md");

  @Test
  void everyJsonBlockLoadsOrFailsWithTheReportShownAfterIt() {
    DocumentedJson.checkEveryJsonBlock(DOC, ProgramLoader::fromJson, ProgramDefinitionException.class);
  }

  @Test
  void theDocumentsCompleteExampleIsTheSampleFile() {
    assertThat(ProgramLoader.fromJson(DocumentedJson.firstJson(DOC)))
        .isEqualTo(ProgramLoader.fromPath(ProgramDocuments.path(ProgramDocuments.VALID)));
  }
}
