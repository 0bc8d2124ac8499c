package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.program.Program;
import dev.loyalty.core.spi.CatalogStore;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program's reward catalog over time: the current version, which can be replaced at runtime, and
 * every version ever published, so that a redemption keeps the terms it was made under
 * ({@link #terms}).
 *
 * <p>Thread-safe. {@link #publish} swaps the current catalog atomically: since a {@link Catalog} is
 * immutable, a reader that takes {@link #current()} works with one whole version, however many
 * publications happen meanwhile. Versions live in a {@link CatalogStore}, in memory unless a durable
 * store is given. No method accepts or returns null.
 */
public final class CatalogVersions {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogVersions.class);

  private final CatalogStore store;
  private final Program program;

  private CatalogVersions(CatalogStore store, Program program) {
    this.store = store;
    this.program = program;
  }

  /** Versions kept in memory, starting with {@code first} as the current catalog. */
  public static CatalogVersions inMemory(Catalog first) {
    return using(CatalogStore.inMemory(), first);
  }

  /**
   * Versions kept in {@code store}. A store that already has a current catalog keeps it, so that a
   * version published at runtime survives a restart; {@code initial} only seeds an empty store.
   * (To make a changed catalog file current at start-up, {@link #publish} it.)
   *
   * @throws IllegalArgumentException if the store's current catalog belongs to another program than
   *                                  {@code initial}
   */
  public static CatalogVersions using(CatalogStore store, Catalog initial) {
    requireNonNull(store, "store");
    requireNonNull(initial, "initial");
    CatalogVersions versions = new CatalogVersions(store, initial.program());
    Optional<Catalog> current = store.current();
    if (current.isPresent()) {
      versions.requireSameProgram(current.get());
    } else {
      versions.publish(initial);
    }
    return versions;
  }

  /** The program every version belongs to. */
  public Program program() {
    return program;
  }

  /** The catalog in force now. */
  public Catalog current() {
    return store.current().orElseThrow(() -> new IllegalStateException("the catalog store lost its current catalog"));
  }

  /**
   * Makes {@code catalog} the current catalog. A new version is kept beside the earlier ones; a
   * version published before with an equal catalog becomes current again (a repeated publication, or
   * going back to an earlier version).
   *
   * @return the catalog now current
   * @throws CatalogVersionConflictException if its version was published before with other terms;
   *                                         nothing changes
   * @throws IllegalArgumentException        if it belongs to another program
   */
  public Catalog publish(Catalog catalog) {
    requireSameProgram(requireNonNull(catalog, "catalog"));
    Catalog now = store.publish(catalog);
    LOG.info("{} is now current", now);
    return now;
  }

  /** The catalog published as {@code version}, if one was. */
  public Optional<Catalog> version(CatalogVersion version) {
    return store.find(requireNonNull(version, "version"));
  }

  /** Every version published, in the order each was first published; unmodifiable. */
  public List<CatalogVersion> versions() {
    return store.versions();
  }

  /**
   * The terms of item {@code item} in catalog version {@code version}: what a redemption made under
   * that version keeps, whatever later versions say.
   *
   * @throws UnknownCatalogVersionException if no catalog was published as {@code version}
   * @throws UnknownCatalogItemException    if that version has no such item
   */
  public CatalogItem terms(CatalogItemId item, CatalogVersion version) {
    requireNonNull(item, "item");
    Catalog catalog = version(version).orElseThrow(() -> new UnknownCatalogVersionException(version));
    return catalog.item(item).orElseThrow(() -> new UnknownCatalogItemException(item, version));
  }

  private void requireSameProgram(Catalog catalog) {
    if (!catalog.program().equals(program)) {
      throw new IllegalArgumentException(catalog + " belongs to another program than the catalog versions of "
          + program.id() + (catalog.program().id().equals(program.id()) ? " (its definition differs)" : ""));
    }
  }
}
