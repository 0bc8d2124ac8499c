/**
 * What partners and members do that a program can reward: the sealed {@link
 * dev.loyalty.core.activity.Activity} family. Each activity carries the source system's unique id
 * and the time it happened; a program can add behaviours without code through {@link
 * dev.loyalty.core.activity.CustomActivity}.
 */
package dev.loyalty.core.activity;
