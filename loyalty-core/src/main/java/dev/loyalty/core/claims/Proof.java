package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a claimant offers as proof of a sale: the id of a document the host keeps (a scanned
 * invoice, a delivery note), and the serial numbers of the units sold, if the products have any.
 * The library keeps the reference, never the document.
 *
 * @param documentId    the host's id of the proof document; 1-100 characters; never null
 * @param serialNumbers the units' serial numbers, each 1-100 characters, no two alike once letters
 *                      and digits are compared without case; at most 10,000; never null
 */
public record Proof(String documentId, List<String> serialNumbers) {
  /** The most serial numbers one claim may list. */
  public static final int MAX_SERIALS = 10_000;

  public Proof {
    ClaimTexts.requireId(documentId, "document id");
    serialNumbers = List.copyOf(requireNonNull(serialNumbers, "serialNumbers"));
    if (serialNumbers.size() > MAX_SERIALS) {
      throw new IllegalArgumentException("proof " + documentId + " lists " + serialNumbers.size()
          + " serial numbers; at most " + MAX_SERIALS);
    }
    Set<String> keys = new HashSet<>();
    for (String serial : serialNumbers) {
      ClaimTexts.requireId(serial, "serial number");
      String key = ClaimTexts.key(serial);
      if (key.isEmpty()) {
        throw new IllegalArgumentException("serial number '" + serial + "' has no letters or digits");
      }
      if (!keys.add(key)) {
        throw new IllegalArgumentException("proof " + documentId + " lists serial number " + serial + " twice");
      }
    }
  }

  /** A proof document without serial numbers. */
  public static Proof document(String documentId) {
    return new Proof(documentId, List.of());
  }

  /** A proof document with the units' serial numbers. */
  public static Proof of(String documentId, String... serialNumbers) {
    return new Proof(documentId, List.of(serialNumbers));
  }

  /** The serial numbers as they are compared: letters and digits, upper-cased. */
  public List<String> serialKeys() {
    return serialNumbers.stream().map(ClaimTexts::key).toList();
  }

  /** The key {@code serial} is compared by: its letters and digits, upper-cased. */
  public static String serialKey(String serial) {
    return ClaimTexts.key(requireNonNull(serial, "serial"));
  }
}
