/**
 * Tier criteria against performance figures: who meets which tier, and exactly what a participant
 * still misses for the next one ({@link dev.loyalty.core.tier.TierProgress}).
 */
package dev.loyalty.core.tier;
