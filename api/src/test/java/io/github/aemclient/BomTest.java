package io.github.aemclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM (bom/pom.xml) against the build: it manages exactly the published modules, at the project's
 * version, and carries the parent's publishing metadata (it has no parent, so nothing keeps them in step
 * but this test). A module is published when its pom uses the sources, Javadoc and API-check plugins;
 * every other module must be named in {@link #UNPUBLISHED}, so a new module cannot be forgotten.
 */
class BomTest {

    private static final Set<String> UNPUBLISHED = Set.of("bench", "it", "examples/quickstart", "bom", "tools/pit-support");
    private static final List<String> PUBLISHING_PLUGINS = List.of("maven-source-plugin", "maven-javadoc-plugin",
            "japicmp-maven-plugin");

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @Test
    void managesExactlyThePublishedModulesAtTheProjectVersion() throws Exception {
        Element parent = read(ROOT.resolve("pom.xml"));
        Element bom = read(ROOT.resolve("bom/pom.xml"));
        Set<String> published = new TreeSet<>();
        for (Element module : children(child(parent, "modules"), "module")) {
            String name = module.getTextContent().strip();
            if (UNPUBLISHED.contains(name)) {
                continue;
            }
            Element pom = read(ROOT.resolve(name).resolve("pom.xml"));
            assertThat(pluginsOf(pom)).as("module %s is published (not in UNPUBLISHED), so its pom uses", name)
                    .containsAll(PUBLISHING_PLUGINS);
            published.add(text(pom, "artifactId"));
        }

        Set<String> managed = new TreeSet<>();
        for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"),
                "dependency")) {
            assertThat(text(dependency, "groupId")).isEqualTo(text(parent, "groupId"));
            assertThat(text(dependency, "version")).isEqualTo("${project.version}");
            managed.add(text(dependency, "artifactId"));
        }

        assertThat(published).contains("aem-client-api", "aem-client-cdi");
        assertThat(managed).as("the BOM's managed artifacts").isEqualTo(published);
    }

    @Test
    void hasNoParentAndTheParentsVersionAndMetadata() throws Exception {
        Element parent = read(ROOT.resolve("pom.xml"));
        Element bom = read(ROOT.resolve("bom/pom.xml"));

        // A parent's dependencyManagement would be imported into users' builds along with the BOM's.
        assertThat(child(bom, "parent")).isNull();
        assertThat(text(bom, "groupId")).isEqualTo(text(parent, "groupId"));
        assertThat(text(bom, "version")).isEqualTo(text(parent, "version"));
        for (String element : List.of("url", "licenses", "developers", "scm")) {
            assertThat(normalized(child(bom, element))).as(element).isEqualTo(normalized(child(parent, element)));
        }
    }

    private static List<String> pluginsOf(Element pom) {
        List<String> plugins = new ArrayList<>();
        Element build = child(pom, "build");
        Element list = build == null ? null : child(build, "plugins");
        if (list != null) {
            for (Element plugin : children(list, "plugin")) {
                plugins.add(text(plugin, "artifactId"));
            }
        }
        return plugins;
    }

    private static Element read(Path pom) throws Exception {
        assertThat(pom).exists();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (var in = Files.newInputStream(pom)) {
            return factory.newDocumentBuilder().parse(in).getDocumentElement();
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && ((Element) node).getTagName().equals(name)) {
                found.add((Element) node);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        assertThat(element).as("<%s> in <%s>", name, parent.getTagName()).isNotNull();
        return element.getTextContent().strip();
    }

    /** The element's text with runs of white space made one space (the parent's scm has attributes, too). */
    private static String normalized(Element element) {
        assertThat(element).isNotNull();
        return element.getTextContent().strip().replaceAll("\\s+", " ");
    }
}
