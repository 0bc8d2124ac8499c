package dev.loyalty.ledger.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransactionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's packed journal against the transactions it was given: every shape of
 * transaction (each type, with and without a hold, a reversed original, reversed postings, pending
 * amounts, lot movements with and without expiry), extreme amounts, ids and instants, a row that
 * holds another transaction's id, replacements and deletions, must read back exactly equal.
 */
class CompactJournalTest {

  private static final List<AccountId> ACCOUNTS = List.of(AccountId.of("system:issuance"), AccountId.of("wallet:a"),
      AccountId.of("wallet:händler-ü"), AccountId.of("budget:q1"), AccountId.of("x"));

  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Long> seconds = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L)),
        Tuple.of(1, Arbitraries.of(Ledger.EARLIEST_INSTANT.getEpochSecond(), Ledger.LATEST_INSTANT.getEpochSecond(),
            0L, -1L)));
    Arbitrary<Integer> nanos = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.integers().between(0, 999_999_999)));
    return Combinators.combine(seconds, nanos).as((s, n) -> Instant.ofEpochSecond(s, n));
  }

  private static Arbitrary<Long> amounts() {
    return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.longs().between(-1_000, 1_000)),
        Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 1L << 40, -(1L << 56))))
        .filter(a -> a != 0);
  }

  private static Arbitrary<List<Posting>> postings() {
    return Combinators.combine(Arbitraries.of(ACCOUNTS), amounts()).as(Posting::new).list().ofMaxSize(4);
  }

  private static Arbitrary<Long> ids() {
    return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.longs().between(1, 50)),
        Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, 1L << 33)));
  }

  private Arbitrary<List<LotMovement>> lotMovements() {
    Arbitrary<LotId> lot = Combinators.combine(ids(), Arbitraries.integers().between(0, Integer.MAX_VALUE))
        .as((t, i) -> new LotId(TransactionId.of(t), i));
    Arbitrary<Optional<Instant>> expiry = instants().optional();
    return Combinators.combine(Arbitraries.of(ACCOUNTS), lot, amounts(), expiry).as(LotMovement::new).list()
        .ofMaxSize(6);
  }

  @Provide
  Arbitrary<Transaction> transactions() {
    Arbitrary<String> text = Arbitraries.strings().alpha().numeric().withChars('-', 'ü', '€').ofMinLength(1)
        .ofMaxLength(20);
    Arbitrary<Map<String, String>> metadata = Arbitraries.maps(text, text).ofMaxSize(3);
    Arbitrary<Optional<HoldId>> hold = ids().map(HoldId::of).optional();
    Arbitrary<Optional<TransactionId>> reverses = ids().map(TransactionId::of).optional();
    Arbitrary<Transaction> head = Combinators.combine(ids(), Arbitraries.of(TransactionType.class),
        text.map(IdempotencyKey::of), text, metadata, instants(), instants(), postings())
        .as((id, type, key, reason, meta, effective, recorded, posted) -> new Transaction(TransactionId.of(id), type,
            key, reason, meta, effective, recorded, posted, List.of(), List.of(), Optional.empty(), Optional.empty()));
    return Combinators.combine(head, postings(), lotMovements(), hold, reverses, postings())
        .as((tx, pending, movements, holdId, original, reversed) -> new Transaction(tx.id(), tx.type(), tx.key(),
            tx.reason(), tx.metadata(), tx.effectiveAt(), tx.recordedAt(), tx.postings(), pending, movements, holdId,
            original, original.isPresent() ? reversed : List.of()));
  }

  @Provide
  Arbitrary<List<Transaction>> journals() {
    return transactions().list().ofMaxSize(30);
  }

  @Property(tries = 300)
  void readsBackEveryTransactionExactly(@ForAll("journals") List<Transaction> transactions) {
    // places in chunks of four transactions: a journal of 30 crosses them seven times
    CompactJournal journal = new CompactJournal(2);
    for (Transaction tx : transactions) {
      journal.add(tx);
    }
    assertThat(journal.size()).isEqualTo(transactions.size());
    assertThat(journal.present()).isEqualTo(transactions.size());
    for (int i = 0; i < transactions.size(); i++) {
      assertThat(journal.get(i)).isEqualTo(transactions.get(i));
    }
  }

  @Property(tries = 200)
  void replacementsAndDeletionsReadBackAsMade(@ForAll("journals") List<Transaction> first,
      @ForAll("journals") List<Transaction> replacements) {
    CompactJournal journal = new CompactJournal(2);
    List<Transaction> model = new ArrayList<>(first);
    first.forEach(journal::add);
    for (int k = 0; k < replacements.size() && !model.isEmpty(); k++) {
      int index = k * 7 % model.size();
      Transaction replacement = k % 3 == 2 ? null : replacements.get(k);
      journal.set(index, replacement);
      model.set(index, replacement);
    }
    assertThat(journal.present()).isEqualTo(model.stream().filter(java.util.Objects::nonNull).count());
    for (int i = 0; i < model.size(); i++) {
      assertThat(journal.get(i)).isEqualTo(model.get(i));
    }
  }

  @Test
  void aTransactionLargerThanAChunkGetsOneOfItsOwnAndTheNextStartsAfresh() {
    List<LotMovement> movements = new ArrayList<>();
    for (int i = 0; i < 150_000; i++) {
      movements.add(new LotMovement(ACCOUNTS.get(i % ACCOUNTS.size()), new LotId(TransactionId.of(i + 1L), i % 3),
          -(i + 1L), i % 2 == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(1_800_000_000L + i, i))));
    }
    Instant at = Instant.parse("2026-03-01T00:00:00Z");
    Transaction small = new Transaction(TransactionId.of(1), TransactionType.TRANSFER, IdempotencyKey.of("a"), "r",
        Map.of(), at, at, List.of(new Posting(ACCOUNTS.get(0), -5), new Posting(ACCOUNTS.get(1), 5)), List.of(),
        List.of(), Optional.empty(), Optional.empty());
    Transaction large = new Transaction(TransactionId.of(2), TransactionType.EXPIRY, IdempotencyKey.of("b"), "expiry",
        Map.of(), at, at, List.of(), List.of(), movements, Optional.empty(), Optional.empty());
    Transaction after = new Transaction(TransactionId.of(3), small.type(), IdempotencyKey.of("c"), "r", Map.of("k", "v"),
        at, at, small.postings(), List.of(), List.of(), Optional.empty(), Optional.empty());
    CompactJournal journal = new CompactJournal();
    journal.add(small);
    journal.add(large);
    journal.add(after);
    assertThat(journal.get(0)).isEqualTo(small);
    assertThat(journal.get(1)).isEqualTo(large);
    assertThat(journal.get(2)).isEqualTo(after);
  }

  @Test
  void replacingOutsideTheJournalIsRefused() {
    CompactJournal journal = new CompactJournal();
    assertThatThrownBy(() -> journal.set(0, null)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("position 0 of 0");
    assertThat(journal.size()).isZero();
  }
}
