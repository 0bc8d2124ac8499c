/** The reads capability: receipts, balances, statements, figures and tier progress. Not API. */
package dev.loyalty.core.internal.reads;
