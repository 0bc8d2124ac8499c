/**
 * Claims for sales: what a partner (or member) claims ({@link dev.loyalty.core.claims.ClaimSubmission}
 * with its {@link dev.loyalty.core.claims.Proof}), the claim as it stands ({@link
 * dev.loyalty.core.claims.Claim}: its {@link dev.loyalty.core.claims.ClaimStatus}, history, risk
 * flags and points), the manufacturer's records it is checked against ({@link
 * dev.loyalty.core.claims.InvoiceRecord}, {@link dev.loyalty.core.claims.RecordCheck}, {@link
 * dev.loyalty.core.claims.SerialClaim}), hashed identities ({@link
 * dev.loyalty.core.claims.IdentityHash}, {@link dev.loyalty.core.claims.IdentityKind}, {@link
 * dev.loyalty.core.claims.IdentityRecord} with when it was registered), and the risk figures the
 * rules judge ({@link dev.loyalty.core.claims.ClaimFacts} and its parts, among them the wallets'
 * {@link dev.loyalty.core.claims.BalanceDrain} and the participants' {@link
 * dev.loyalty.core.claims.IdentityChange}s). The engine's facade runs claims ({@code
 * LoyaltyEngine.submitClaim}, {@code approveClaim}, ...); refusals are {@link
 * dev.loyalty.core.claims.ClaimException}s with a code the audit log records.
 *
 * <p>Everything here is immutable and thread-safe; nothing accepts or returns null. See
 * docs/CLAIMS.md.
 */
package dev.loyalty.core.claims;
