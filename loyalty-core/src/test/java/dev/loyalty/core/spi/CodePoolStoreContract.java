package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.ledger.spi.Together;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CodePoolStore} must do; the in-memory and PostgreSQL stores and a host's own
 * extend it. A code goes to one redemption only, also when threads on several store objects
 * (several application instances) race for the last ones or load the same codes at once;
 * claiming again for a redemption returns its codes; what is kept survives a store opened again on
 * the same data (a restart).
 */
public abstract class CodePoolStoreContract {
  protected static final String POOL = "amazon-500";

  /** A new, empty store. */
  protected abstract CodePoolStore createStore();

  /**
   * A new store object on what {@code store} keeps, as after a restart of the process or on another
   * application instance; a store whose data lives only as long as the object returns it.
   */
  protected CodePoolStore reopen(CodePoolStore store) {
    return store;
  }

  private static RedemptionId r(String id) {
    return RedemptionId.of(id);
  }

  private static List<String> codes(int from, int to) {
    List<String> codes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      codes.add("CODE-" + i);
    }
    return codes;
  }

  @Test
  void loadingAddsCodesNotSeenBefore() {
    CodePoolStore store = createStore();

    assertThat(store.load(POOL, List.of("A", "B", "A"))).isEqualTo(2);
    assertThat(store.load(POOL, List.of("B", "C"))).isEqualTo(1);

    assertThat(store.available(POOL)).isEqualTo(3);
    assertThat(store.available("other-pool")).isZero();
  }

  @Test
  void aCodeGivenOutIsNeverLoadedAgain() {
    CodePoolStore store = createStore();
    store.load(POOL, List.of("A"));
    store.claim(POOL, r("R-1"), 1);

    assertThat(store.load(POOL, List.of("A"))).isZero();
    assertThat(store.available(POOL)).isZero();
  }

  @Test
  void claimsGiveCodesInLoadOrderAndAgainTheSameForTheSameRedemption() {
    CodePoolStore store = createStore();
    store.load(POOL, codes(0, 5));

    assertThat(store.claim(POOL, r("R-1"), 2)).contains(List.of("CODE-0", "CODE-1"));
    assertThat(store.claim(POOL, r("R-2"), 1)).contains(List.of("CODE-2"));
    assertThat(store.claim(POOL, r("R-1"), 2)).contains(List.of("CODE-0", "CODE-1"));

    assertThat(store.available(POOL)).isEqualTo(2);
  }

  @Test
  void aClaimForMoreThanIsLeftGetsNothingAndChangesNothing() {
    CodePoolStore store = createStore();
    store.load(POOL, codes(0, 2));

    assertThat(store.claim(POOL, r("R-1"), 3)).isEmpty();
    assertThat(store.claim(POOL, r("R-2"), 2)).contains(List.of("CODE-0", "CODE-1"));
    assertThat(store.claim(POOL, r("R-1"), 3)).isEmpty();

    assertThat(store.available(POOL)).isZero();
  }

  @Test
  void releasedCodesAreClaimedNext() {
    CodePoolStore store = createStore();
    store.load(POOL, codes(0, 4));
    store.claim(POOL, r("R-1"), 2);

    store.release(POOL, r("R-1"));
    store.release(POOL, r("R-1"));
    store.release(POOL, r("R-404"));
    store.release("never-loaded", r("R-1"));

    assertThat(store.available(POOL)).isEqualTo(4);
    assertThat(store.claim(POOL, r("R-2"), 3)).contains(List.of("CODE-0", "CODE-1", "CODE-2"));
  }

  @Test
  void badPoolsAndCodesAreRefused() {
    CodePoolStore store = createStore();

    assertThatThrownBy(() -> store.load("Amazon 500", List.of("A"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Amazon 500");
    assertThatThrownBy(() -> store.load(POOL, List.of("A", " "))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.load(POOL, List.of("x".repeat(201)))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.claim(POOL, r("R-1"), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.available(POOL)).isZero();
  }

  @Test
  void ofEightThreadsClaimingFromFiveCodesFiveGetOneEachAndNoCodeTwice() {
    CodePoolStore store = createStore();
    store.load(POOL, codes(0, 5));

    List<Together.Outcome<Optional<List<String>>>> outcomes = Together.race(8, i -> store.claim(POOL, r("R-" + i), 1));

    List<String> given = outcomes.stream().flatMap(o -> o.value().stream()).flatMap(List::stream).toList();
    assertThat(given).hasSize(5).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(codes(0, 5));
    assertThat(store.available(POOL)).isZero();
  }

  @Test
  void eightThreadsClaimingAndReleasingNeverGiveACodeToTwoRedemptions() {
    CodePoolStore store = createStore();
    store.load(POOL, codes(0, 1_500));

    List<Together.Outcome<List<String>>> outcomes = Together.race(8, t -> {
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        RedemptionId id = r("R-" + t + "-" + i);
        List<String> claimed = store.claim(POOL, id, 1 + i % 2).orElseThrow();
        if (i % 5 == 0) {
          store.release(POOL, id);
        } else {
          kept.addAll(claimed);
        }
      }
      return kept;
    });

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    List<String> kept = outcomes.stream().flatMap(o -> o.value().stream()).toList();
    assertThat(kept).doesNotHaveDuplicates();
    assertThat(store.available(POOL)).isEqualTo(1_500 - kept.size());
  }

  @Test
  void poolsSurviveAReopen_codesGivenStayGiven() {
    CodePoolStore store = createStore();
    store.load(POOL, codes(0, 5));
    store.claim(POOL, r("R-1"), 2);
    store.claim(POOL, r("R-2"), 1);
    store.release(POOL, r("R-2"));

    CodePoolStore reopened = reopen(store);

    assertThat(reopened.available(POOL)).isEqualTo(3);
    assertThat(reopened.claim(POOL, r("R-1"), 2)).contains(List.of("CODE-0", "CODE-1"));
    assertThat(reopened.load(POOL, codes(0, 6))).isEqualTo(1);
    assertThat(reopened.claim(POOL, r("R-3"), 4)).contains(List.of("CODE-2", "CODE-3", "CODE-4", "CODE-5"));
    assertThat(store.available(POOL)).isZero();
  }

  @Test
  void ofEightThreadsClaimingForOneRedemptionEachGetsTheSameCodesTakenOnce() {
    CodePoolStore store = createStore();
    store.load(POOL, codes(0, 5));

    List<Together.Outcome<Optional<List<String>>>> outcomes = Together.race(8, i -> store.claim(POOL, r("R-1"), 2));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.value()).contains(List.of("CODE-0", "CODE-1")));
    assertThat(store.available(POOL)).isEqualTo(3);
  }

  @Test
  void ofEightThreadsOnTwoStoreObjectsClaimingTheLastCodeExactlyOneGetsIt() {
    CodePoolStore store = createStore();
    CodePoolStore other = reopen(store);
    store.load(POOL, codes(0, 1));

    List<Together.Outcome<Optional<List<String>>>> outcomes = Together.race(8, i -> (i % 2 == 0 ? store : other)
        .claim(POOL, r("R-" + i), 1));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.won()).isTrue());
    assertThat(outcomes).filteredOn(o -> o.value().isPresent()).singleElement()
        .satisfies(o -> assertThat(o.value()).contains(List.of("CODE-0")));
    assertThat(other.available(POOL)).isZero();
  }

  @Test
  void eightThreadsLoadingOverlappingFilesAddEachCodeOnce() {
    CodePoolStore store = createStore();

    List<Together.Outcome<Integer>> outcomes = Together.race(8, i -> store.load(POOL, codes(i * 50, i * 50 + 200)));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    int added = outcomes.stream().mapToInt(Together.Outcome::value).sum();
    assertThat(added).isEqualTo(7 * 50 + 200);
    assertThat(store.available(POOL)).isEqualTo(added);
    List<String> given = store.claim(POOL, r("R-1"), added).orElseThrow();
    assertThat(given).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(codes(0, added));
  }
}
