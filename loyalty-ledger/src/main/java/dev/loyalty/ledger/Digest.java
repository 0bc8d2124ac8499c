package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest: 32 bytes, shown as 64 lowercase hex digits. Immutable. */
public final class Digest {

  /** The "previous hash" of the first link of a chain: 32 zero bytes. */
  public static final Digest ZERO = new Digest(new byte[32]);

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Digest(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A digest of exactly 32 bytes (copied). */
  public static Digest of(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + bytes.length);
    }
    return new Digest(bytes.clone());
  }

  /** Parses 64 hex digits. */
  public static Digest ofHex(String hex) {
    requireNonNull(hex, "hex");
    if (hex.length() != 64) {
      throw new IllegalArgumentException("a SHA-256 digest has 64 hex digits, got " + hex.length());
    }
    return new Digest(HEX.parseHex(hex));
  }

  /** The 32 bytes (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Writes the 32 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, 32);
  }

  /** 64 lowercase hex digits. */
  public String toHex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
