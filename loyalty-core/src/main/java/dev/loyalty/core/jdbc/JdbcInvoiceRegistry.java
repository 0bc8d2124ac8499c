package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.SerialClaim;
import dev.loyalty.core.jdbc.internal.ClaimJson;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.Nanos;
import dev.loyalty.core.jdbc.internal.Rows;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.InvoiceRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The manufacturer's records in PostgreSQL, for hosts that load them rather than answer from their
 * own systems: invoice records by partner and invoice key ({@code loyalty_invoice_record}, each as
 * JSON), loaded with {@link #put}, and the register of claimed serial numbers ({@code
 * loyalty_serial_claim}), where a claim registers a serial once ({@code INSERT ... ON CONFLICT DO
 * NOTHING}: of concurrent registrations all land, each once). Joins the calling thread's {@code
 * JdbcUnitOfWork} on the same data source. Thread-safe; safe for many application instances.
 */
public final class JdbcInvoiceRegistry implements InvoiceRegistry {
  private final Database db;

  private JdbcInvoiceRegistry(DataSource dataSource) {
    this.db = new Database(dataSource, "invoice registry");
  }

  /** The registry in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcInvoiceRegistry using(DataSource dataSource) {
    return new JdbcInvoiceRegistry(dataSource);
  }

  /** Adds {@code record}, or replaces the record of the same partner and invoice key; returns this. */
  public JdbcInvoiceRegistry put(InvoiceRecord record) {
    return put(List.of(requireNonNull(record, "record")));
  }

  /**
   * Adds or replaces {@code records} (a day's feed, say) in one transaction, all or nothing; of two
   * with the same partner and invoice key the later wins. Returns this.
   */
  public JdbcInvoiceRegistry put(Collection<InvoiceRecord> records) {
    List<InvoiceRecord> all = List.copyOf(requireNonNull(records, "records"));
    db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_invoice_record (partner_id, invoice_key, "
          + "record) VALUES (?, ?, ?::jsonb) ON CONFLICT (partner_id, invoice_key) DO UPDATE SET record = "
          + "excluded.record")) {
        for (InvoiceRecord record : all) {
          ps.setString(1, record.partner().value());
          ps.setString(2, record.invoiceKey());
          ps.setString(3, ClaimJson.write(record));
          ps.executeUpdate();
        }
      }
      return null;
    });
    return this;
  }

  @Override
  public Optional<InvoiceRecord> invoice(PartnerId partner, String invoiceKey) {
    requireNonNull(partner, "partner");
    requireNonNull(invoiceKey, "invoiceKey");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT record::text FROM loyalty_invoice_record "
          + "WHERE partner_id = ? AND invoice_key = ?")) {
        ps.setString(1, partner.value());
        ps.setString(2, invoiceKey);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(ClaimJson.readRecord(rs.getString(1))) : Optional.<InvoiceRecord>empty();
        }
      }
    });
  }

  @Override
  public List<SerialClaim> claimsOf(String serialKey) {
    requireNonNull(serialKey, "serialKey");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT claim_id, partner_id, claimant, claimed_ns "
          + "FROM loyalty_serial_claim WHERE serial = ? ORDER BY registered")) {
        ps.setString(1, serialKey);
        return Rows.list(ps, rs -> new SerialClaim(serialKey, ClaimId.of(rs.getString(1)),
            PartnerId.of(rs.getString(2)), ActorId.of(rs.getString(3)), Nanos.instant(rs.getBigDecimal(4))));
      }
    });
  }

  @Override
  public boolean registerClaim(SerialClaim claim) {
    requireNonNull(claim, "claim");
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_serial_claim (serial, claim_id, partner_id, "
          + "claimant, claimed_ns) VALUES (?, ?, ?, ?, ?) ON CONFLICT (serial, claim_id) DO NOTHING")) {
        ps.setString(1, claim.serial());
        ps.setString(2, claim.claim().value());
        ps.setString(3, claim.partner().value());
        ps.setString(4, claim.claimant().value());
        ps.setBigDecimal(5, Nanos.of(claim.claimedAt()));
        return ps.executeUpdate() == 1;
      }
    });
  }
}
