package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.rewards.Catalog;
import dev.loyalty.core.rewards.CatalogVersion;
import dev.loyalty.core.rewards.CatalogVersionConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CatalogStore#inMemory()}: publications are serialised by a lock; readers take no lock.
 * Each catalog is immutable and the current one is a single volatile reference, so a reader sees
 * one whole catalog or the next, never a mix. A version is stored before it becomes current, so
 * the current catalog's version can always be found.
 */
final class InMemoryCatalogStore implements CatalogStore {
  private final Map<CatalogVersion, Catalog> byVersion = new ConcurrentHashMap<>();
  private volatile List<CatalogVersion> versions = List.of();
  private volatile Optional<Catalog> current = Optional.empty();

  @Override
  public Optional<Catalog> current() {
    return current;
  }

  @Override
  public synchronized Catalog publish(Catalog catalog) {
    requireNonNull(catalog, "catalog");
    Catalog stored = byVersion.get(catalog.version());
    if (stored == null) {
      byVersion.put(catalog.version(), catalog);
      List<CatalogVersion> more = new ArrayList<>(versions);
      more.add(catalog.version());
      versions = List.copyOf(more);
      stored = catalog;
    } else if (!stored.equals(catalog)) {
      throw new CatalogVersionConflictException(catalog.version());
    }
    current = Optional.of(stored);
    return stored;
  }

  @Override
  public Optional<Catalog> find(CatalogVersion version) {
    return Optional.ofNullable(byVersion.get(requireNonNull(version, "version")));
  }

  @Override
  public List<CatalogVersion> versions() {
    return versions;
  }
}
