package dev.loyalty.rules.internal;

import dev.loyalty.rules.RuleProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;

/**
 * The trust check: DRL is Java that runs inside the host with all of its permissions, so a rule set
 * that is not trusted may use the fact vocabulary and the plain-value parts of the JDK (java.lang,
 * java.math, java.time, java.util, java.text) and nothing that reaches outside them: files (java.io,
 * java.nio), the network, reflection, threads, {@code System}, {@code Runtime}, processes, class
 * loading, the engine's own internals ({@code drools}, {@code kcontext}, org.kie, org.drools), the
 * wall clock or randomness (an outcome must follow from the facts alone), the ledger, the stores, or
 * any other library. A host that trusts a rule set's authors installs it with {@code
 * RuleSet.asTrusted()}, and this check is skipped.
 *
 * <p>It reads the code as text (imports, then every identifier outside strings and comments),
 * resolving type names through the file's imports as Drools would: a name it cannot resolve is left
 * to Drools, which refuses it anyway. It is a guard against mistakes and casual misuse of an
 * integrator's DRL, not a sandbox against a determined attacker: Java offers no way to confine code
 * that runs in the host's own class loader, so a rule set from an author the host does not trust at
 * all should not be installed. Stateless.
 */
final class ReachChecks {
  private static final String ALLOWED = "rules may use the facts and the plain values of java.lang, java.math, "
      + "java.time, java.util and java.text only; install a rule set you trust with RuleSet.asTrusted() to lift "
      + "this (docs/RULES.md, \"Trust\")";
  private static final Pattern QUALIFIED = Pattern.compile(
      "(?<![\\w$.])((?:java|javax|jdk|sun|com|org|net|io|dev|jakarta)(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)+)");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$])([A-Za-z_$][\\w$]*)");
  private static final Pattern IMPORT_OR_PACKAGE = Pattern.compile("(?m)^[ \\t]*(import|package)\\b[^;\\n]*;?");
  private static final List<String> ALLOWED_PACKAGES = List.of("java.lang", "java.math", "java.time",
      "java.time.format", "java.time.temporal", "java.time.chrono", "java.util", "java.util.function",
      "java.util.stream", "java.util.regex", "java.text", "dev.loyalty.core.activity", "dev.loyalty.core.model",
      "dev.loyalty.core.program", "dev.loyalty.core.rules", "dev.loyalty.core.performance", "dev.loyalty.core.claims",
      "dev.loyalty.rules.facts",
      "dev.loyalty.rules.standard");
  private static final Map<String, String> DENIED_CLASSES = Map.ofEntries(
      Map.entry("java.lang.System", "System"), Map.entry("java.lang.Runtime", "Runtime"),
      Map.entry("java.lang.Process", "processes"), Map.entry("java.lang.ProcessBuilder", "processes"),
      Map.entry("java.lang.ProcessHandle", "processes"), Map.entry("java.lang.Thread", "threads"),
      Map.entry("java.lang.ThreadGroup", "threads"), Map.entry("java.lang.ThreadLocal", "threads"),
      Map.entry("java.lang.InheritableThreadLocal", "threads"), Map.entry("java.util.Timer", "threads"),
      Map.entry("java.util.TimerTask", "threads"), Map.entry("java.lang.Class", "reflection"),
      Map.entry("java.lang.ClassValue", "reflection"), Map.entry("java.lang.StackWalker", "reflection"),
      Map.entry("java.lang.ClassLoader", "class loading"), Map.entry("java.lang.Module", "class loading"),
      Map.entry("java.lang.ModuleLayer", "class loading"), Map.entry("java.lang.Package", "class loading"),
      Map.entry("java.util.ServiceLoader", "class loading"), Map.entry("java.lang.SecurityManager", "System"),
      Map.entry("java.time.Clock", "the wall clock"), Map.entry("java.time.InstantSource", "the wall clock"),
      Map.entry("java.util.Random", "randomness"), Map.entry("java.util.SplittableRandom", "randomness"),
      Map.entry("java.util.Scanner", "files (I/O)"), Map.entry("java.util.Properties", "files (I/O)"));
  private static final List<Map.Entry<String, String>> DENIED_PACKAGES = List.of(
      Map.entry("java.io", "files (I/O)"), Map.entry("java.nio", "files (I/O)"),
      Map.entry("java.util.zip", "files (I/O)"), Map.entry("java.util.jar", "files (I/O)"),
      Map.entry("java.util.logging", "files (I/O)"), Map.entry("java.util.prefs", "files (I/O)"),
      Map.entry("java.net", "the network"), Map.entry("java.rmi", "the network"),
      Map.entry("java.lang.reflect", "reflection"), Map.entry("java.lang.invoke", "reflection"),
      Map.entry("java.beans", "reflection"), Map.entry("java.util.concurrent", "threads"),
      Map.entry("java.lang.module", "class loading"), Map.entry("org.kie", "the rule engine's internals"),
      Map.entry("org.drools", "the rule engine's internals"));
  private static final Map<String, String> DENIED_MEMBERS = Map.ofEntries(
      Map.entry("getClass", "reflection"), Map.entry("getDeclaredMethod", "reflection"),
      Map.entry("getDeclaredMethods", "reflection"), Map.entry("getDeclaredField", "reflection"),
      Map.entry("getDeclaredFields", "reflection"), Map.entry("getDeclaredConstructor", "reflection"),
      Map.entry("getDeclaredConstructors", "reflection"), Map.entry("getMethod", "reflection"),
      Map.entry("getMethods", "reflection"), Map.entry("getField", "reflection"), Map.entry("getFields", "reflection"),
      Map.entry("getConstructor", "reflection"), Map.entry("getConstructors", "reflection"),
      Map.entry("setAccessible", "reflection"), Map.entry("invoke", "reflection"),
      Map.entry("newInstance", "reflection"), Map.entry("getClassLoader", "class loading"),
      Map.entry("getContextClassLoader", "class loading"), Map.entry("loadClass", "class loading"),
      Map.entry("defineClass", "class loading"), Map.entry("forName", "class loading"),
      Map.entry("exec", "processes"), Map.entry("parallel", "threads"), Map.entry("parallelStream", "threads"),
      Map.entry("now", "the wall clock"), Map.entry("random", "randomness"), Map.entry("randomUUID", "randomness"),
      Map.entry("setDefault", "the JVM's settings"));
  private static final Set<String> ENGINE = Set.of("drools", "kcontext");

  private ReachChecks() {
  }

  /** Reports everything in {@code file} that reaches outside what rules may use. */
  static void check(SourceFile file, PackageDescr pkg, FactTypes types) {
    for (ImportDescr imp : pkg.getImports()) {
      checkImport(file, imp, types);
    }
    for (ImportDescr imp : pkg.getFunctionImports()) {
      checkImport(file, imp, types);
    }
    String text = file.original.text();
    StringBuilder code = new StringBuilder(DrlBlanks.blank(text));
    Matcher header = IMPORT_OR_PACKAGE.matcher(code);
    while (header.find()) {
      for (int i = header.start(); i < header.end(); i++) {
        code.setCharAt(i, ' ');
      }
    }
    Map<String, Optional<Class<?>>> resolved = new HashMap<>();
    Matcher qualified = QUALIFIED.matcher(code);
    while (qualified.find()) {
      Optional<Class<?>> type = longestClass(qualified.group(1).replaceAll("\\s", ""), types);
      int at = qualified.start(1);
      type.flatMap(ReachChecks::deny).ifPresent(why -> report(file, at, "uses " + type.get().getName() + ": "
          + why));
    }
    Matcher identifier = IDENTIFIER.matcher(code);
    while (identifier.find()) {
      String name = identifier.group(1);
      int at = identifier.start(1);
      boolean member = preceding(code, at) == '.';
      if (member && DENIED_MEMBERS.containsKey(name) && following(code, identifier.end(1)) == '(') {
        report(file, at, "calls " + name + "(): " + DENIED_MEMBERS.get(name));
      } else if (!member && ENGINE.contains(name)) {
        report(file, at, "uses " + name + ": the rule engine's internals");
      } else if (!member && Character.isUpperCase(name.charAt(0))) {
        Optional<Class<?>> type = resolved.computeIfAbsent(name, types::resolve);
        type.flatMap(ReachChecks::deny).ifPresent(why -> report(file, at, "uses " + type.get().getName() + ": "
            + why));
      }
    }
  }

  private static void checkImport(SourceFile file, ImportDescr imp, FactTypes types) {
    String target = imp.getTarget().strip();
    Optional<String> why;
    String what;
    if (target.endsWith(".*")) {
      String pkg = target.substring(0, target.length() - 2);
      what = pkg;
      Optional<Class<?>> outer = types.resolve(pkg);
      why = outer.isPresent() ? deny(outer.get()) : denyPackage(pkg);
    } else {
      Optional<Class<?>> type = longestClass(target, types);
      what = type.map(Class::getName).orElse(target);
      why = type.flatMap(ReachChecks::deny);
    }
    if (why.isPresent()) {
      int offset = DrlChecker.locate(file, imp, target);
      report(file, offset, "imports " + what + ": " + why.get());
    }
  }

  /** The class a dotted name starts with ({@code java.lang.System.exit}: System), if any. */
  private static Optional<Class<?>> longestClass(String dotted, FactTypes types) {
    String[] parts = dotted.split("\\.");
    StringBuilder name = new StringBuilder();
    Optional<Class<?>> found = Optional.empty();
    for (String part : parts) {
      name.append(name.length() == 0 ? "" : ".").append(part);
      if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
        Optional<Class<?>> type = types.load(name.toString());
        if (type.isEmpty()) {
          return found;
        }
        found = type;
      } else if (found.isPresent()) {
        return found; // a member of the class found
      }
    }
    return found;
  }

  /** Why {@code type} is out of reach of untrusted rules ("files (I/O)"), or empty if rules may use it. */
  static Optional<String> deny(Class<?> type) {
    Class<?> c = type;
    while (c.isArray()) {
      c = c.getComponentType();
    }
    if (c.isPrimitive()) {
      return Optional.empty();
    }
    Class<?> outer = c;
    while (outer.getEnclosingClass() != null) {
      outer = outer.getEnclosingClass();
    }
    String denied = DENIED_CLASSES.get(outer.getName());
    if (denied != null) {
      return Optional.of(denied);
    }
    return denyPackage(outer.getPackageName());
  }

  private static Optional<String> denyPackage(String pkg) {
    for (Map.Entry<String, String> d : DENIED_PACKAGES) {
      if (pkg.equals(d.getKey()) || pkg.startsWith(d.getKey() + ".")) {
        return Optional.of(d.getValue());
      }
    }
    if (ALLOWED_PACKAGES.contains(pkg)) {
      return Optional.empty();
    }
    return Optional.of(pkg.startsWith("dev.loyalty.") ? "the SDK's engine, ledger or stores, which rules do not "
        + "reach" : "outside the fact vocabulary");
  }

  private static char preceding(CharSequence code, int at) {
    int i = at - 1;
    while (i >= 0 && Character.isWhitespace(code.charAt(i))) {
      i--;
    }
    return i < 0 ? ' ' : code.charAt(i);
  }

  private static char following(CharSequence code, int at) {
    int i = at;
    while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
      i++;
    }
    return i >= code.length() ? ' ' : code.charAt(i);
  }

  private static void report(SourceFile file, int offset, String what) {
    int line = file.original.lineOf(offset);
    file.problemAt(offset, file.ruleAt(line), RuleProblem.Kind.OUTSIDE_VOCABULARY, what + "; " + ALLOWED);
    file.blankBlockAt(line); // refused anyway: Drools need not compile it, and may report the others
  }
}
