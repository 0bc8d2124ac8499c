/**
 * The engine's shared plumbing, not API (it may change without notice): the one writer of the
 * activity journal ({@link dev.loyalty.core.internal.Journal}), the one appender to the event
 * outbox ({@link dev.loyalty.core.internal.Events}), the partner locks, figures and tiers, and
 * {@link dev.loyalty.core.internal.Completion}, which finishes any planned entry step by step with
 * the {@link dev.loyalty.core.internal.LedgerStep} of its kind.
 *
 * <p>Each capability the facade offers is one service class in a sub-package of its own
 * ({@code recording}, {@code review}, {@code returns}, {@code period}, {@code reads},
 * {@code recovery}, {@code claims}, {@code adjustments}, {@code setup}); {@link
 * dev.loyalty.core.internal.Audited} is how they record an actor's action in the audit log. A new capability follows the same pattern: a service class the
 * facade builds and delegates one method to, and, if it writes to the ledger, a {@code LedgerStep}
 * that the facade's dispatch gives to {@code Completion} for its entries.
 */
package dev.loyalty.core.internal;
