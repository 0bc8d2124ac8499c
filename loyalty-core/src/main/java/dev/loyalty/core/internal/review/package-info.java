/**
 * The review capability behind {@code LoyaltyEngine.approve} and {@code reject}: an activity held
 * for review waits on ledger holds, which approval posts and rejection releases. Not API.
 */
package dev.loyalty.core.internal.review;
