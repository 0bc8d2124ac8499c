/**
 * Simulation and what-if: what a program, or a change to it, does over a whole channel before it
 * ships. {@link dev.loyalty.core.simulation.ChannelGenerator} and {@link
 * dev.loyalty.core.simulation.ActivityGenerator} make a realistic channel and its year of activity
 * from a seed; {@link dev.loyalty.core.simulation.Simulator} runs a stream through fresh in-memory
 * engines with the program's period closes and returns a {@link
 * dev.loyalty.core.simulation.SimulationReport} (points by rule and campaign, expiry, liability,
 * tiers, budgets, caps, regions, partners) or a {@link dev.loyalty.core.simulation.WhatIfReport} of
 * two programs or rule sets side by side. Works with any {@code RuleEngine}. Everything is
 * deterministic for a seed, exact, and never null; see docs/SIMULATION.md.
 */
package dev.loyalty.core.simulation;
