package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The dependency snippets of the README name artifacts the build makes, at the version it makes them. */
class ReadmeDependenciesTest {
  private static final Pattern DEPENDENCY = Pattern.compile(
      "<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>");

  /** groupId, artifactId, version of a pom (the parent's group and version when it names none). */
  record Coordinates(String group, String artifact, String version) {
  }

  static Coordinates coordinates(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(pom.toFile());
    Element project = doc.getDocumentElement();
    Element parent = child(project, "parent");
    String group = text(project, "groupId", parent);
    String version = text(project, "version", parent);
    return new Coordinates(group, child(project, "artifactId").getTextContent().trim(), version);
  }

  private static String text(Element project, String name, Element parent) {
    Element own = child(project, name);
    return (own != null ? own : child(parent, name)).getTextContent().trim();
  }

  private static Element child(Element e, String name) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  static List<Coordinates> snippets(String markdown) {
    List<Coordinates> out = new ArrayList<>();
    Matcher m = DEPENDENCY.matcher(markdown);
    while (m.find()) {
      out.add(new Coordinates(m.group(1).trim(), m.group(2).trim(), m.group(3).trim()));
    }
    return out;
  }

  @Test
  void everyDependencySnippetNamesALibraryModuleAtItsVersion() throws Exception {
    Path root = Path.of("..");
    List<Coordinates> libraries = new ArrayList<>();
    for (String module : List.of("loyalty-ledger", "loyalty-core", "loyalty-rules")) {
      libraries.add(coordinates(root.resolve(module).resolve("pom.xml")));
    }
    List<Coordinates> inReadme = snippets(Files.readString(root.resolve("README.md")));
    assertThat(inReadme).as("the README shows how to depend on the libraries").isNotEmpty();
    assertThat(libraries).containsAll(inReadme);
    assertThat(inReadme).extracting(Coordinates::artifact).contains("loyalty-core", "loyalty-ledger", "loyalty-rules");
  }

  @Test
  void aSnippetOfAnotherVersionIsCaught() throws IOException {
    List<Coordinates> found = snippets("""
        <dependency>
          <groupId>dev.loyalty</groupId>
          <artifactId>loyalty-core</artifactId>
          <version>9.9</version>
        </dependency>
        """);
    assertThat(found).containsExactly(new Coordinates("dev.loyalty", "loyalty-core", "9.9"));
    assertThat(found.get(0).version()).isNotEqualTo("0.1.0-SNAPSHOT");
  }
}
