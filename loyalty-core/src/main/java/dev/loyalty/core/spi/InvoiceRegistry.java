package dev.loyalty.core.spi;

import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.SerialClaim;
import dev.loyalty.core.model.PartnerId;
import java.util.List;
import java.util.Optional;

/**
 * The manufacturer's records a claim is checked against: the invoices it knows of (from its ERP,
 * its distributors' sell-out feeds) and the register of serial numbers claimed so far (like a
 * warranty register). A host implements it over its own systems; {@link #inMemory()} is a register
 * the host loads with {@link InMemoryInvoiceRegistry#put}.
 *
 * <p>Contract (the abstract {@code InvoiceRegistryContract} in core's test-jar checks it):
 * implementations are thread-safe; {@link #registerClaim} is atomic and idempotent per serial and
 * claim, also against writers in other processes: of two claims registering one serial at once,
 * each sees the other afterwards, and the one registered second sees the first in {@link
 * #claimsOf} called after its own registration. No method accepts or returns null.
 */
public interface InvoiceRegistry {

  /** An empty register in memory; load invoices with {@link InMemoryInvoiceRegistry#put}. */
  static InMemoryInvoiceRegistry inMemory() {
    return new InMemoryInvoiceRegistry();
  }

  /**
   * The record of {@code partner}'s invoice whose key (letters and digits of its number,
   * upper-cased) is {@code invoiceKey}.
   */
  Optional<InvoiceRecord> invoice(PartnerId partner, String invoiceKey);

  /** Every claim of the serial number whose key is {@code serialKey}, in the order registered. */
  List<SerialClaim> claimsOf(String serialKey);

  /**
   * Registers {@code claim} of its serial number, unless that claim registered that serial before.
   *
   * @return whether it was registered now
   */
  boolean registerClaim(SerialClaim claim);
}
