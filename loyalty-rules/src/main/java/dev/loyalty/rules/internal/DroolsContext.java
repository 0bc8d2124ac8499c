package dev.loyalty.rules.internal;

import java.util.function.Supplier;

/**
 * Runs Drools calls with the thread's context class loader set to one that sees Drools and the fact
 * classes. {@code KieServices.Factory.get()} resolves through the context loader and caches the
 * answer for the JVM's life, so a first call under a loader that cannot see Drools would break it
 * for good (DROOLS-NOTES.md).
 */
final class DroolsContext {
  private DroolsContext() {
  }

  static <T> T call(ClassLoader loader, Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
