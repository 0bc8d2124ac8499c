package dev.loyalty.ledger.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.internal.CanonicalEncoder;
import dev.loyalty.ledger.spi.Seal;
import dev.loyalty.ledger.spi.UnsealedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The packed hash chain against a plain list of links computed one by one with
 * {@link CanonicalEncoder#chainLink(Digest, Digest)}: after any sequence of committed transactions,
 * linkings by the store itself (in batches of any size, some of them raced by another sealer that
 * links first) and linkings through the SPI's {@link Seal}s (some of them wrong: refused, nothing
 * changed), every link, the chain's end and the transactions waiting read back as the list says,
 * whatever the size of the chunks the log keeps its entries in.
 */
class SealLogTest {

  /** kind 0-3: commit a transaction; 4-5: the store links up to n; 6: it links up to n, raced; 7: SPI seals; 8: a wrong SPI seal. */
  record Step(int kind, int n, byte seed) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 70),
        Arbitraries.bytes()).as(Step::new).list().ofMaxSize(400);
  }

  /** Chunks of 2 to 16 entries, so that batches and reads cross chunk boundaries, and the store's own size. */
  @Provide
  Arbitrary<Integer> chunkShifts() {
    return Arbitraries.of(1, 2, 3, 4, 12);
  }

  @Property(tries = 150)
  void linksAsOneByOneLinkingWould(@ForAll("steps") List<Step> steps, @ForAll("chunkShifts") int chunkShift) {
    CanonicalEncoder encoder = CanonicalEncoder.forThisThread();
    SealLog log = new SealLog(chunkShift);
    List<UnsealedTransaction> committed = new ArrayList<>();
    List<Digest> links = new ArrayList<>();
    long nextId = 1;
    for (Step step : steps) {
      switch (step.kind()) {
        case 0, 1, 2, 3 -> {
          byte[] hash = new byte[32];
          hash[step.n() % 32] = step.seed();
          hash[31] = (byte) nextId;
          UnsealedTransaction tx = new UnsealedTransaction(TransactionId.of(nextId), Digest.of(hash));
          nextId += 1 + step.n() % 3; // ids need not be consecutive
          log.addUnlinked(tx.transaction(), tx.contentHash());
          committed.add(tx);
        }
        case 4, 5, 6 -> {
          SealLog.Pending pending = log.pending(1 + step.n());
          if (pending == null) {
            assertThat(links).hasSameSizeAs(committed);
            break;
          }
          byte[] computed = SealLog.linkPending(pending, encoder);
          if (step.kind() == 6) {
            // another sealer links the first one meanwhile: the store's links are not taken
            Seal first = nextSeal(encoder, committed, links);
            log.link(first.hash());
            links.add(first.hash());
            assertThat(log.linkAll(pending, computed)).isFalse();
          } else {
            assertThat(log.linkAll(pending, computed)).isTrue();
            for (int k = 0; k < pending.to() - pending.from(); k++) {
              links.add(nextSeal(encoder, committed, links).hash());
            }
          }
        }
        case 7 -> {
          List<Seal> seals = new ArrayList<>();
          List<Digest> more = new ArrayList<>(links);
          for (int k = 0; k < step.n() % 5 && more.size() < committed.size(); k++) {
            Seal s = nextSeal(encoder, committed, more);
            seals.add(s);
            more.add(s.hash());
          }
          for (int k = 0; k < seals.size(); k++) {
            assertThat(log.continues(seals.get(k), k)).isTrue();
          }
          seals.forEach(s -> log.link(s.hash()));
          links.clear();
          links.addAll(more);
        }
        default -> {
          if (links.size() < committed.size()) {
            Seal right = nextSeal(encoder, committed, links);
            byte[] other = right.contentHash().orElseThrow().toBytes();
            other[step.n() % 32] ^= 1;
            assertThat(log.continues(new Seal(right.position() + 1, right.transaction(), right.contentHash(),
                right.hash()), 0)).isFalse();
            assertThat(log.continues(new Seal(right.position(), TransactionId.of(right.transaction().value() + 1),
                right.contentHash(), right.hash()), 0)).isFalse();
            assertThat(log.continues(new Seal(right.position(), right.transaction(), Optional.of(Digest.of(other)),
                right.hash()), 0)).isFalse();
          }
          assertThat(log.continues(new Seal(committed.size() + 1L, TransactionId.of(nextId), Optional.of(Digest.ZERO),
              Digest.ZERO), committed.size() - links.size())).isFalse();
        }
      }
      assertReadsBack(log, committed, links);
    }
  }

  /** The next link the model would make: ChainSealer's, one by one. */
  private static Seal nextSeal(CanonicalEncoder encoder, List<UnsealedTransaction> committed, List<Digest> links) {
    int i = links.size();
    UnsealedTransaction tx = committed.get(i);
    Digest previous = i == 0 ? Digest.ZERO : links.get(i - 1);
    return new Seal(i + 1L, tx.transaction(), tx.contentHash(), encoder.chainLink(previous, tx.contentHash()));
  }

  private static void assertReadsBack(SealLog log, List<UnsealedTransaction> committed, List<Digest> links) {
    assertThat(log.linked()).isEqualTo(links.size());
    List<Seal> expected = new ArrayList<>();
    for (int i = 0; i < links.size(); i++) {
      UnsealedTransaction tx = committed.get(i);
      expected.add(new Seal(i + 1L, tx.transaction(), tx.contentHash(), links.get(i)));
    }
    assertThat(log.after(0, Integer.MAX_VALUE)).isEqualTo(expected);
    assertThat(log.after(links.size() / 2, 3)).isEqualTo(expected.subList(links.size() / 2,
        Math.min(links.size(), links.size() / 2 + 3)));
    if (!links.isEmpty()) {
      assertThat(log.get(links.size())).isEqualTo(expected.get(links.size() - 1));
    }
    assertThat(log.unlinked(Integer.MAX_VALUE)).isEqualTo(committed.subList(links.size(), committed.size()));
    assertThat(log.unlinked(2)).isEqualTo(committed.subList(links.size(), Math.min(committed.size(), links.size() + 2)));
  }
}
