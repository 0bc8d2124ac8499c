package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.loyalty.core.LoyaltyException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a {@link Program} from its JSON definition (the format is described in
 * {@code docs/PROGRAM.md}). A definition with anything wrong is refused with a
 * {@link ProgramDefinitionException} that lists every problem found, each at its JSON path, not
 * just the first one. Decimals are read exactly, never through a {@code double}.
 *
 * <p>Stateless and thread-safe. No method accepts or returns null.
 */
public final class ProgramLoader {

  // Thread-safe once built. Every setting here is about reading the document faithfully.
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      // Fractions become BigDecimal from the digits in the text, not via double...
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      // ...and keep their scale: "0.10" stays 0.10 rather than turning into 0.1 (or 1E+1 for "10.0").
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      // A key given twice would otherwise silently keep the last value.
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      // "{...} garbage" is a broken file, not a program followed by noise.
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // Whoever opened a Reader closes it.
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      // Error messages must not echo the document (it may be large).
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private ProgramLoader() {
  }

  /**
   * The program {@code json} defines.
   *
   * @throws ProgramDefinitionException listing every problem, if the text is not a valid definition
   */
  public static Program fromJson(String json) {
    requireNonNull(json, "json");
    try {
      return read(MAPPER.readTree(json), "");
    } catch (JsonProcessingException e) {
      throw ProgramReader.malformed(e, "");
    }
  }

  /**
   * The program the text from {@code reader} defines. Reads to the end; does not close
   * {@code reader}.
   *
   * @throws ProgramDefinitionException listing every problem, if the text is not a valid definition
   * @throws LoyaltyException           if {@code reader} fails
   */
  public static Program fromJson(Reader reader) {
    requireNonNull(reader, "reader");
    return read(reader, "");
  }

  /**
   * The program the UTF-8 file at {@code path} defines.
   *
   * @throws ProgramDefinitionException listing every problem, if the file is not a valid definition;
   *                                    its message names the file
   * @throws LoyaltyException           if the file cannot be read or is not UTF-8
   */
  public static Program fromPath(Path path) {
    requireNonNull(path, "path");
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return read(reader, path.toString());
    } catch (IOException e) {
      throw new LoyaltyException("cannot read program definition " + path + ": " + describe(e), e);
    }
  }

  private static Program read(Reader reader, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(reader);
    } catch (JsonProcessingException e) {
      throw ProgramReader.malformed(e, source);
    } catch (IOException e) {
      throw new LoyaltyException("cannot read program definition" + (source.isEmpty() ? "" : " " + source) + ": "
          + describe(e), e);
    }
    return read(root, source);
  }

  private static Program read(JsonNode root, String source) {
    // Jackson answers an empty document with a missing node (or null in older versions).
    if (root == null || root.isMissingNode()) {
      throw ProgramReader.empty(source);
    }
    return ProgramReader.read(root, source);
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof CharacterCodingException) {
      return "not valid UTF-8 (" + e + ")";
    }
    return String.valueOf(e);
  }
}
