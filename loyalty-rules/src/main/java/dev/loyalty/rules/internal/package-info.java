/**
 * How the Drools rule engine works inside: compiling and checking DRL, mapping Drools' errors back
 * to the author's files, sessions, listeners and the conversion of result facts. Not API; may
 * change without notice.
 */
package dev.loyalty.rules.internal;
