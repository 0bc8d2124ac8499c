package dev.loyalty.core.json.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loyalty.core.InputProblem;
import dev.loyalty.core.LoyaltyException;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a whole definition document (a program, a reward catalog) from text, a reader or a UTF-8
 * file: what every such loader does before and after its format's reader walks the tree. A
 * document that is not JSON, or is empty, is refused with one problem at {@code $}; a file or
 * reader that fails is a plain {@link LoyaltyException}. A leading byte-order mark is skipped:
 * editors on Windows write one, and Jackson skips it only when it decodes bytes itself.
 *
 * <p>Immutable and thread-safe if the functions it is given are.
 *
 * @param <T> what a document defines
 */
public final class DefinitionLoader<T> {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  /** Reads a parsed document; throws the format's refusal (with every problem) if it is invalid. */
  @FunctionalInterface
  public interface Format<T> {
    /** What {@code root}, read from {@code source} (empty for text), defines. */
    T read(JsonNode root, String source);
  }

  /** Makes the format's refusal of a document. */
  @FunctionalInterface
  public interface Refusal {
    /** The refusal of the document from {@code source} (empty for text) with {@code problems}. */
    LoyaltyException of(String source, List<InputProblem> problems);
  }

  private final String what;
  private final Format<T> format;
  private final Refusal refusal;

  /**
   * A loader of documents of one format.
   *
   * @param what    names the document in I/O errors ("program definition")
   * @param format  reads a parsed document
   * @param refusal the format's refusal, for a document that is not JSON or is empty
   */
  public DefinitionLoader(String what, Format<T> format, Refusal refusal) {
    this.what = requireNonNull(what, "what");
    this.format = requireNonNull(format, "format");
    this.refusal = requireNonNull(refusal, "refusal");
  }

  /** What the text {@code json} defines. */
  public T fromJson(String json) {
    requireNonNull(json, "json");
    String text = !json.isEmpty() && json.charAt(0) == BYTE_ORDER_MARK ? json.substring(1) : json;
    try {
      return read(JsonTreeReader.MAPPER.readTree(text), "");
    } catch (JsonProcessingException e) {
      throw malformed(e, "");
    }
  }

  /** What the text from {@code reader} defines; reads to the end and does not close it. */
  public T fromJson(Reader reader) {
    requireNonNull(reader, "reader");
    return read(reader, "");
  }

  /** What the UTF-8 file at {@code path} defines; refusals name the file. */
  public T fromPath(Path path) {
    requireNonNull(path, "path");
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return read(reader, path.toString());
    } catch (IOException e) {
      throw new LoyaltyException("cannot read " + what + " " + path + ": " + describe(e), e);
    }
  }

  private T read(Reader reader, String source) {
    JsonNode root;
    try {
      root = JsonTreeReader.MAPPER.readTree(withoutByteOrderMark(reader));
    } catch (JsonProcessingException e) {
      throw malformed(e, source);
    } catch (IOException e) {
      throw new LoyaltyException("cannot read " + what + (source.isEmpty() ? "" : " " + source) + ": "
          + describe(e), e);
    }
    return read(root, source);
  }

  private T read(JsonNode root, String source) {
    // Jackson answers an empty document with a missing node (or null in older versions).
    if (root == null || root.isMissingNode()) {
      throw refusal.of(source,
          List.of(new InputProblem(JsonPaths.ROOT, "the document is empty; expected a JSON object")));
    }
    return format.read(root, source);
  }

  private LoyaltyException malformed(JsonProcessingException e, String source) {
    return refusal.of(source, List.of(Dialect.DEFINITION.malformed(e, 1)));
  }

  private static Reader withoutByteOrderMark(Reader reader) throws IOException {
    PushbackReader pushback = new PushbackReader(reader, 1);
    int first = pushback.read();
    if (first != -1 && first != BYTE_ORDER_MARK) {
      pushback.unread(first);
    }
    return pushback;
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
