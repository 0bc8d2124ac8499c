/**
 * The manual adjustments capability, not API: {@link
 * dev.loyalty.core.internal.adjustments.Adjustments}, maker-checker through {@code Approvals} and
 * one ledger transfer per approved adjustment.
 */
package dev.loyalty.core.internal.adjustments;
