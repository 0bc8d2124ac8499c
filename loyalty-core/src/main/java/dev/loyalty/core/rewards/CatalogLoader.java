package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.json.internal.DefinitionLoader;
import dev.loyalty.core.program.Program;
import java.io.Reader;
import java.nio.file.Path;

/**
 * Reads a program's reward {@link Catalog} from JSON (the format is described in
 * {@code docs/REWARDS.md}). A catalog with anything wrong is refused with a
 * {@link CatalogDefinitionException} listing every problem found, each at its JSON path. The
 * catalog is checked against the program it is for: its minimum tiers must be the program's.
 * Decimals are read exactly; a leading UTF-8 byte-order mark is skipped. A catalog that gives no
 * {@code version} gets one derived from its content.
 *
 * <p>Stateless and thread-safe. No method accepts or returns null.
 */
public final class CatalogLoader {

  private CatalogLoader() {
  }

  /**
   * The catalog of {@code program} that {@code json} defines.
   *
   * @throws CatalogDefinitionException listing every problem, if the text is not a valid catalog
   */
  public static Catalog fromJson(String json, Program program) {
    return loader(program).fromJson(json);
  }

  /**
   * The catalog of {@code program} that the text from {@code reader} defines. Reads to the end;
   * does not close {@code reader}.
   *
   * @throws CatalogDefinitionException listing every problem, if the text is not a valid catalog
   * @throws LoyaltyException           if {@code reader} fails
   */
  public static Catalog fromJson(Reader reader, Program program) {
    return loader(program).fromJson(reader);
  }

  /**
   * The catalog of {@code program} that the UTF-8 file at {@code path} defines.
   *
   * @throws CatalogDefinitionException listing every problem, if the file is not a valid catalog; its
   *                                    message names the file
   * @throws LoyaltyException           if the file cannot be read or is not UTF-8
   */
  public static Catalog fromPath(Path path, Program program) {
    return loader(program).fromPath(path);
  }

  /**
   * {@code catalog} as JSON in the format {@link #fromJson(String, Program)} reads, every field
   * given, so that reading it back for the catalog's program gives an equal catalog: for a durable
   * store, or an export. The same catalog always gives the same text.
   */
  public static String toJson(Catalog catalog) {
    return CatalogWriter.write(requireNonNull(catalog, "catalog"));
  }

  private static DefinitionLoader<Catalog> loader(Program program) {
    requireNonNull(program, "program");
    return new DefinitionLoader<>("catalog", (root, source) -> CatalogReader.read(root, source, program),
        CatalogDefinitionException::new);
  }
}
