package dev.loyalty.core.access.internal;

import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.access.AuditRecord;
import dev.loyalty.core.access.PartnerTraits;
import dev.loyalty.ledger.Digest;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The audit log's hash chain: the canonical encoding of an entry and the link that hashes it onto
 * the previous one. Big-endian, length-prefixed UTF-8, maps in key order: two entries encode the
 * same exactly when they are equal. The format is part of every stored hash (docs/CLAIMS.md
 * describes it for external verifiers): change it only with a new version byte. Stateless and
 * thread-safe.
 */
public final class AuditChain {

  /** Leads every encoding, so that a future format can be told apart. */
  static final byte FORMAT_VERSION = 1;
  /** Says "an audit entry" after the version byte. */
  static final byte TAG = 'A';

  private AuditChain() {
  }

  /**
   * The hash of an entry with these fields following {@code previous}: SHA-256 of the 32 bytes
   * of {@code previous}, then the canonical encoding.
   */
  public static Digest link(Digest previous, long position, Instant at, AuditRecord record) {
    MessageDigest sha256 = sha256();
    sha256.update(previous.toBytes());
    sha256.update(encode(position, at, record));
    return Digest.of(sha256.digest());
  }

  /** The hash {@code entry} should have after {@code previous}. */
  public static Digest link(Digest previous, AuditEntry entry) {
    return link(previous, entry.position(), entry.at(), entry.record());
  }

  /** The canonical encoding of an entry with these fields (its hash aside). */
  public static byte[] encode(long position, Instant at, AuditRecord record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeByte(TAG);
      out.writeLong(position);
      out.writeLong(at.getEpochSecond());
      out.writeInt(at.getNano());
      string(out, record.actor().value());
      string(out, record.action());
      string(out, record.target().kind());
      string(out, record.target().id());
      if (record.target().partner().isPresent()) {
        PartnerTraits p = record.target().partner().get();
        out.writeByte(1);
        string(out, p.partner().value());
        string(out, p.type().name());
        string(out, p.region());
        string(out, p.country());
      } else {
        out.writeByte(0);
      }
      string(out, record.outcome().name());
      string(out, record.code().orElse(""));
      string(out, record.reason());
      map(out, record.before());
      map(out, record.after());
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array stream does not fail", e);
    }
    return bytes.toByteArray();
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  /** Count, then each key and value, keys in the unsigned order of their UTF-8 bytes (code point order). */
  private static void map(DataOutputStream out, Map<String, String> map) throws IOException {
    List<byte[][]> pairs = new ArrayList<>(map.size());
    map.forEach((k, v) -> pairs.add(new byte[][] {k.getBytes(StandardCharsets.UTF_8),
        v.getBytes(StandardCharsets.UTF_8)}));
    pairs.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
    out.writeInt(pairs.size());
    for (byte[][] pair : pairs) {
      out.writeInt(pair[0].length);
      out.write(pair[0]);
      out.writeInt(pair[1].length);
      out.write(pair[1]);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
