/**
 * What core knows about each participant from the activities it has recorded: sales per month and
 * category, orders, certifications, the last activity, and the current tier. {@link
 * dev.loyalty.core.spi.PerformanceStore} keeps it (in memory by default; a host can keep it
 * in its own database); {@link dev.loyalty.core.performance.PerformanceFigures} is the view rules
 * and tier criteria read.
 */
package dev.loyalty.core.performance;
