package dev.loyalty.ledger.internal;

import dev.loyalty.ledger.Digest;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.ExpiryRequest;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.LedgerCommand;
import dev.loyalty.ledger.LotMovement;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.ShortfallPolicy;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.VoidHoldRequest;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stable binary encoding of transactions (for the hash chain) and of commands (for idempotency
 * fingerprints). Length-prefixed, tagged, maps in key order: two values encode the same exactly
 * when they are equal. Its format is part of the chain: change it only with a new version byte.
 *
 * <p>Not thread-safe: one instance per thread (see {@link #forThisThread()}).
 */
public final class CanonicalEncoder {

  /** Leads every encoding, so that a future format can be told apart. */
  static final byte FORMAT_VERSION = 1;
  /**
   * Leads the encoding of a reversal that records {@link Transaction#reversedPostings()}: version 1
   * with that list appended. Every other transaction keeps version 1, byte for byte, so that the
   * chain links written before version 2 existed still verify.
   */
  static final byte FORMAT_VERSION_REVERSED_POSTINGS = 2;

  private static final ThreadLocal<CanonicalEncoder> PER_THREAD = ThreadLocal.withInitial(CanonicalEncoder::new);

  private final MessageDigest sha256;
  private final CharsetEncoder strictUtf8 = StandardCharsets.UTF_8.newEncoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  /** Slots of the cache of encoded strings: a power of two. */
  private static final int CACHED = 512;
  /**
   * Longer encodings (long metadata values) are not cached: the cache keeps at most 512 strings of
   * up to 124 characters, and their encodings, per thread (about 130 KiB at most).
   */
  private static final int MAX_CACHED_BYTES = 128;

  private final String[] cachedStrings = new String[CACHED];
  private final byte[][] cachedEncodings = new byte[CACHED][];
  private byte[] buf = new byte[512];
  private final byte[] digest = new byte[32];
  private int len;

  private CanonicalEncoder() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A new encoder with an empty cache, for tests that compare it with a used one. */
  static CanonicalEncoder fresh() {
    return new CanonicalEncoder();
  }

  /** This thread's encoder. */
  public static CanonicalEncoder forThisThread() {
    return PER_THREAD.get();
  }

  /** SHA-256 of the command's canonical encoding: equal for equal requests. */
  public Digest fingerprint(LedgerCommand command) {
    reset(FORMAT_VERSION);
    encodeCommand(command);
    sha256.update(buf, 0, len);
    return finish();
  }

  /**
   * SHA-256 of the transaction's canonical encoding: its content hash, fixed when the ledger plans
   * the transaction and kept by the store beside it, so that the chain can link it without reading
   * the transaction, and any later change of the transaction shows.
   */
  public Digest contentHash(Transaction tx) {
    encodeTransaction(tx);
    sha256.update(buf, 0, len);
    return finish();
  }

  /**
   * {@link #contentHash(Transaction)} written as 32 bytes into {@code out} at {@code offset}, without
   * a {@link Digest} (and the two copies of its bytes that one costs): for a store that keeps the
   * hashes packed.
   */
  public void contentHash(Transaction tx, byte[] out, int offset) {
    encodeTransaction(tx);
    sha256.update(buf, 0, len);
    try {
      sha256.digest(out, offset, 32);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 gives 32 bytes", e);
    }
  }

  /** One chain link: SHA-256 of {@code previous} followed by the linked transaction's content hash. */
  public Digest chainLink(Digest previous, Digest contentHash) {
    previous.copyTo(digest, 0);
    sha256.update(digest);
    contentHash.copyTo(digest, 0);
    sha256.update(digest);
    return finish();
  }

  /**
   * {@link #chainLink(Digest, Digest)} on bytes: the link of the 32 bytes of {@code previous} at
   * {@code previousOffset} and the 32 of {@code content} at {@code contentOffset}, written into
   * {@code out} at {@code outOffset} (which may overlap neither input).
   */
  public void chainLink(byte[] previous, int previousOffset, byte[] content, int contentOffset, byte[] out,
      int outOffset) {
    sha256.update(previous, previousOffset, 32);
    sha256.update(content, contentOffset, 32);
    try {
      sha256.digest(out, outOffset, 32);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 gives 32 bytes", e);
    }
  }

  /**
   * A chain link as links were made before content hashes existed: SHA-256 of {@code previous}
   * followed by the transaction's canonical encoding. Only to verify such links.
   */
  public Digest legacyChainLink(Digest previous, Transaction tx) {
    encodeTransaction(tx);
    previous.copyTo(digest, 0);
    sha256.update(digest);
    sha256.update(buf, 0, len);
    return finish();
  }

  /** The canonical bytes of a transaction (a copy); for tests and external verifiers. */
  public byte[] encode(Transaction tx) {
    encodeTransaction(tx);
    return Arrays.copyOf(buf, len);
  }

  private Digest finish() {
    try {
      sha256.digest(digest, 0, 32);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
    }
    return Digest.of(digest);
  }

  private void reset(byte version) {
    len = 0;
    putByte(version);
  }

  private void encodeTransaction(Transaction tx) {
    boolean reversed = !tx.reversedPostings().isEmpty();
    reset(reversed ? FORMAT_VERSION_REVERSED_POSTINGS : FORMAT_VERSION);
    putByte('T');
    putLong(tx.id().value());
    putString(tx.type().name());
    putKey(tx.key().value());
    putString(tx.reason());
    putMetadata(tx.metadata());
    putInstant(tx.effectiveAt());
    putInstant(tx.recordedAt());
    putPostings(tx.postings());
    putPostings(tx.pending());
    List<LotMovement> lots = tx.lotMovements();
    putInt(lots.size());
    for (int i = 0; i < lots.size(); i++) {
      LotMovement m = lots.get(i);
      putString(m.account().value());
      putLong(m.lot().transaction().value());
      putInt(m.lot().index());
      putLong(m.amount());
      putOptionalInstant(m.expiresAt());
    }
    putLong(tx.hold().map(h -> h.transaction().value()).orElse(0L));
    putLong(tx.reverses().map(t -> t.value()).orElse(0L));
    if (reversed) {
      putPostings(tx.reversedPostings());
    }
  }

  private void encodeCommand(LedgerCommand command) {
    putKey(command.key().value());
    putString(command.reason());
    putMetadata(command.metadata());
    if (command instanceof TransferRequest t) {
      putByte('t');
      List<Entry> entries = t.entries();
      putInt(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        Entry e = entries.get(i);
        putString(e.account().value());
        putLong(e.amount());
        putExpiry(e.expiry());
      }
      putOptionalInstant(t.effectiveAt());
    } else if (command instanceof HoldRequest h) {
      putByte('h');
      putString(h.from().value());
      putString(h.to().value());
      putLong(h.amount());
      putExpiry(h.toExpiry());
      putOptionalInstant(h.timeoutAt());
    } else if (command instanceof PostHoldRequest p) {
      putByte('p');
      putLong(p.hold().transaction().value());
      putLong(p.amount().isPresent() ? p.amount().getAsLong() : -1);
    } else if (command instanceof VoidHoldRequest v) {
      putByte('v');
      putLong(v.hold().transaction().value());
    } else if (command instanceof ReversalRequest r) {
      // a full reversal keeps the tag and bytes it always had, so that keys stored before partial
      // reversals existed keep their fingerprints
      putByte(r.isPartial() ? 'R' : 'r');
      putLong(r.original().value());
      if (r.policy() instanceof ShortfallPolicy.BookTo b) {
        putByte('b');
        putString(b.clawbackAccount().value());
      } else {
        putByte(r.policy() == ShortfallPolicy.allowNegative() ? 'n' : 'x');
      }
      putOptionalInstant(r.effectiveAt());
      if (r.isPartial()) {
        putInt(r.postings().size());
        r.postings().forEach((account, amount) -> { // in account order: the request keeps them sorted
          putString(account.value());
          putLong(amount);
        });
      }
    } else if (command instanceof ExpiryRequest x) {
      putByte('x');
      putString(x.breakage().value());
      putInstant(x.asOf());
    } else {
      throw new IllegalArgumentException("unknown command " + command.getClass().getName());
    }
  }

  private void putExpiry(Expiry expiry) {
    if (expiry instanceof Expiry.At at) {
      putByte('a');
      putInstant(at.instant());
    } else {
      putByte(expiry == Expiry.carried() ? 'c' : 'n');
    }
  }

  private void putPostings(List<Posting> postings) {
    int n = postings.size();
    putInt(n);
    // indexed: the lists are small immutable ones, and their iterators showed in profiles
    for (int i = 0; i < n; i++) {
      Posting p = postings.get(i);
      putString(p.account().value());
      putLong(p.amount());
    }
  }

  private void putMetadata(Map<String, String> metadata) {
    putInt(metadata.size());
    if (metadata.isEmpty()) {
      return;
    }
    if (metadata.size() == 1) {
      // one entry is in key order already: no sorted copy (an engine's award names its activity, once per command)
      Map.Entry<String, String> e = metadata.entrySet().iterator().next();
      putString(e.getKey());
      putString(e.getValue());
      return;
    }
    for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
      putString(e.getKey());
      putString(e.getValue());
    }
  }

  private void putOptionalInstant(Optional<Instant> instant) {
    if (instant.isPresent()) {
      putByte(1);
      putInstant(instant.get());
    } else {
      putByte(0);
    }
  }

  private void putInstant(Instant instant) {
    putLong(instant.getEpochSecond());
    putInt(instant.getNano());
  }

  /**
   * An idempotency key's text: encoded as {@link #putString} would, but never cached, since a key
   * comes once per command (and again in its transaction, as another object where the store read
   * it back): caching it cost a copy of its bytes per encoding and evicted the account ids and
   * reasons that do come back.
   */
  private void putKey(String key) {
    putUncached(key);
  }

  private void putString(String s) {
    // The same strings come back command after command (account ids, reasons, type names), as the
    // same objects: their encoding (length prefix and bytes) is kept by identity in a small
    // direct-mapped cache, the first string met per slot, and a hit copies it whole. Strings are
    // immutable, so a string found by identity encodes as it did.
    int slot = s.hashCode() & (CACHED - 1);
    if (cachedStrings[slot] == s) {
      byte[] encoded = cachedEncodings[slot];
      ensure(encoded.length);
      System.arraycopy(encoded, 0, buf, len, encoded.length);
      len += encoded.length;
      return;
    }
    int start = len;
    putUncached(s);
    // A slot, once taken, is kept: the strings that come back on every command (type names,
    // reasons, system accounts) are met first, and more wallets than slots (1,000 in the ledger's
    // probe) took turns evicting one another and them, a copy of their bytes per miss.
    if (len - start <= MAX_CACHED_BYTES && cachedStrings[slot] == null) {
      cachedStrings[slot] = s;
      cachedEncodings[slot] = Arrays.copyOfRange(buf, start, len);
    }
  }

  private void putUncached(String s) {
    // Ids and codes are mostly ASCII: copy those in one pass, without allocating, and fall back to
    // the strict encoder at the first character that is not
    int n = s.length();
    int start = len;
    putInt(n);
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        len = start;
        putNonAscii(s);
        return;
      }
      buf[len++] = (byte) c;
    }
  }

  private void putNonAscii(String s) {
    ByteBuffer utf8;
    try {
      // strict: the ledger refuses malformed text at its boundary, so this never replaces a
      // character (getBytes would write '?' and let two different texts encode the same)
      utf8 = strictUtf8.encode(CharBuffer.wrap(s));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("text is not well-formed UTF-16: " + e.getMessage(), e);
    }
    int n8 = utf8.remaining();
    putInt(n8);
    ensure(n8);
    utf8.get(buf, len, n8);
    len += n8;
  }

  private void putByte(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  private void putInt(int v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
