/**
 * The claims capability, not API: {@link dev.loyalty.core.internal.claims.Claims} (the lifecycle,
 * behind the facade), the records check, the risk figures and their robust statistics, and the
 * registration of hashed identities.
 */
package dev.loyalty.core.internal.claims;
