package dev.loyalty.ledger.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.RejectionCode;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.IdempotencyRecord;
import dev.loyalty.ledger.spi.Rejection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The store's packed table of keys' outcomes against a plain map: after any sequence of outcomes
 * put, replaced and forgotten (keys whose hash codes collide, enough of them to grow the table
 * several times), every key reads back exactly what the map holds, and only those keys; with the
 * default chunks of entries and with chunks of four entries (every growth crosses chunks), each
 * written outcome put as a record or, for half of them, through {@code putWritten}.
 */
class KeyTableTest {

  /** Keys made of "Aa" and "BB" blocks share hash codes: they probe past one another. */
  private static final List<String> BLOCKS = List.of("Aa", "BB", "x", "ü");

  /** One step: put an outcome under a key, or forget the key. */
  record Step(String key, boolean forget, byte seed, long transaction, boolean refused) {
    IdempotencyRecord record() {
      byte[] fingerprint = new byte[32];
      for (int i = 0; i < fingerprint.length; i++) {
        fingerprint[i] = (byte) (seed * 31 + i * (seed | 1));
      }
      return new IdempotencyRecord(IdempotencyKey.of(key), Digest.of(fingerprint),
          transaction == 0 || refused ? Optional.empty() : Optional.of(TransactionId.of(transaction)),
          refused ? Optional.of(new Rejection(RejectionCode.INSUFFICIENT_BALANCE, "refused " + key)) : Optional.empty());
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<String> key = Arbitraries.of(BLOCKS).list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l));
    Arbitrary<String> many = Arbitraries.integers().between(0, 3_000).map(i -> "k-" + i);
    Arbitrary<String> anyKey = Arbitraries.oneOf(key, many);
    return Combinators.combine(anyKey, Arbitraries.of(false, false, false, true), Arbitraries.bytes(),
        Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.of(false, false, true)).as(Step::new)
        .list().ofMaxSize(4_000);
  }

  @Property(tries = 100)
  void readsBackAsAPlainMapWould(@ForAll("steps") List<Step> steps) {
    readsBackAsAPlainMapWould(new KeyTable(), steps);
  }

  @Property(tries = 100)
  void readsBackAsAPlainMapWouldInSmallChunks(@ForAll("steps") List<Step> steps) {
    readsBackAsAPlainMapWould(new KeyTable(2), steps);
  }

  private static void readsBackAsAPlainMapWould(KeyTable table, List<Step> steps) {
    Map<IdempotencyKey, IdempotencyRecord> model = new HashMap<>();
    for (Step step : steps) {
      IdempotencyKey key = IdempotencyKey.of(step.key());
      if (step.forget()) {
        assertThat(table.remove(key)).isEqualTo(model.remove(key) != null);
      } else if (step.seed() % 2 == 0 && step.record().transaction().isPresent()) {
        table.putWritten(key, step.record().fingerprint(), step.record().transaction().get().value());
        model.put(key, step.record());
      } else {
        table.put(step.record());
        model.put(key, step.record());
      }
    }
    assertThat(table.size()).isEqualTo(model.size());
    for (Step step : steps) {
      IdempotencyKey key = IdempotencyKey.of(step.key());
      assertThat(table.get(key)).isEqualTo(Optional.ofNullable(model.get(key)));
    }
    assertThat(table.get(IdempotencyKey.of("never-used"))).isEmpty();
  }
}
