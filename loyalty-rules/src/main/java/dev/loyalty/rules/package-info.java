/**
 * Placeholder package of the {@code loyalty-rules} module; its contents arrive with the issue that
 * builds this module (see DESIGN.md).
 */
package dev.loyalty.rules;
