package dev.loyalty.ledger.internal;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.LotId;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransactionType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads back a transaction from the bytes of {@link CanonicalEncoder#encode(Transaction)}, so that
 * a store can keep a transaction as the very bytes its hash-chain link covers. The inverse of the
 * encoder: {@code decode(encode(tx)).equals(tx)}. Stateless and thread-safe.
 */
public final class CanonicalDecoder {

  private final byte[] buf;
  private int pos;

  private CanonicalDecoder(byte[] buf) {
    this.buf = buf;
  }

  /**
   * The transaction encoded in {@code bytes}.
   *
   * @throws IllegalArgumentException if the bytes are not a transaction in a format this code knows
   */
  public static Transaction transaction(byte[] bytes) {
    CanonicalDecoder in = new CanonicalDecoder(bytes);
    try {
      Transaction tx = in.readTransaction();
      if (in.pos != bytes.length) {
        throw new IllegalArgumentException((bytes.length - in.pos) + " bytes left after a transaction's encoding");
      }
      return tx;
    } catch (ArrayIndexOutOfBoundsException truncated) {
      throw new IllegalArgumentException("a transaction's encoding ends early, at byte " + bytes.length, truncated);
    }
  }

  private Transaction readTransaction() {
    byte version = buf[pos++];
    if (version != CanonicalEncoder.FORMAT_VERSION && version != CanonicalEncoder.FORMAT_VERSION_REVERSED_POSTINGS) {
      throw new IllegalArgumentException("unknown canonical format version " + version);
    }
    if (buf[pos++] != 'T') {
      throw new IllegalArgumentException("not the encoding of a transaction");
    }
    TransactionId id = TransactionId.of(readLong());
    TransactionType type = TransactionType.valueOf(readString());
    IdempotencyKey key = IdempotencyKey.of(readString());
    String reason = readString();
    int metadataSize = readInt();
    Map<String, String> metadata = new HashMap<>(Math.max(4, metadataSize * 2));
    for (int i = 0; i < metadataSize; i++) {
      metadata.put(readString(), readString());
    }
    Instant effectiveAt = readInstant();
    Instant recordedAt = readInstant();
    List<Posting> postings = readPostings();
    List<Posting> pending = readPostings();
    int moves = readInt();
    List<LotMovement> lotMovements = new ArrayList<>(moves);
    for (int i = 0; i < moves; i++) {
      AccountId account = AccountId.of(readString());
      LotId lot = new LotId(TransactionId.of(readLong()), readInt());
      long amount = readLong();
      lotMovements.add(new LotMovement(account, lot, amount, readOptionalInstant()));
    }
    long hold = readLong();
    long reverses = readLong();
    List<Posting> reversedPostings = version == CanonicalEncoder.FORMAT_VERSION_REVERSED_POSTINGS
        ? readPostings() : List.of();
    if (version == CanonicalEncoder.FORMAT_VERSION_REVERSED_POSTINGS && reversedPostings.isEmpty()) {
      // the encoder writes version 2 only for a non-empty list: anything else is not canonical
      throw new IllegalArgumentException("a version 2 encoding without reversed postings");
    }
    return new Transaction(id, type, key, reason, metadata, effectiveAt, recordedAt, postings, pending, lotMovements,
        hold == 0 ? Optional.empty() : Optional.of(HoldId.of(hold)),
        reverses == 0 ? Optional.empty() : Optional.of(TransactionId.of(reverses)), reversedPostings);
  }

  private List<Posting> readPostings() {
    int n = readInt();
    List<Posting> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      AccountId account = AccountId.of(readString());
      out.add(new Posting(account, readLong()));
    }
    return out;
  }

  private Optional<Instant> readOptionalInstant() {
    return buf[pos++] == 0 ? Optional.empty() : Optional.of(readInstant());
  }

  private Instant readInstant() {
    long seconds = readLong();
    return Instant.ofEpochSecond(seconds, readInt());
  }

  private String readString() {
    int n = readInt();
    if (n < 0 || n > buf.length - pos) {
      throw new IllegalArgumentException("a string of " + n + " bytes at byte " + pos + " does not fit the encoding");
    }
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  private int readInt() {
    int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  private long readLong() {
    long high = readInt() & 0xFFFFFFFFL;
    return (high << 32) | (readInt() & 0xFFFFFFFFL);
  }
}
