package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.rewards.Catalog;
import dev.loyalty.core.rewards.CatalogItem;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.CatalogVersion;
import dev.loyalty.core.rewards.CatalogVersionConflictException;
import dev.loyalty.core.rewards.ItemText;
import dev.loyalty.core.rewards.ItemTexts;
import dev.loyalty.core.rewards.RewardKind;
import dev.loyalty.core.rewards.ValueBasis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CatalogStore} must do; a host's store (and the PostgreSQL one to come) extends
 * it. A version once stored never changes; a publication is atomic, also against concurrent ones.
 */
public abstract class CatalogStoreContract {
  /** The program of every catalog the suite publishes: a store for one program is made for it. */
  public static final Program PROGRAM = ProgramLoader.fromJson("""
      { "id": "contract", "name": "Contract", "zone": "UTC", "pointValue": { "EUR": "0.01" },
        "tierPolicy": { "windowMonths": 1, "grace": "P0D" },
        "earnSplit": { "partnerPercent": 100, "memberPercent": 0 },
        "expiry": { "policy": "never" }, "accounts": { "prefix": "contract" } }
      """);

  /** A new, empty store. */
  protected abstract CatalogStore createStore();

  /** Catalog {@code version} with one cashback item costing {@code points}. */
  public static Catalog catalog(String version, long points) {
    return Catalog.of(PROGRAM, CatalogVersion.of(version), Locale.ENGLISH, List.of(CatalogItem.of(
        CatalogItemId.of("CASHBACK"), new RewardKind.Cashback(ValueBasis.PointValue.INSTANCE), points,
        ItemTexts.of(Locale.ENGLISH, ItemText.of("Cashback")))));
  }

  private record State(Optional<Catalog> current, List<CatalogVersion> versions, Map<CatalogVersion, Catalog> stored) {
  }

  private static State state(CatalogStore store) {
    Map<CatalogVersion, Catalog> stored = new LinkedHashMap<>();
    store.versions().forEach(v -> stored.put(v, store.find(v).orElseThrow()));
    return new State(store.current(), store.versions(), stored);
  }

  @Test
  void anEmptyStoreHasNothing() {
    CatalogStore store = createStore();

    assertThat(store.current()).isEmpty();
    assertThat(store.versions()).isEmpty();
    assertThat(store.find(CatalogVersion.of("v1"))).isEmpty();
  }

  @Test
  void aPublishedCatalogIsCurrentAndKept() {
    CatalogStore store = createStore();
    Catalog v1 = catalog("v1", 100);
    Catalog v2 = catalog("v2", 200);

    assertThat(store.publish(v1)).isEqualTo(v1);
    assertThat(store.publish(v2)).isEqualTo(v2);

    assertThat(store.current()).contains(v2);
    assertThat(store.versions()).containsExactly(v1.version(), v2.version());
    assertThat(store.find(v1.version())).contains(v1);
    assertThat(store.find(v2.version())).contains(v2);
  }

  @Test
  void publishingAnEqualCatalogAgain_makesItCurrentWithoutANewVersion() {
    CatalogStore store = createStore();
    store.publish(catalog("v1", 100));
    store.publish(catalog("v2", 200));

    assertThat(store.publish(catalog("v1", 100))).isEqualTo(catalog("v1", 100));

    assertThat(store.current()).contains(catalog("v1", 100));
    assertThat(store.versions()).containsExactly(CatalogVersion.of("v1"), CatalogVersion.of("v2"));
  }

  @Test
  void aVersionPublishedWithOtherTerms_isRefusedAndChangesNothing() {
    CatalogStore store = createStore();
    store.publish(catalog("v1", 100));
    store.publish(catalog("v2", 200));
    State before = state(store);

    assertThatThrownBy(() -> store.publish(catalog("v1", 150)))
        .isInstanceOfSatisfying(CatalogVersionConflictException.class,
            e -> assertThat(e.version()).isEqualTo(CatalogVersion.of("v1")))
        .hasMessageContaining("catalog version v1 was already published with other content");

    assertThat(state(store)).isEqualTo(before);
  }

  @Test
  void versionsAreListedInTheOrderFirstPublished() {
    CatalogStore store = createStore();
    for (String v : List.of("c", "a", "b", "a", "c")) {
      store.publish(catalog(v, 100));
    }

    assertThat(store.versions()).extracting(CatalogVersion::value).containsExactly("c", "a", "b");
    assertThat(store.current()).contains(catalog("c", 100));
  }

  @Test
  void concurrentPublishers_eachStoreTheirVersionsOnce() throws Exception {
    CatalogStore store = createStore();
    int threads = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    Map<Integer, Catalog> lastOfThread = new ConcurrentHashMap<>();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            Catalog catalog = catalog("t" + thread + "-" + i, 1 + i);
            store.publish(catalog);
            // The same catalog again from the same thread: never a second version.
            store.publish(catalog);
            lastOfThread.put(thread, catalog);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.versions()).hasSize(threads * each).doesNotHaveDuplicates();
    for (int t = 0; t < threads; t++) {
      String prefix = "t" + t + "-";
      List<String> ofThread = new ArrayList<>();
      store.versions().stream().map(CatalogVersion::value).filter(v -> v.startsWith(prefix)).forEach(ofThread::add);
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        expected.add("t" + t + "-" + i);
        assertThat(store.find(CatalogVersion.of("t" + t + "-" + i))).contains(catalog("t" + t + "-" + i, 1 + i));
      }
      assertThat(ofThread).as("thread %d's versions in its order", t).isEqualTo(expected);
    }
    assertThat(lastOfThread.values()).contains(store.current().orElseThrow());
  }

  @Test
  void concurrentPublishersOfOneVersionWithDifferentTerms_exactlyOneWins() throws Exception {
    CatalogStore store = createStore();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long points = 100 + t;
        outcomes.add(pool.submit(() -> {
          start.await();
          try {
            store.publish(catalog("race", points));
            return true;
          } catch (CatalogVersionConflictException refused) {
            return false;
          }
        }));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> outcome : outcomes) {
        won += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.versions()).containsExactly(CatalogVersion.of("race"));
    assertThat(new HashSet<>(List.of(store.current().orElseThrow(), store.find(CatalogVersion.of("race")).orElseThrow())))
        .hasSize(1);
  }
}
