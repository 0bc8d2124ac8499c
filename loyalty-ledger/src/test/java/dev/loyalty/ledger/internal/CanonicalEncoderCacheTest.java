package dev.loyalty.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.TransferRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The encoder's cache of encoded strings against an encoder without one: a long-lived encoder
 * that meets the same string objects again and again, other objects with the same text, texts
 * whose hash codes collide (so that they share a cache slot), non-ASCII texts and texts too long
 * to cache, encodes every command exactly as a fresh encoder does.
 */
class CanonicalEncoderCacheTest {

  /** "Aa" and "BB" have the same hash code: texts made of them collide. */
  private static final List<String> BLOCKS = List.of("Aa", "BB", "wallet:", "ü", "€", "x".repeat(60));

  /** One command: which texts of the pool it uses for its key, accounts, reason and metadata value. */
  record Use(int key, int from, int to, int reason, int value, boolean copies) {}

  @Provide
  Arbitrary<List<String>> pool() {
    return Arbitraries.of(BLOCKS).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l))
        .list().ofMinSize(3).ofMaxSize(40);
  }

  @Provide
  Arbitrary<List<Use>> uses() {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 39);
    return Combinators.combine(index, index, index, index, index, Arbitraries.of(false, false, true)).as(Use::new)
        .list().ofMinSize(1).ofMaxSize(200);
  }

  @Property(tries = 200)
  void encodesAsAnEncoderWithoutCacheDoes(@ForAll("pool") List<String> pool, @ForAll("uses") List<Use> uses) {
    CanonicalEncoder used = CanonicalEncoder.fresh();
    List<String> texts = new ArrayList<>(pool);
    for (Use u : uses) {
      String from = text(texts, u.from(), u.copies());
      String to = text(texts, u.to(), false);
      if (from.equals(to)) {
        to = to + "'";
      }
      TransferRequest t = TransferRequest.of(IdempotencyKey.of(text(texts, u.key(), u.copies())),
          limit(text(texts, u.reason(), false)), Entry.debit(AccountId.of(from), 5), Entry.credit(AccountId.of(to), 5,
              Expiry.never())).withMetadata(Map.of("note", text(texts, u.value(), u.copies())));
      assertThat(used.fingerprint(t)).as("fingerprint of %s", t).isEqualTo(CanonicalEncoder.fresh().fingerprint(t));
    }
  }

  /** A reason is at most 100 characters: the text itself when it fits. */
  private static String limit(String reason) {
    return reason.substring(0, Math.min(reason.length(), 100));
  }

  /** The pool's text at {@code i}: the same object, or a new object with the same text. */
  private static String text(List<String> texts, int i, boolean copy) {
    String s = texts.get(i % texts.size());
    return copy ? new String(s.toCharArray()) : s;
  }
}
