/**
 * The simulation's moving parts that are not API: its clock and the tally a run keeps while it
 * records. Not for hosts; may change in any release.
 */
package dev.loyalty.core.simulation.internal;
