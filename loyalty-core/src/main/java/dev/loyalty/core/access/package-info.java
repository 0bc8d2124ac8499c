/**
 * Access control, maker-checker and the audit log: the trust side of a program.
 *
 * <ul>
 *   <li>An {@link dev.loyalty.core.access.Actor} is what a host maps its user to: an id, {@link
 *       dev.loyalty.core.access.Role}s (see {@link dev.loyalty.core.access.Roles} for the
 *       defaults), direct {@link dev.loyalty.core.access.Permission}s, limits in points and a
 *       {@link dev.loyalty.core.access.Scope}. The library never authenticates; it authorizes.
 *   <li>An {@link dev.loyalty.core.access.Authorizer} says whether an actor may use a permission on
 *       a {@link dev.loyalty.core.access.Target} for some points, and if not, the typed
 *       {@link dev.loyalty.core.access.Refusal}.
 *   <li>{@link dev.loyalty.core.access.Approvals} is maker-checker: requests decided by one or two
 *       distinct checkers, never by their maker, at most once.
 *   <li>The {@link dev.loyalty.core.access.AuditLog} records every action, allowed or refused, in
 *       an append-only, hash-chained log that {@link dev.loyalty.core.access.AuditLog#verify()}
 *       checks.
 * </ul>
 *
 * Storage goes through the ports {@code dev.loyalty.core.spi.AuditStore} and {@code
 * dev.loyalty.core.spi.ApprovalStore}. Everything here is immutable or thread-safe, and nothing
 * accepts or returns null. See docs/CLAIMS.md.
 */
package dev.loyalty.core.access;
