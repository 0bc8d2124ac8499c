package dev.loyalty.core.program;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.json.internal.DefinitionLoader;
import java.io.Reader;
import java.nio.file.Path;

/**
 * Reads a {@link Program} from its JSON definition (the format is described in
 * {@code docs/PROGRAM.md}). A definition with anything wrong is refused with a
 * {@link ProgramDefinitionException} that lists every problem found, each at its JSON path, not
 * just the first one. Decimals are read exactly, never through a {@code double}. A leading UTF-8
 * byte-order mark is skipped.
 *
 * <p>Stateless and thread-safe. No method accepts or returns null.
 */
public final class ProgramLoader {
  private static final DefinitionLoader<Program> LOADER =
      new DefinitionLoader<>("program definition", ProgramReader::read, ProgramDefinitionException::new);

  private ProgramLoader() {
  }

  /**
   * The program {@code json} defines.
   *
   * @throws ProgramDefinitionException listing every problem, if the text is not a valid definition
   */
  public static Program fromJson(String json) {
    return LOADER.fromJson(json);
  }

  /**
   * The program the text from {@code reader} defines. Reads to the end; does not close
   * {@code reader}.
   *
   * @throws ProgramDefinitionException listing every problem, if the text is not a valid definition
   * @throws LoyaltyException           if {@code reader} fails
   */
  public static Program fromJson(Reader reader) {
    return LOADER.fromJson(reader);
  }

  /**
   * The program the UTF-8 file at {@code path} defines.
   *
   * @throws ProgramDefinitionException listing every problem, if the file is not a valid definition;
   *                                    its message names the file
   * @throws LoyaltyException           if the file cannot be read or is not UTF-8
   */
  public static Program fromPath(Path path) {
    return LOADER.fromPath(path);
  }
}
