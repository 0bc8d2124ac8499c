package dev.loyalty.rules.internal;

import java.time.Duration;

/**
 * What one evaluation may take: at most {@code maxFirings} rule firings (rules re-activating each
 * other) and at most {@code timeLimit} of time. The engine's builder checks both are positive.
 *
 * @param maxFirings positive
 * @param timeLimit  positive; never null
 */
public record Limits(int maxFirings, Duration timeLimit) {
}
