/**
 * The integrators' command line ({@code java -jar examples/target/loyalty.jar}): validate, simulate,
 * generate, whatif and demo, on picocli. {@link dev.loyalty.examples.cli.LoyaltyCli} documents the
 * commands and exit codes; the README shows them.
 */
package dev.loyalty.examples.cli;
