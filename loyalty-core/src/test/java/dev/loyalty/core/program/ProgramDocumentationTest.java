package dev.loyalty.core.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/PROGRAM.md honest: every {@code json} block in it is a whole definition that loads,
 * unless the next block is a {@code text} block, which is then exactly the message it is refused
 * with.
 */
class ProgramDocumentationTest {
  // Surefire runs in the module's directory.
  private static final Path DOC = Path.of("../docs/PROGRAM.md");

  private record Block(String language, String content, int line) {
  }

  @Test
  void everyJsonBlockLoadsOrFailsWithTheReportShownAfterIt() throws IOException {
    List<Block> blocks = blocks(Files.readAllLines(DOC, StandardCharsets.UTF_8));
    int loaded = 0;
    int refused = 0;
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      if (!block.language().equals("json")) {
        continue;
      }
      Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
      if (next != null && next.language().equals("text")) {
        assertThatThrownBy(() -> ProgramLoader.fromJson(block.content()))
            .as("the json block at line %d of %s", block.line(), DOC)
            .isInstanceOf(ProgramDefinitionException.class)
            .hasMessage(next.content().strip());
        refused++;
      } else {
        assertThat(ProgramLoader.fromJson(block.content()))
            .as("the json block at line %d of %s", block.line(), DOC)
            .isNotNull();
        loaded++;
      }
    }
    // So that a change to the fences cannot make this test pass by checking nothing.
    assertThat(loaded).isGreaterThanOrEqualTo(2);
    assertThat(refused).isGreaterThanOrEqualTo(2);
  }

  @Test
  void theDocumentsCompleteExampleIsTheSampleFile() throws IOException {
    Block first = blocks(Files.readAllLines(DOC, StandardCharsets.UTF_8)).stream()
        .filter(b -> b.language().equals("json"))
        .findFirst().orElseThrow();

    assertThat(ProgramLoader.fromJson(first.content()))
        .isEqualTo(ProgramLoader.fromPath(ProgramDocuments.path(ProgramDocuments.VALID)));
  }

  private static List<Block> blocks(List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    String language = null;
    int start = 0;
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (language == null && line.startsWith("```")) {
        language = line.substring(3).strip();
        start = i + 1;
        content.setLength(0);
      } else if (language != null && line.equals("```")) {
        blocks.add(new Block(language, content.toString(), start));
        language = null;
      } else if (language != null) {
        content.append(line).append('\n');
      }
    }
    assertThat(language).as("an unclosed fence in %s", DOC).isNull();
    return blocks;
  }
}
