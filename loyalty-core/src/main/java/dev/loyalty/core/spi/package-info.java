/**
 * Storage ports: the plain interfaces a host implements to keep the library's state in its own
 * database, each with an in-memory implementation behind a static factory. Every implementation
 * must pass the port's abstract contract suite from core's test-jar (for example {@code
 * AuditStoreContract}, {@code ApprovalStoreContract}). Implementations are thread-safe; no method
 * accepts or returns null.
 */
package dev.loyalty.core.spi;
