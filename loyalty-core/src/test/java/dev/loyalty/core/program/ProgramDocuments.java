package dev.loyalty.core.program;

import dev.loyalty.core.InputProblem;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.testing.DocumentedJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The sample definitions the tests load, and variations of the valid one. */
final class ProgramDocuments {
  static final String VALID = "/programs/acme-channel-2026.json";
  static final String INVALID = "/programs/acme-channel-2026-invalid.json";

  // Only for building test documents; the loader under test has its own, stricter settings.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ProgramDocuments() {
  }

  static String text(String resource) {
    return DocumentedJson.resourceText(resource);
  }

  static Path path(String resource) {
    return DocumentedJson.resourcePath(resource);
  }

  /** The valid example, as a tree a test may change. */
  static ObjectNode example() {
    try {
      return (ObjectNode) MAPPER.readTree(text(VALID));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The valid example after {@code change}. */
  static String exampleWith(Consumer<ObjectNode> change) {
    ObjectNode document = example();
    change.accept(document);
    return document.toString();
  }

  /** The program the valid example defines after {@code change}. */
  static Program load(Consumer<ObjectNode> change) {
    return ProgramLoader.fromJson(exampleWith(change));
  }

  /** The problems the loader reports for the valid example after {@code change}. */
  static List<InputProblem> problems(Consumer<ObjectNode> change) {
    return problemsOf(exampleWith(change));
  }

  /** The problems the loader reports for {@code json}; fails if it loads. */
  static List<InputProblem> problemsOf(String json) {
    ProgramDefinitionException[] refused = new ProgramDefinitionException[1];
    assertThatThrownBy(() -> ProgramLoader.fromJson(json))
        .isInstanceOfSatisfying(ProgramDefinitionException.class, e -> refused[0] = e);
    return refused[0].problems();
  }
}
