package dev.loyalty.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.ShortfallPolicy;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints are stored with every key: a request must keep its fingerprint across versions of
 * the library, or replaying it under its key would become a conflict. The figures below were
 * computed by the library before partial reversals existed.
 */
class CanonicalEncoderCompatibilityTest {

  private final CanonicalEncoder encoder = CanonicalEncoder.forThisThread();

  @Test
  void aFullReversalKeepsTheFingerprintItHadBeforePartialReversals() {
    ReversalRequest plain = ReversalRequest.of(IdempotencyKey.of("ret-1"), TransactionId.of(5), "return");
    assertThat(encoder.fingerprint(plain).toHex())
        .isEqualTo("9db1844d08d1fd87f57f491b062b6603466581c5be4cd6cb72126cfcccb36ecb");
    assertThat(encoder.fingerprint(plain.withPolicy(ShortfallPolicy.bookTo(AccountId.of("system:clawback")))
        .withMetadata(Map.of("invoice", "INV-1"))).toHex())
        .isEqualTo("002d91bc28e6c65c762b502a1f9af48c6d8932cb0dafe7af1c859f16e9150004");
    assertThat(encoder.fingerprint(ReversalRequest.of(IdempotencyKey.of("ret-2"), TransactionId.of(7), "fraud")
        .withPolicy(ShortfallPolicy.allowNegative()).effectiveAt(Instant.parse("2026-01-02T03:04:05.123456789Z")))
        .toHex()).isEqualTo("6acce8d85c58227bd230b38b313c88644806878f5c0e9b288148cafb33bd9abd");
  }

  /**
   * Metadata of one entry (an engine's award names its activity) is encoded without a sorted copy:
   * the same bytes as before, pinned here from the build before that change (fingerprint and content
   * hash of a transfer and its transaction).
   */
  @Test
  void oneEntryOfMetadataEncodesAsBefore() {
    AccountId wallet = AccountId.of("wallet:w");
    AccountId issuance = AccountId.of("system:issuance");
    dev.loyalty.ledger.TransferRequest award = dev.loyalty.ledger.TransferRequest.of(IdempotencyKey.of("award-1"),
        "award:sale", dev.loyalty.ledger.Entry.debit(issuance, 40), dev.loyalty.ledger.Entry.credit(wallet, 40))
        .withMetadata(Map.of("activity", "sale-17 ✓"));
    dev.loyalty.ledger.Transaction tx = new dev.loyalty.ledger.Transaction(TransactionId.of(3),
        dev.loyalty.ledger.TransactionType.TRANSFER, award.key(), award.reason(), award.metadata(),
        Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:06Z"),
        java.util.List.of(new dev.loyalty.ledger.Posting(issuance, -40), new dev.loyalty.ledger.Posting(wallet, 40)),
        java.util.List.of(), java.util.List.of(), java.util.Optional.empty(), java.util.Optional.empty());
    assertThat(encoder.fingerprint(award).toHex()).isEqualTo("68cf39a9e5a754c280df77437203d5238fc7d11537772cdf97f59e168e7b14bb");
    assertThat(encoder.contentHash(tx).toHex()).isEqualTo("8f25dc561a68fc7948fc15cdfb87125d328a16da8a1f1af688b3ff00ec8f2554");
  }

  @Test
  void aPartialReversalDiffersFromTheFullOneAndFromAnotherPart() {
    IdempotencyKey key = IdempotencyKey.of("ret-1");
    AccountId wallet = AccountId.of("wallet:w");
    AccountId issuance = AccountId.of("system:issuance");
    ReversalRequest full = ReversalRequest.of(key, TransactionId.of(5), "return");
    ReversalRequest part = ReversalRequest.partial(key, TransactionId.of(5), Map.of(wallet, -10L, issuance, 10L),
        "return");
    ReversalRequest other = ReversalRequest.partial(key, TransactionId.of(5), Map.of(wallet, -11L, issuance, 11L),
        "return");
    assertThat(encoder.fingerprint(part)).isNotEqualTo(encoder.fingerprint(full)).isNotEqualTo(encoder.fingerprint(other));
    assertThat(encoder.fingerprint(ReversalRequest.partial(key, TransactionId.of(5),
        new java.util.LinkedHashMap<>(Map.of(issuance, 10L, wallet, -10L)), "return"))).isEqualTo(encoder.fingerprint(part));
  }

  @Test
  void malformedTextIsRefusedRatherThanReplaced() {
    dev.loyalty.ledger.Transaction tx = new dev.loyalty.ledger.Transaction(TransactionId.of(1),
        dev.loyalty.ledger.TransactionType.TRANSFER, IdempotencyKey.of("k"), "r", Map.of("note", "half \uD83D"),
        Instant.EPOCH, Instant.EPOCH, java.util.List.of(), java.util.List.of(), java.util.List.of(),
        java.util.Optional.empty(), java.util.Optional.empty());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> encoder.encode(tx))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("well-formed");
  }
}
