/** The period-close capability behind {@code LoyaltyEngine.closePeriod}: tier reviews, expiry, notices. Not API. */
package dev.loyalty.core.internal.period;
