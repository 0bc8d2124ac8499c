package dev.loyalty.core.rewards;

import static dev.loyalty.core.rewards.CatalogDocuments.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of publications (new versions, repeats, conflicting terms) and term look-ups
 * against {@link CatalogVersions}, and against a model that is a plain map of versions and the
 * current one: after every step both agree, and a refused step changes nothing.
 */
class CatalogVersionsModelTest {
  private static final CatalogItemId ITEM = CatalogItemId.of("ITEM");

  /** Publish version {@code k} with price {@code 100 + variant}: a new version, a repeat, or a conflict. */
  private record Publish(int k, int variant) {
  }

  /** Look up the item's terms in version {@code k}. */
  private record Terms(int k) {
  }

  private static Catalog catalog(int k, int variant) {
    return Catalog.of(ACME, CatalogVersion.of("v" + k), Locale.ENGLISH, List.of(CatalogItem.of(ITEM,
        new RewardKind.Merchandise(true, Optional.empty()), 100 + variant,
        ItemTexts.of(Locale.ENGLISH, ItemText.of("item")))));
  }

  @Property(tries = 300)
  void versionsAgreeWithTheModel(@ForAll("operations") List<Object> operations) {
    Catalog first = catalog(0, 0);
    CatalogVersions versions = CatalogVersions.inMemory(first);
    Map<CatalogVersion, Catalog> model = new LinkedHashMap<>();
    model.put(first.version(), first);
    Catalog current = first;

    for (Object operation : operations) {
      if (operation instanceof Publish publish) {
        Catalog catalog = catalog(publish.k(), publish.variant());
        Catalog known = model.get(catalog.version());
        if (known == null || known.equals(catalog)) {
          assertThat(versions.publish(catalog)).isEqualTo(catalog);
          model.putIfAbsent(catalog.version(), catalog);
          current = catalog;
        } else {
          assertThatThrownBy(() -> versions.publish(catalog)).isInstanceOf(CatalogVersionConflictException.class);
        }
      } else {
        CatalogVersion version = CatalogVersion.of("v" + ((Terms) operation).k());
        if (model.containsKey(version)) {
          assertThat(versions.terms(ITEM, version)).isEqualTo(model.get(version).item(ITEM).orElseThrow());
        } else {
          assertThatThrownBy(() -> versions.terms(ITEM, version)).isInstanceOf(UnknownCatalogVersionException.class);
        }
      }
      assertThat(versions.current()).isEqualTo(current);
      assertThat(versions.versions()).isEqualTo(new ArrayList<>(model.keySet()));
      model.forEach((version, catalog) -> assertThat(versions.version(version)).contains(catalog));
    }
  }

  @Provide
  Arbitrary<List<Object>> operations() {
    Arbitrary<Object> publish = Combinators.combine(Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(0, 1)).as(Publish::new);
    Arbitrary<Object> terms = Arbitraries.integers().between(0, 5).map(Terms::new);
    return Arbitraries.frequencyOf(
        Tuple.of(3, publish),
        Tuple.of(1, terms)).list().ofMaxSize(40);
  }
}
