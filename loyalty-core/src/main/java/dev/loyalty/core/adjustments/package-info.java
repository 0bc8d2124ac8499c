/**
 * Manual adjustments: a credit or debit of a participant's points with a reason, made by one actor
 * and approved by others (maker-checker, two distinct approvers above the program's threshold),
 * posted to the ledger with the approvals in the transaction's metadata. The engine's facade runs
 * them ({@code LoyaltyEngine.requestAdjustment}, {@code approveAdjustment}, {@code
 * rejectAdjustment}); this package holds their values. Everything here is immutable and nothing
 * accepts or returns null. See docs/CLAIMS.md.
 */
package dev.loyalty.core.adjustments;
