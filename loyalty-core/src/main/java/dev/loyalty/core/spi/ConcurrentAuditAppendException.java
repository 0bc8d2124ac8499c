package dev.loyalty.core.spi;

/**
 * Another writer appended to the audit log first, at the position an {@link AuditStore#append}
 * expected to be free; nothing was appended. The {@link dev.loyalty.core.access.AuditLog} reads the
 * new end and tries again.
 */
public final class ConcurrentAuditAppendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message names the position that was taken */
  public ConcurrentAuditAppendException(String message) {
    super(message);
  }
}
