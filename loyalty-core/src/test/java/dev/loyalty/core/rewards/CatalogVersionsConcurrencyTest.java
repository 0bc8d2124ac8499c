package dev.loyalty.core.rewards;

import static dev.loyalty.core.rewards.CatalogDocuments.ACME;
import static dev.loyalty.core.rewards.CatalogDocuments.AUGUST;
import static dev.loyalty.core.rewards.CatalogDocuments.dealer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Readers that take the current catalog while two writers swap versions: every catalog a reader
 * gets is one whole version (every price, every offer and the terms looked up by its version agree
 * with its label), and at the end every version was kept once.
 */
class CatalogVersionsConcurrencyTest {
  private static final int ITEMS = 20;
  private static final int PER_WRITER = 300;
  private static final int READERS = 4;

  /** Version {@code k}: item {@code i} costs {@code k * 100 + i + 1} points, so a price names its version. */
  private static Catalog version(int k) {
    List<CatalogItem> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      items.add(CatalogItem.of(CatalogItemId.of("I" + i), new RewardKind.Cashback(ValueBasis.PointValue.INSTANCE),
          price(k, i), ItemTexts.of(Locale.ENGLISH, ItemText.of("Item " + i + " of version " + k))));
    }
    return Catalog.of(ACME, CatalogVersion.of("v" + k), Locale.ENGLISH, items);
  }

  private static long price(int k, int i) {
    return k * 100L + i + 1;
  }

  @Test
  void readersDuringSwaps_alwaysSeeOneWholeVersion() throws Exception {
    CatalogVersions versions = CatalogVersions.inMemory(version(0));
    // Built before the race, so that the writers only publish.
    List<Catalog> odd = new ArrayList<>();
    List<Catalog> even = new ArrayList<>();
    for (int n = 0; n < PER_WRITER; n++) {
      odd.add(version(2 * n + 1));
      even.add(version(2 * n + 2));
    }
    Participant sharma = Participant.partner(dealer(), Optional.empty());
    Queue<String> mixed = new ConcurrentLinkedQueue<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong reads = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    // Writers wait for every reader's first read, so the swaps overlap the readers whatever the load.
    CountDownLatch readersStarted = new CountDownLatch(READERS);
    ExecutorService pool = Executors.newFixedThreadPool(READERS + 2);
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        readers.add(pool.submit(() -> {
          start.await();
          do {
            Catalog catalog = versions.current();
            int k = Integer.parseInt(catalog.version().value().substring(1));
            for (int i = 0; i < ITEMS; i++) {
              if (catalog.items().get(i).points() != price(k, i)) {
                mixed.add(catalog.version() + " item " + i + " costs " + catalog.items().get(i).points());
              }
            }
            for (Offer offer : catalog.visibleTo(sharma, AUGUST)) {
              if (!offer.version().equals(catalog.version())) {
                mixed.add(catalog.version() + " offered " + offer.id() + " of " + offer.version());
              }
            }
            long terms = versions.terms(CatalogItemId.of("I5"), catalog.version()).points();
            if (terms != price(k, 5)) {
              mixed.add("terms of I5 in " + catalog.version() + " cost " + terms);
            }
            reads.incrementAndGet();
            readersStarted.countDown();
          } while (writing.get());
          return null;
        }));
      }
      List<Future<?>> writers = new ArrayList<>();
      for (List<Catalog> mine : List.of(odd, even)) {
        writers.add(pool.submit(() -> {
          start.await();
          readersStarted.await();
          for (Catalog catalog : mine) {
            assertThat(versions.publish(catalog)).isSameAs(catalog);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      for (Future<?> reader : readers) {
        reader.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(mixed).isEmpty();
    assertThat(reads.get()).isGreaterThan(READERS);
    assertThat(versions.versions()).hasSize(2 * PER_WRITER + 1).doesNotHaveDuplicates();
    for (int k = 0; k <= 2 * PER_WRITER; k++) {
      assertThat(versions.version(CatalogVersion.of("v" + k))).contains(version(k));
    }
    // Whichever writer finished last left its last version current.
    assertThat(versions.current()).isIn(odd.get(PER_WRITER - 1), even.get(PER_WRITER - 1));
  }
}
