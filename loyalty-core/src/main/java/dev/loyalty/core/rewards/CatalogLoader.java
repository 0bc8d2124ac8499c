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
  private static final DefinitionLoader<CatalogItem> ITEMS = new DefinitionLoader<>("catalog item",
      CatalogReader::readItem, CatalogDefinitionException::new);

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

  /**
   * The terms of one item as JSON: the object the item is in a catalog's {@code items} (every field
   * given), for a store that keeps the terms a redemption was made under. The same item always gives
   * the same text.
   */
  public static String itemToJson(CatalogItem item) {
    return CatalogWriter.writeItem(requireNonNull(item, "item"));
  }

  /**
   * The item {@link #itemToJson} wrote, read back equal. It is read as it was written: its minimum
   * tier is not checked against a program (a redemption keeps its terms whatever the program
   * became; they were checked when their catalog was loaded).
   *
   * @throws CatalogDefinitionException listing every problem, if the text is not a valid item
   */
  public static CatalogItem itemFromJson(String json) {
    return ITEMS.fromJson(requireNonNull(json, "json"));
  }

  private static DefinitionLoader<Catalog> loader(Program program) {
    requireNonNull(program, "program");
    return new DefinitionLoader<>("catalog", (root, source) -> CatalogReader.read(root, source, program),
        CatalogDefinitionException::new);
  }
}
