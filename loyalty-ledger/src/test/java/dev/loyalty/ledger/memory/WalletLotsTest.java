package dev.loyalty.ledger.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A wallet's lots kept as numbers against a plain map of {@link Lot}s: after any sequence of new
 * lots and new versions of lots (in and out of id order, spent, held, with and without expiry, more
 * than a chunk of them), every lot reads back exactly, and the open ones in {@link Lot#SPEND_ORDER}.
 */
class WalletLotsTest {

  private static final AccountId WALLET = AccountId.of("wallet:händler-ü");
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  /** One write: a lot id, its expiry (null: never), its amounts as shares of the original. */
  record Write(long transaction, int index, Integer expiryDay, int expiryNano, long original, int remainingShare,
      int heldShare, int createdNano) {
    Lot lot(Map<LotId, Lot> known) {
      LotId id = new LotId(TransactionId.of(transaction), index);
      Lot before = known.get(id);
      // a lot keeps its expiry, original and creation time: only its remaining and held amounts change
      Optional<Instant> expiresAt = before != null ? before.expiresAt()
          : expiryDay == null ? Optional.empty() : Optional.of(BASE.plusSeconds(86_400L * expiryDay).plusNanos(expiryNano));
      long o = before != null ? before.original() : original;
      long remaining = remainingShare == 4 ? o : o / 4 * remainingShare;
      long held = heldShare == 4 ? remaining : remaining / 4 * heldShare;
      Instant created = before != null ? before.createdAt() : BASE.plusNanos(createdNano);
      return new Lot(id, WALLET, o, remaining, held, expiresAt, created);
    }
  }

  @Provide
  Arbitrary<List<Write>> writes() {
    Arbitrary<Long> transaction = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.longs().between(1, 400)),
        Tuple.of(1, Arbitraries.of(Long.MAX_VALUE)));
    Arbitrary<Integer> expiryDay = Arbitraries.integers().between(0, 6).injectNull(0.2);
    Arbitrary<Integer> nano = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.integers().between(0, 999_999_999)));
    Arbitrary<Long> original = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.longs().between(1, 1_000)),
        Tuple.of(1, Arbitraries.of(Long.MAX_VALUE)));
    Arbitrary<Write> write = Combinators.combine(transaction, Arbitraries.integers().between(0, 2), expiryDay, nano,
        original, Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4), nano).as(Write::new);
    return write.list().ofMaxSize(700);
  }

  @Property(tries = 120)
  void readsBackAsAPlainMapOfLotsWould(@ForAll("writes") List<Write> writes) {
    Map<LotId, Lot> model = new TreeMap<>();
    WalletLots lots = written(writes, model);
    assertReadsBack(lots, model);
  }

  /**
   * New lots added from their numbers ({@link WalletLots#addNew}, a direct transfer's credit) among
   * new versions of lots: half of the writes name a transaction newer than any so far (appended
   * without a search by id), the others any id (some of them before the newest: the general way).
   * Everything reads back as a plain map of lots, each new one unspent and unheld.
   */
  @Property(tries = 120)
  void addsNewLotsAsPutWould(@ForAll("writes") List<Write> writes) {
    Map<LotId, Lot> model = new TreeMap<>();
    WalletLots lots = new WalletLots(WALLET);
    long newest = 1_000;
    for (Write w : writes) {
      if (w.transaction() % 2 == 0) {
        newest += w.index() == 0 ? 1 : 0;
        w = new Write(newest, w.index(), w.expiryDay(), w.expiryNano(), w.original(), w.remainingShare(),
            w.heldShare(), w.createdNano());
      }
      Lot lot = w.lot(model);
      if (model.containsKey(lot.id())) {
        lots.put(lot);
      } else {
        lot = new Lot(lot.id(), WALLET, lot.original(), lot.original(), 0, lot.expiresAt(), lot.createdAt());
        lots.addNew(lot.id().transaction().value(), lot.id().index(), lot.original(), lot.expiresAt().orElse(null),
            lot.createdAt());
      }
      model.put(lot.id(), lot);
    }
    assertReadsBack(lots, model);
  }

  private static void assertReadsBack(WalletLots lots, Map<LotId, Lot> model) {
    for (Lot lot : model.values()) {
      assertThat(lots.get(lot.id())).contains(lot);
    }
    assertThat(lots.get(new LotId(TransactionId.of(401), 0))).isEmpty();
    List<Lot> all = model.values().stream().sorted(Lot.SPEND_ORDER).toList();
    List<Lot> open = all.stream().filter(l -> l.remaining() > 0).toList();
    assertThat(lots.snapshot(true)).containsExactlyElementsOf(all);
    assertThat(lots.snapshot(false)).containsExactlyElementsOf(open);
    assertThat(lots.openView()).containsExactlyElementsOf(open);
    for (int day = -1; day <= 7; day++) {
      Instant asOf = BASE.plusSeconds(86_400L * day);
      assertThat(lots.hasLotExpiringBy(asOf)).as("expiring by %s", asOf)
          .isEqualTo(open.stream().anyMatch(l -> l.isExpiredAt(asOf)));
    }
  }

  /**
   * The in-place reads and takes of a direct transfer: every open lot's unheld points, id and expiry
   * read as the lot itself says; points taken from open lots in place and the spent ones closed
   * leave what new versions of those lots would have left; a take of more than a lot's unheld points
   * is refused and changes nothing; new versions of lots put between the rounds of takes are read
   * back by the next round (the open list keeps a copy of each open lot's unheld points).
   */
  @Property(tries = 120)
  void takesInPlaceAsNewVersionsWould(@ForAll("writes") List<Write> writes,
      @ForAll @IntRange(min = 0, max = 400) int seed) {
    Map<LotId, Lot> model = new TreeMap<>();
    WalletLots lots = written(writes, model);
    java.util.Random random = new java.util.Random(seed);
    for (int round = 0; round < 20 && lots.openSize() > 0; round++) {
      List<Lot> open = List.copyOf(lots.openView());
      for (int j = 0; j < open.size(); j++) {
        for (int k = 0; k < open.size(); k++) {
          assertThat(lots.sameOpenExpiry(j, k)).as("same expiry of open lots %d and %d", j, k)
              .isEqualTo(open.get(j).expiresAt().equals(open.get(k).expiresAt()));
        }
        assertThat(lots.openUnheld(j)).isEqualTo(open.get(j).unheld());
        assertThat(lots.openId(j)).isEqualTo(open.get(j).id());
        assertThat(lots.openExpiry(j)).isEqualTo(open.get(j).expiresAt());
      }
      int upTo = 1 + random.nextInt(open.size());
      for (int j = 0; j < upTo; j++) {
        Lot lot = open.get(j);
        if (lot.unheld() == 0) {
          int held = j;
          // refused, and nothing changed: the comparisons below find the model's lot as it was
          assertThatThrownBy(() -> lots.takeFromOpen(held, 1)).isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining(lot.id().toString());
          continue;
        }
        long take = random.nextBoolean() ? lot.unheld() : 1 + (long) (random.nextDouble() * (lot.unheld() - 1));
        lots.takeFromOpen(j, take);
        model.put(lot.id(), lot.with(lot.remaining() - take, lot.held()));
      }
      lots.closeSpent(upTo);
      List<Lot> all = model.values().stream().sorted(Lot.SPEND_ORDER).toList();
      assertThat(lots.snapshot(true)).containsExactlyElementsOf(all);
      assertThat(lots.openView()).containsExactlyElementsOf(all.stream().filter(l -> l.remaining() > 0).toList());
      // between takes, new versions of lots (a hold placed, released or spent the general way):
      // the open list's copy of their unheld points follows, which the next round reads
      List<Lot> known = List.copyOf(model.values());
      for (int k = random.nextInt(3); k > 0; k--) {
        Lot lot = known.get(random.nextInt(known.size()));
        long remaining = random.nextInt(4) == 0 ? 0 : lot.remaining() - (long) (random.nextDouble() * lot.remaining() / 2);
        Lot version = lot.with(remaining, Math.min(remaining, (long) (random.nextDouble() * remaining)));
        lots.put(version);
        model.put(version.id(), version);
      }
    }
  }

  /** The wallet's lots after {@code writes}, each also put into {@code model}. */
  private static WalletLots written(List<Write> writes, Map<LotId, Lot> model) {
    WalletLots lots = new WalletLots(WALLET);
    for (Write w : writes) {
      Lot lot = w.lot(model);
      lots.put(lot);
      model.put(lot.id(), lot);
    }
    return lots;
  }

  @Test
  void aLotOfAnotherWalletIsRefused() {
    WalletLots lots = new WalletLots(WALLET);
    Lot foreign = new Lot(new LotId(TransactionId.of(1), 0), AccountId.of("wallet:other"), 5, 5, 0, Optional.empty(),
        BASE);
    assertThatThrownBy(() -> lots.put(foreign)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wallet:other").hasMessageContaining(WALLET.value());
    assertThat(lots.snapshot(true)).isEmpty();
  }
}
