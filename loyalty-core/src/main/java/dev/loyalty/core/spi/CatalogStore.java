package dev.loyalty.core.spi;

import dev.loyalty.core.rewards.Catalog;
import dev.loyalty.core.rewards.CatalogVersion;
import dev.loyalty.core.rewards.CatalogVersionConflictException;
import java.util.List;
import java.util.Optional;

/**
 * Where a program's catalog versions are kept: every version ever published, and which one is
 * current. {@link dev.loyalty.core.rewards.CatalogVersions} is the API hosts use; this is the port behind it, so that a
 * durable store can keep the versions across restarts and share them between application
 * instances. {@link #inMemory()} keeps them for the life of the JVM.
 *
 * <p>Contract (the abstract {@code CatalogStoreContract} in core's test-jar checks it):
 * implementations are thread-safe; {@link #publish} is atomic (a reader sees the catalog before it
 * or after it, never part of it, and a refused publication changes nothing); a published version
 * is never changed or removed. No method accepts or returns null.
 */
public interface CatalogStore {

  /** A store that keeps the versions in memory. */
  static CatalogStore inMemory() {
    return new InMemoryCatalogStore();
  }

  /** The current catalog; empty only before the first publication. */
  Optional<Catalog> current();

  /**
   * Makes {@code catalog} the current catalog, atomically. A new version is stored and becomes
   * current. A version stored before with an equal catalog becomes current again (publishing the
   * same catalog twice, or going back to an earlier version, is not an error).
   *
   * @return the catalog now current: {@code catalog}, or the equal one stored before
   * @throws CatalogVersionConflictException if the version was stored before with a different
   *                                         catalog; nothing changes
   */
  Catalog publish(Catalog catalog);

  /** The catalog published as {@code version}, if one was. */
  Optional<Catalog> find(CatalogVersion version);

  /** Every version published, in the order each was first published; unmodifiable. */
  List<CatalogVersion> versions();
}
