package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.SerialClaim;
import dev.loyalty.core.model.PartnerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link InvoiceRegistry#inMemory()}: invoices by partner and key, and the claims of each serial
 * number in the order registered. Thread-safe; a host loads its records with {@link #put}.
 */
public final class InMemoryInvoiceRegistry implements InvoiceRegistry {

  private record Key(PartnerId partner, String invoice) {
  }

  private final Map<Key, InvoiceRecord> invoices = new ConcurrentHashMap<>();
  private final Map<String, List<SerialClaim>> serials = new ConcurrentHashMap<>();

  InMemoryInvoiceRegistry() {
  }

  /** Adds {@code record}, or replaces the record of the same partner and invoice key; returns this. */
  public InMemoryInvoiceRegistry put(InvoiceRecord record) {
    requireNonNull(record, "record");
    invoices.put(new Key(record.partner(), record.invoiceKey()), record);
    return this;
  }

  @Override
  public Optional<InvoiceRecord> invoice(PartnerId partner, String invoiceKey) {
    requireNonNull(partner, "partner");
    requireNonNull(invoiceKey, "invoiceKey");
    return Optional.ofNullable(invoices.get(new Key(partner, invoiceKey)));
  }

  @Override
  public List<SerialClaim> claimsOf(String serialKey) {
    requireNonNull(serialKey, "serialKey");
    List<SerialClaim> claims = serials.get(serialKey);
    if (claims == null) {
      return List.of();
    }
    synchronized (claims) {
      return List.copyOf(claims);
    }
  }

  @Override
  public boolean registerClaim(SerialClaim claim) {
    requireNonNull(claim, "claim");
    List<SerialClaim> claims = serials.computeIfAbsent(claim.serial(), s -> new ArrayList<>());
    synchronized (claims) {
      if (claims.stream().anyMatch(c -> c.claim().equals(claim.claim()))) {
        return false;
      }
      claims.add(claim);
      return true;
    }
  }
}
