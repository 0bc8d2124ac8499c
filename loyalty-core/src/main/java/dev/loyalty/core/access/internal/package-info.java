/**
 * Implementations behind the access API (the audit log's canonical encoding, the state an
 * approval's audit entries record); not API, may change without notice. Nothing here accepts or
 * returns null.
 */
package dev.loyalty.core.access.internal;
