package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.SerialClaim;
import dev.loyalty.core.model.PartnerId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InvoiceRegistry} must do with the register of claimed serial numbers; a host's
 * registry extends it and gives it invoices through {@link #registryWith}: they read back equal,
 * by partner and invoice key. A claim registers a
 * serial once; claims of one serial come back in the order registered; concurrent claims of one
 * serial all land, and each sees the ones registered before it.
 */
public abstract class InvoiceRegistryContract {
  private static final Instant T0 = Instant.parse("2026-07-01T09:00:00Z");

  /** A new registry that knows no invoice and no claimed serial. Called once per test. */
  protected abstract InvoiceRegistry createRegistry();

  /**
   * A new registry that knows {@code records} (loaded in this order: of two with one partner and
   * invoice key the later counts) and no claimed serial. Called once per test.
   */
  protected abstract InvoiceRegistry registryWith(List<InvoiceRecord> records);

  private static SerialClaim claimOf(String serial, String claim, String partner) {
    return new SerialClaim(serial, ClaimId.of(claim), PartnerId.of(partner), ActorId.of("ana"), T0);
  }

  @Test
  void anEmptyRegistryKnowsNothing() {
    InvoiceRegistry registry = createRegistry();
    assertThat(registry.invoice(PartnerId.of("dealer-a"), "INV1")).isEmpty();
    assertThat(registry.claimsOf("SN1")).isEmpty();
  }

  @Test
  void invoiceRecordsReadBackEqualByPartnerAndKey() {
    Currency inr = Currency.getInstance("INR");
    InvoiceRecord first = new InvoiceRecord(PartnerId.of("dealer-a"), "INV/7", LocalDate.of(2026, 6, 30), inr,
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "1000")), Set.of());
    InvoiceRecord replaced = new InvoiceRecord(PartnerId.of("dealer-a"), "inv 7", LocalDate.of(2026, 6, 29), inr,
        List.of(InvoiceLine.of("CAB-25", "cables ✓", 8, "999.95"), InvoiceLine.of("SW-1", "switches", 1, "0.5")),
        Set.of("SN-1", "SN-2"));
    InvoiceRecord other = new InvoiceRecord(PartnerId.of("dealer-b"), "INV-7", LocalDate.of(2026, 7, 1),
        Currency.getInstance("NPR"), List.of(InvoiceLine.of("CAB-25", "cables", 1, "1")), Set.of("SN-9"));
    InvoiceRegistry registry = registryWith(List.of(first, other, replaced));
    assertThat(registry.invoice(PartnerId.of("dealer-a"), "INV7")).contains(replaced);
    assertThat(registry.invoice(PartnerId.of("dealer-b"), "INV7")).contains(other);
    assertThat(registry.invoice(PartnerId.of("dealer-c"), "INV7")).isEmpty();
    assertThat(registry.invoice(PartnerId.of("dealer-a"), "INV8")).isEmpty();
  }

  @Test
  void aClaimRegistersASerialOnceAndClaimsComeBackInOrder() {
    InvoiceRegistry registry = createRegistry();
    assertThat(registry.registerClaim(claimOf("SN1", "C-2", "dealer-b"))).isTrue();
    assertThat(registry.registerClaim(claimOf("SN1", "C-1", "dealer-a"))).isTrue();
    assertThat(registry.registerClaim(claimOf("SN1", "C-2", "dealer-b"))).isFalse();
    assertThat(registry.registerClaim(claimOf("SN2", "C-2", "dealer-b"))).isTrue();

    assertThat(registry.claimsOf("SN1")).extracting(SerialClaim::claim).containsExactly(ClaimId.of("C-2"),
        ClaimId.of("C-1"));
    assertThat(registry.claimsOf("SN2")).containsExactly(claimOf("SN2", "C-2", "dealer-b"));
  }

  @Test
  void concurrentClaimsOfOneSerialAllLand_andTheLaterSeeTheEarlier() throws Exception {
    InvoiceRegistry registry = createRegistry();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<SerialClaim>>> seen = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        SerialClaim mine = claimOf("SN1", "C-" + i, "dealer-" + i);
        seen.add(pool.submit(() -> {
          start.await();
          assertThat(registry.registerClaim(mine)).isTrue();
          assertThat(registry.registerClaim(mine)).isFalse();
          return registry.claimsOf("SN1");
        }));
      }
      start.countDown();
      Set<Integer> sizes = new HashSet<>();
      for (Future<List<SerialClaim>> s : seen) {
        sizes.add(s.get(10, TimeUnit.SECONDS).size());
      }
      assertThat(registry.claimsOf("SN1")).hasSize(threads);
      assertThat(registry.claimsOf("SN1")).extracting(SerialClaim::claim).doesNotHaveDuplicates();
      assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, threads));
    } finally {
      pool.shutdownNow();
    }
  }
}
