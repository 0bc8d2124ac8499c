package dev.loyalty.rules.internal;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the checker knows about Java types: resolving a DRL type name through the file's imports,
 * and the fields a condition can read the way Drools reads them (a {@code getX()} or {@code isX()}
 * getter, a record-style {@code x()} method, or a public field).
 */
final class FactTypes {
  private static final Set<String> NOT_FIELDS = Set.of("getClass", "hashCode", "toString", "clone", "notify",
      "notifyAll", "wait", "finalize");

  private final ClassLoader loader;
  private final String pkg;
  private final List<String> imports;
  private final Set<String> declared;
  private final Set<String> functions;

  FactTypes(ClassLoader loader, String pkg, List<String> imports, Set<String> declared, Set<String> functions) {
    this.loader = loader;
    this.pkg = pkg;
    this.imports = imports;
    this.declared = declared;
    this.functions = functions;
  }

  /** Whether {@code name} is a DRL function or an imported static function (not a field). */
  boolean isFunction(String name) {
    return functions.contains(name);
  }

  /** Whether {@code name} is a type declared in DRL ({@code declare}), which the checker skips. */
  boolean isDeclared(String name) {
    return declared.contains(name) || declared.contains(simpleName(name));
  }

  /** The class DRL means by {@code name} in this file, if it can be loaded. */
  Optional<Class<?>> resolve(String name) {
    String raw = name.replaceAll("<.*>", "").replace("[]", "").strip();
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    List<String> candidates = new ArrayList<>();
    String first = raw.contains(".") ? raw.substring(0, raw.indexOf('.')) : raw;
    String rest = raw.contains(".") ? raw.substring(raw.indexOf('.')) : "";
    candidates.add(raw);
    for (String imp : imports) {
      if (imp.endsWith(".*")) {
        candidates.add(imp.substring(0, imp.length() - 1) + raw);
      } else if (imp.equals(first) || imp.endsWith("." + first)) {
        candidates.add(imp + rest);
      }
    }
    if (!pkg.isEmpty()) {
      candidates.add(pkg + "." + raw);
    }
    candidates.add("java.lang." + raw);
    for (String candidate : candidates) {
      Optional<Class<?>> found = load(candidate);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The class named {@code qualified} ({@code a.b.Outer.Inner} too), if the loader has it. */
  Optional<Class<?>> load(String qualified) {
    String name = qualified;
    // Outer.Inner is Outer$Inner to the class loader: try each dot from the right.
    while (true) {
      try {
        return Optional.of(Class.forName(name, false, loader));
      } catch (ClassNotFoundException | LinkageError e) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
          return Optional.empty();
        }
        name = name.substring(0, dot) + "$" + name.substring(dot + 1);
      }
    }
  }

  /** A readable field: its name and Java type. */
  record Property(String name, Type type) {
    Class<?> raw() {
      return rawClass(type);
    }
  }

  /** The field {@code name} of {@code type} as Drools would read it. */
  static Optional<Property> property(Class<?> type, String name) {
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String capital = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (String candidate : List.of("get" + capital, "is" + capital, name)) {
      Optional<Method> m = noArgMethod(type, candidate);
      if (m.isPresent() && (!candidate.startsWith("is") || candidate.equals(name)
          || m.get().getReturnType() == boolean.class || m.get().getReturnType() == Boolean.class)) {
        return Optional.of(new Property(name, m.get().getGenericReturnType()));
      }
    }
    try {
      Field field = type.getField(name);
      if (!Modifier.isStatic(field.getModifiers())) {
        return Optional.of(new Property(name, field.getGenericType()));
      }
    } catch (NoSuchFieldException e) {
      // not a field either
    }
    return Optional.empty();
  }

  /** The public methods of {@code type} called {@code name}, any arity. */
  static List<Method> methods(Class<?> type, String name) {
    return Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name)).toList();
  }

  /** The fields of {@code type} as a DRL author would write them, sorted. */
  static Set<String> propertyNames(Class<?> type) {
    Set<String> names = new TreeSet<>();
    for (Method m : type.getMethods()) {
      if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getReturnType() == void.class
          || NOT_FIELDS.contains(m.getName()) || m.isBridge() || m.isSynthetic()) {
        continue;
      }
      String n = m.getName();
      if (n.startsWith("get") && n.length() > 3 && Character.isUpperCase(n.charAt(3))) {
        names.add(Character.toLowerCase(n.charAt(3)) + n.substring(4));
      } else if (n.startsWith("is") && n.length() > 2 && Character.isUpperCase(n.charAt(2))
          && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
        names.add(Character.toLowerCase(n.charAt(2)) + n.substring(3));
      } else {
        names.add(n);
      }
    }
    for (Field f : type.getFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        names.add(f.getName());
      }
    }
    return names;
  }

  /** The type of {@code type}'s elements ({@code List<E>}: E, {@code Map<K, V>}: V), if known. */
  static Optional<Type> elementType(Type type) {
    Class<?> raw = rawClass(type);
    if (raw.isArray()) {
      return Optional.of(raw.getComponentType());
    }
    if (type instanceof GenericArrayType g) {
      return Optional.of(g.getGenericComponentType());
    }
    if (type instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      if (Map.class.isAssignableFrom(raw) && args.length == 2) {
        return Optional.of(args[1]);
      }
      if (List.class.isAssignableFrom(raw) && args.length == 1) {
        return Optional.of(args[0]);
      }
    }
    return Optional.empty();
  }

  static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return rawClass(p.getRawType());
    }
    if (type instanceof GenericArrayType g) {
      return java.lang.reflect.Array.newInstance(rawClass(g.getGenericComponentType()), 0).getClass();
    }
    return Object.class;
  }

  private static Optional<Method> noArgMethod(Class<?> type, String name) {
    try {
      Method m = type.getMethod(name);
      return Modifier.isStatic(m.getModifiers()) || m.getReturnType() == void.class ? Optional.empty()
          : Optional.of(m);
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  static String simpleName(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }
}
