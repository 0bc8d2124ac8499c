/**
 * A property-based kit for integrators' test suites: {@link
 * dev.loyalty.rules.testing.LoyaltyArbitraries} draws the domain's values, channels and streams of
 * activities with jqwik, and {@link dev.loyalty.rules.testing.ReportInvariants} states what every
 * program's simulation must satisfy, so a suite can prove its own DRL keeps points, caps and budgets
 * right for any stream. Needs jqwik ({@code net.jqwik:jqwik-api}, an optional dependency of
 * loyalty-rules) on the class path. See docs/SIMULATION.md.
 */
package dev.loyalty.rules.testing;
