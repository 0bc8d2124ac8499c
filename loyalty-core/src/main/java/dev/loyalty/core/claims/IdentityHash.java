package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An identifying detail, hashed: SHA-256 (hex) of the program's salt, the kind and the normalised
 * value, so that the library can find two participants with the same detail without keeping the
 * detail itself. A host that hashes on its own side passes the hash it computed ({@link #of(String)}).
 *
 * @param hex 64 lower-case hexadecimal digits; never null
 */
public record IdentityHash(String hex) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public IdentityHash {
    requireNonNull(hex, "hex");
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("an identity hash is 64 lower-case hexadecimal digits, got '" + hex + "'");
    }
  }

  /** A hash the host computed. */
  public static IdentityHash of(String hex) {
    return new IdentityHash(hex);
  }

  /**
   * The hash of {@code value} of {@code kind} with {@code salt}: SHA-256 over the salt's bytes (as
   * hex), the kind's name and the {@linkplain IdentityKind#normalize normalised} value.
   *
   * @throws IllegalArgumentException if the value has nothing left once normalised, or the salt is
   *                                  shorter than 16 bytes
   */
  public static IdentityHash of(byte[] salt, IdentityKind kind, String value) {
    requireNonNull(salt, "salt");
    requireNonNull(kind, "kind");
    requireNonNull(value, "value");
    if (salt.length < 16) {
      throw new IllegalArgumentException("an identity salt must be at least 16 bytes, got " + salt.length);
    }
    String normalized = kind.normalize(value);
    if (normalized.isEmpty()) {
      throw new IllegalArgumentException("the " + kind.label() + " '" + value + "' has nothing left once normalised ("
          + "the digits of a phone, an e-mail without white space, the letters and digits of the others)");
    }
    return new IdentityHash(ClaimTexts.sha256(HexFormat.of().formatHex(salt), kind.name(), normalized));
  }

  /** The first 12 digits, enough to tell hashes apart in a sentence. */
  public String shortForm() {
    return hex.substring(0, 12);
  }
}
