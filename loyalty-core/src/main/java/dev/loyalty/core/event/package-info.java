/**
 * Domain events and their at-least-once delivery. The engine appends events to an {@link
 * dev.loyalty.core.spi.EventOutbox} before it marks an activity complete, and delivers them to
 * each {@link dev.loyalty.core.event.LoyaltyListener} from that listener's own position in the
 * outbox, advancing it only after the listener returned normally.
 */
package dev.loyalty.core.event;
