/**
 * What core knows about each participant from the activities it has recorded: sales per month and
 * category, orders, certifications, the last activity, the points it earned per day, month,
 * quarter and program year per rule and campaign ({@link dev.loyalty.core.performance.EarningHistory},
 * which caps read as {@link dev.loyalty.core.performance.EarnedPoints}), and the current tier. {@link
 * dev.loyalty.core.spi.PerformanceStore} keeps it (in memory by default; a host can keep it
 * in its own database); {@link dev.loyalty.core.performance.PerformanceFigures} is the view rules
 * and tier criteria read.
 */
package dev.loyalty.core.performance;
