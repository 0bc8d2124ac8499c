package dev.loyalty.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Requests that cannot be right whatever the ledger holds are refused when they are built. */
class RequestValidationTest {

  static final AccountId A = AccountId.of("a");
  static final AccountId B = AccountId.of("b");
  static final AccountId C = AccountId.of("c");
  static final IdempotencyKey K = IdempotencyKey.of("k");

  @Test
  void transfer_refusesUnbalancedEntries() {
    assertThatThrownBy(() -> TransferRequest.of(K, "x", Entry.debit(A, 10), Entry.credit(B, 9)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to -1");
  }

  /**
   * The checks join the name of what they check (a text and an id) only when they refuse: the
   * messages are what they were when the name was joined up front.
   */
  @Test
  void refusals_nameWhatTheyCheck() {
    assertThatThrownBy(() -> TransferRequest.of(K, "x", Entry.debit(A, 10), Entry.credit(B, 9)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("entries of transfer k sum to -1, not zero");
    assertThatThrownBy(() -> TransferRequest.of(K, "x", Entry.credit(A, Long.MAX_VALUE), Entry.credit(B, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entries of transfer k sum to 9223372036854775808, not zero");
    assertThatThrownBy(() -> Entry.debit(A, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("debit of a must be positive, was 0");
    assertThatThrownBy(() -> Entry.credit(B, -3, Expiry.never())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("credit of b must be positive, was -3");
    assertThatThrownBy(() -> new LotReservation(new LotId(TransactionId.of(7), 1), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("reserved amount of L7.1 must be positive, was 0");
    assertThatThrownBy(() -> PostHoldRequest.partial(K, HoldId.of(9), -1, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("posted amount of H9 must be positive, was -1");
    TransferRequest ok = TransferRequest.of(K, "x", Entry.debit(A, 1), Entry.credit(B, 1));
    java.util.Map<String, String> withNull = new java.util.HashMap<>();
    withNull.put("note", null);
    assertThatThrownBy(() -> ok.withMetadata(withNull)).isInstanceOf(NullPointerException.class)
        .hasMessage("metadata value for note");
    assertThatThrownBy(() -> ok.withMetadata(Map.of("note", "a\u0000b"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metadata value for note contains a NUL character at index 1");
    assertThatThrownBy(() -> ok.withMetadata(Map.of("note", "ab\uD800")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metadata value for note is not well-formed UTF-16: an unpaired surrogate (U+D800) at index 2");
    assertThatThrownBy(() -> ok.withMetadata(Map.of("note", "n".repeat(2_001))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metadata value for note is 2001 characters long, more than the 2000 allowed");
    assertThat(ok.withMetadata(Map.of("note", "a\uD83D\uDE00b")).metadata()).containsEntry("note", "a\uD83D\uDE00b");
  }

  @Test
  void transfer_refusesFewerThanTwoEntriesAndRepeatedAccounts() {
    assertThatThrownBy(() -> new TransferRequest(K, List.of(Entry.credit(A, 1)), "x", Map.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two");
    assertThatThrownBy(() -> TransferRequest.of(K, "x", Entry.debit(A, 10), Entry.credit(A, 10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
  }

  @Test
  void transfer_sumsEntriesExactlySoTheirOrderDecidesNothing() {
    AccountId d = AccountId.of("d");
    assertThatThrownBy(() -> TransferRequest.of(K, "x", Entry.credit(A, Long.MAX_VALUE), Entry.credit(B, 1),
        Entry.debit(C, 1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to " + Long.MAX_VALUE);
    // the same balanced entries in every order: a partial sum overflows in some, never the whole
    List<Entry> entries = List.of(Entry.credit(A, Long.MAX_VALUE), Entry.credit(B, 1), Entry.debit(C, Long.MAX_VALUE),
        Entry.debit(d, 1));
    for (List<Entry> order : List.of(entries, List.of(entries.get(2), entries.get(3), entries.get(0), entries.get(1)),
        List.of(entries.get(3), entries.get(0), entries.get(1), entries.get(2)))) {
      assertThat(new TransferRequest(K, order, "x", Map.of(), Optional.empty()).entries()).hasSize(4);
    }
    assertThat(ReversalRequest.partial(K, TransactionId.of(1), Map.of(A, Long.MAX_VALUE, B, 1L, C, -Long.MAX_VALUE,
        d, -1L), "x").postings()).hasSize(4);
  }

  @Test
  void entries_refuseZeroNegativeAndUnnegatableAmounts() {
    assertThatThrownBy(() -> Entry.debit(A, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> Entry.credit(A, -5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Entry(A, 0, Expiry.never())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zero");
    assertThatThrownBy(() -> new Entry(A, Long.MIN_VALUE, Expiry.never())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Entry(A, -5, Expiry.at(Instant.EPOCH))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot carry an expiry");
  }

  @Test
  void holds_refuseNonPositiveAmountsAndTheSameAccountOnBothSides() {
    assertThatThrownBy(() -> HoldRequest.of(K, A, B, 0, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HoldRequest.of(K, A, B, -1, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HoldRequest.of(K, A, A, 1, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to itself");
    assertThatThrownBy(() -> new PostHoldRequest(K, HoldId.of(1), OptionalLong.of(0), "x", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ids_keysAndReasonsMustBeSensibleText() {
    assertThatThrownBy(() -> AccountId.of(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    assertThatThrownBy(() -> AccountId.of("x".repeat(201))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("201");
    assertThatThrownBy(() -> IdempotencyKey.of("a\nb")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control character");
    assertThatThrownBy(() -> TransferRequest.of(K, "", Entry.debit(A, 1), Entry.credit(B, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransactionId.of(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccountId.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void metadataIsCopiedAndChecked() {
    java.util.HashMap<String, String> meta = new java.util.HashMap<>(Map.of("invoice", "INV-1"));
    TransferRequest request = TransferRequest.of(K, "x", Entry.debit(A, 1), Entry.credit(B, 1)).withMetadata(meta);
    meta.put("invoice", "changed");
    assertThat(request.metadata()).containsEntry("invoice", "INV-1");
    assertThatThrownBy(() -> request.withMetadata(Map.of("k", "v".repeat(2001))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void balance_availableIsPostedMinusPendingDebits() {
    Balance b = new Balance(A, 100, 30, 50);
    assertThat(b.available()).isEqualTo(70);
    assertThatThrownBy(() -> new Balance(A, 0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lots_stayWithinTheirBounds() {
    LotId id = new LotId(TransactionId.of(1), 0);
    assertThatThrownBy(() -> new Lot(id, A, 10, 11, 0, Optional.empty(), Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Lot(id, A, 10, 5, 6, Optional.empty(), Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storedRejectionsRebuildTheirExceptionType() {
    for (RejectionCode code : RejectionCode.values()) {
      LedgerException e = LedgerException.of(code, "m");
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).isEqualTo("m");
    }
  }
}
