package dev.loyalty.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransactionType;
import dev.loyalty.ledger.TransferRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * The two shortcuts of a direct transfer's content hash against a fresh encoder that takes neither:
 * account ids the caller knows to be ASCII copied whole ({@code contentHash} with ASCII ids, which
 * {@code isAscii} tells), and a command's key encoded once for its fingerprint and copied for its
 * transaction. A long-lived encoder, used for fingerprints and content hashes in turn,
 * with keys that are the last one's object, another object with its text, or another text, and known
 * ids that are a shuffled part of the transaction's accounts (some as other objects with the same
 * text, which must be encoded, not copied), gives the bytes a fresh encoder gives for every one.
 */
class CanonicalEncoderKnownIdsTest {

  /** Account texts: ASCII, non-ASCII (two and three UTF-8 bytes a character), and a long one. */
  private static final List<String> ACCOUNTS = List.of("wallet:a", "wallet:bb", "dealer:ü", "rep:€-1", "issuance",
      "budget:" + "x".repeat(70), "w");

  /** One step: a transaction over some accounts, which of them the caller knows, and which key it uses. */
  record Step(List<Integer> accounts, List<Integer> known, int keyChoice, boolean copiesKnown, int movements) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<List<Integer>> accounts = Arbitraries.integers().between(0, ACCOUNTS.size() - 1).list().ofMinSize(1)
        .ofMaxSize(6);
    Arbitrary<List<Integer>> known = Arbitraries.integers().between(0, 7).list().ofMaxSize(8);
    return Combinators.combine(accounts, known, Arbitraries.integers().between(0, 2), Arbitraries.of(false, false, true),
            Arbitraries.integers().between(0, 4)).as(Step::new)
        .list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 300)
  void encodesAsAFreshEncoderDoes(@ForAll("steps") List<Step> steps) {
    CanonicalEncoder used = CanonicalEncoder.fresh();
    List<AccountId> ids = ACCOUNTS.stream().map(AccountId::of).toList();
    IdempotencyKey key = IdempotencyKey.of("key-0");
    int keys = 0;
    for (Step s : steps) {
      // 0: the last key's very object; 1: another object with its text; 2: another text
      key = switch (s.keyChoice()) {
        case 0 -> key;
        case 1 -> new IdempotencyKey(new String(key.value().toCharArray()));
        default -> IdempotencyKey.of("key-" + ++keys + "-ü".repeat(keys % 2));
      };
      List<AccountId> accounts = s.accounts().stream().map(ids::get).toList();
      TransferRequest command = TransferRequest.of(key, "earn", Entry.debit(accounts.get(0), 5),
          Entry.credit(AccountId.of(accounts.get(0).value() + "'"), 5, Expiry.never()));
      assertThat(used.fingerprint(command)).isEqualTo(CanonicalEncoder.fresh().fingerprint(command));

      Transaction tx = transaction(key, accounts, s.movements());
      AccountId[] asciiIds = new AccountId[8];
      int count = 0;
      for (int k : s.known()) {
        AccountId id = accounts.get(k % accounts.size());
        if (CanonicalEncoder.isAscii(id.value())) {
          // another object with the same text is not the transaction's: found by identity, it must be encoded
          asciiIds[count++] = s.copiesKnown() ? new AccountId(new String(id.value().toCharArray())) : id;
        }
      }
      byte[] out = new byte[40];
      used.contentHash(tx, asciiIds, count, out, 4);
      byte[] expected = new byte[40];
      CanonicalEncoder.fresh().contentHash(tx, expected, 4);
      assertThat(HexFormat.of().formatHex(out)).as("content hash of %s knowing %s", tx, s.known())
          .isEqualTo(HexFormat.of().formatHex(expected));
      // nothing of the known ids stays behind for the next encoding
      byte[] plain = new byte[32];
      used.contentHash(tx, plain, 0);
      assertThat(HexFormat.of().formatHex(plain)).isEqualTo(HexFormat.of().formatHex(expected, 4, 36));
    }
  }

  @Property(tries = 500)
  void isAsciiWhereEveryCharacterIsBelow0x80(@ForAll("texts") String text) {
    boolean model = text.chars().allMatch(c -> c < 0x80);
    assertThat(CanonicalEncoder.isAscii(text)).as("%s", text.chars().boxed().toList()).isEqualTo(model);
  }

  /** Texts around the boundaries: 0x7F, 0x80, 0xFF (still one byte inside a string), 0x100 and beyond. */
  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(Arbitraries.chars().with('a', 'Z', '0', ':', (char) 0x7F),
            Arbitraries.chars().with((char) 0x80, (char) 0xFF, (char) 0x100, '€', (char) 0xD83D))
        .list().ofMaxSize(12).map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
  }

  /** Postings of the accounts in turn, and movements of them, some with expiries. */
  private static Transaction transaction(IdempotencyKey key, List<AccountId> accounts, int movements) {
    List<Posting> postings = new ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      postings.add(new Posting(accounts.get(i), i % 2 == 0 ? -(i + 1) : i + 1));
    }
    List<LotMovement> lots = new ArrayList<>();
    for (int i = 0; i < movements; i++) {
      lots.add(new LotMovement(accounts.get(i % accounts.size()), new LotId(TransactionId.of(7), i), i + 1,
          i % 2 == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(1_800_000_000L + i * 86_400L, i))));
    }
    Instant at = Instant.ofEpochSecond(1_790_000_000L);
    return new Transaction(TransactionId.of(7), TransactionType.TRANSFER, key, "earn", Map.of(), at, at, postings,
        List.of(), lots, Optional.empty(), Optional.empty());
  }
}
