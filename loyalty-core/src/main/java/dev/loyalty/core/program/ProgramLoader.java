package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.json.internal.JsonTreeReader;
import java.io.IOException;
import java.io.PushbackReader;
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
 * just the first one. A byte order mark before the document is ignored, as in JSON Lines files. Decimals are read exactly, never through a {@code double}.
 *
 * <p>Stateless and thread-safe. No method accepts or returns null.
 */
public final class ProgramLoader {
  private static final String BYTE_ORDER_MARK = "\uFEFF";

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
      return read(JsonTreeReader.MAPPER.readTree(withoutByteOrderMark(json)), "");
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
      root = JsonTreeReader.MAPPER.readTree(skipByteOrderMark(reader));
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

  /** Editors on Windows start UTF-8 files with a byte order mark; it is not part of the JSON. */
  private static String withoutByteOrderMark(String json) {
    return json.startsWith(BYTE_ORDER_MARK) ? json.substring(1) : json;
  }

  private static Reader skipByteOrderMark(Reader reader) throws IOException {
    PushbackReader in = new PushbackReader(reader, 1);
    int first = in.read();
    if (first >= 0 && first != BYTE_ORDER_MARK.charAt(0)) {
      in.unread(first);
    }
    return in;
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
