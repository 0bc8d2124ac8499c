package dev.loyalty.core.spi;

/**
 * A store found a stored audit entry it cannot read back (a row edited by hand into something no
 * entry can be). {@link dev.loyalty.core.access.AuditLog#verify()} reports it as the broken
 * position instead of throwing.
 */
public final class CorruptAuditEntryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long position;

  /**
   * @param position the position of the unreadable entry
   * @param message  what is wrong with it
   * @param cause    what reading it threw; may be null
   */
  public CorruptAuditEntryException(long position, String message, Throwable cause) {
    super("audit entry " + position + " cannot be read: " + message, cause);
    this.position = position;
  }

  /** The position of the unreadable entry. */
  public long position() {
    return position;
  }
}
