/**
 * The recording capability behind {@code LoyaltyEngine.record}: checks, the earning plan (rules,
 * risk, budget cuts) and the one transfer that posts an activity's awards. Not API.
 */
package dev.loyalty.core.internal.recording;
