package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a Maven Central user expects of each library jar, checked on the jars {@code mvn package}
 * built (examples is the last module of the reactor, so they are there): an Automatic-Module-Name,
 * a sources jar holding the sources and a javadoc jar holding the API's pages and not the internals.
 */
class PackagingIT {

  @ParameterizedTest
  @CsvSource({
      "loyalty-ledger, dev.loyalty.ledger, dev/loyalty/ledger/Ledger",
      "loyalty-core, dev.loyalty.core, dev/loyalty/core/LoyaltyEngine",
      "loyalty-rules, dev.loyalty.rules, dev/loyalty/rules/DroolsRuleEngine"})
  void eachLibraryJarHasItsModuleNameSourcesAndJavadoc(String module, String moduleName, String mainType)
      throws IOException {
    Path target = Path.of("..", module, "target");
    String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    Path jar = target.resolve(module + "-" + version + ".jar");
    assertThat(jar).as("built by mvn package").exists();
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo(moduleName);
      assertThat(file.getEntry(mainType + ".class")).isNotNull();
    }
    try (JarFile sources = new JarFile(target.resolve(module + "-" + version + "-sources.jar").toFile())) {
      assertThat(sources.getEntry(mainType + ".java")).isNotNull();
    }
    try (JarFile javadoc = new JarFile(target.resolve(module + "-" + version + "-javadoc.jar").toFile())) {
      assertThat(javadoc.getEntry("index.html")).isNotNull();
      // under the module's name (the jar's Automatic-Module-Name) since javadoc sees a named module
      assertThat(javadoc.getEntry(moduleName + "/" + mainType + ".html")).isNotNull();
      assertThat(javadoc.stream().map(e -> e.getName()).filter(n -> n.contains("/internal/")))
          .as("internals are not API").isEmpty();
    }
    assertThat(Files.size(target.resolve(module + "-" + version + "-javadoc.jar"))).isPositive();
  }
}
