/**
 * The loyalty engine facade and its ports. A host builds a {@code LoyaltyEngine} from a program,
 * a rule engine and a ledger, feeds it activities and reads receipts, balances, statements and tier
 * progress. Nothing here depends on a rule engine implementation.
 */
package dev.loyalty.core;
