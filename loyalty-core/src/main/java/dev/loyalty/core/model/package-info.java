/**
 * The vocabulary of a B2B channel program: partners (organisations) and members (individuals),
 * the activities they report, and money. Every type is an immutable record or enum, validated
 * when built; nothing accepts or returns null.
 */
package dev.loyalty.core.model;
