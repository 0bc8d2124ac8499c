/**
 * A program's definition: tiers and their criteria, campaigns with targeting and budgets, the
 * default earn split, the expiry policy, the ledger accounts it uses and the parameters its rules
 * read. {@link dev.loyalty.core.program.ProgramLoader} reads it from JSON and refuses an invalid
 * one with every problem listed by JSON path.
 */
package dev.loyalty.core.program;
