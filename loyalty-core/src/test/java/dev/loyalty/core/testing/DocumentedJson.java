package dev.loyalty.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the documentation tests of the definition formats (programs, reward catalogs) share: the
 * fenced blocks of a Markdown page, the check that each {@code json} block loads or is refused with
 * the {@code text} block after it, and the sample files in the test resources.
 */
public final class DocumentedJson {

  /** A fenced block: its info string ("json"), its lines, and the line of the page it starts on. */
  public record Block(String language, String content, int line) {
  }

  private DocumentedJson() {
  }

  /** Every fenced block of the Markdown page {@code doc}, in order. */
  public static List<Block> blocks(Path doc) {
    List<String> lines;
    try {
      lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    assertThat(language).as("an unclosed fence in %s", doc).isNull();
    return blocks;
  }

  /** The content of the first {@code json} block of {@code doc}: a page's complete example. */
  public static String firstJson(Path doc) {
    return blocks(doc).stream().filter(b -> b.language().equals("json")).findFirst().orElseThrow().content();
  }

  /**
   * Checks that every {@code json} block of {@code doc} is something {@code load} accepts, unless
   * the next block is a {@code text} block, which must then be exactly the message of the
   * {@code refusal} it throws; and that the page has at least two of each, so that a change to the
   * fences cannot make the check pass by checking nothing.
   */
  public static void checkEveryJsonBlock(Path doc, Function<String, ?> load, Class<? extends Throwable> refusal) {
    List<Block> blocks = blocks(doc);
    int loaded = 0;
    int refused = 0;
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      if (!block.language().equals("json")) {
        continue;
      }
      Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
      if (next != null && next.language().equals("text")) {
        assertThatThrownBy(() -> load.apply(block.content()))
            .as("the json block at line %d of %s", block.line(), doc)
            .isInstanceOf(refusal)
            .hasMessage(next.content().strip());
        refused++;
      } else {
        assertThat(load.apply(block.content()))
            .as("the json block at line %d of %s", block.line(), doc)
            .isNotNull();
        loaded++;
      }
    }
    assertThat(loaded).as("json blocks that load in %s", doc).isGreaterThanOrEqualTo(2);
    assertThat(refused).as("json blocks refused in %s", doc).isGreaterThanOrEqualTo(2);
  }

  /** The UTF-8 text of the test resource {@code resource} ("/programs/acme-channel-2026.json"). */
  public static String resourceText(String resource) {
    try (InputStream in = DocumentedJson.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file of the test resource {@code resource}. */
  public static Path resourcePath(String resource) {
    try {
      return Paths.get(DocumentedJson.class.getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
