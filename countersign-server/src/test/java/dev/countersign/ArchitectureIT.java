package dev.countersign;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the structure honest: the top-level packages are modules that meet only through each other's top package,
 * and each uses only the modules its {@code package-info} declares ({@code @ApplicationModule(allowedDependencies)}).
 * That the approval core is framework-free needs no test: countersign-core has nothing but the JDK to compile
 * against. The module diagrams in {@code docs/architecture/} are generated from this model and checked here.
 */
class ArchitectureIT {

    /**
     * The jar's launcher sits above every module (it starts either the server or the CLI). The emulator and the load
     * generator are test dependencies of the server, not parts of it.
     */
    private static final ApplicationModules MODULES = ApplicationModules.of(
            CountersignServer.class,
            DescribedPredicate.or(
                    JavaClass.Predicates.equivalentTo(Countersign.class),
                    JavaClass.Predicates.resideInAnyPackage("dev.countersign.emulator..", "dev.countersign.bench..")));

    /**
     * The core's modules live in countersign-core, which cannot carry Spring's annotation: their allowed
     * dependencies are stated in their package-info's Javadoc and checked here instead. (Their server-side parts,
     * the JDBC stores and wiring, are in the same modules.)
     */
    private static final Map<String, Set<String>> CORE_MODULES = Map.of(
            "approval", Set.of(),
            "delegation", Set.of("approval", "schedule"));

    private static final Path DOCS = Path.of("..", "docs", "architecture");

    @Test
    void modulesHaveNoCyclesKeepTheirSubPackagesInternalAndUseOnlyWhatTheyDeclare() {
        // given
        Set<String> names = MODULES.stream()
                .map(ApplicationModule::getIdentifier)
                .map(Object::toString)
                .collect(Collectors.toSet());

        // when / then
        assertThat(names)
                .containsExactlyInAnyOrder(
                        "access",
                        "api",
                        "approval",
                        "cli",
                        "delegation",
                        "delivery",
                        "demo",
                        "doctor",
                        "schedule",
                        "settings",
                        "slack");
        MODULES.verify();
    }

    @Test
    void coreModulesDependOnlyOnWhatTheirPackageInfoStates() {
        // given
        Map<String, Set<String>> actual = new TreeMap<>();
        for (String name : CORE_MODULES.keySet()) {
            ApplicationModule module = MODULES.getModuleByName(name).orElseThrow();
            actual.put(
                    name,
                    module.getDirectDependencies(MODULES)
                            .uniqueModules()
                            .map(ApplicationModule::getIdentifier)
                            .map(Object::toString)
                            .collect(Collectors.toSet()));
        }

        // when / then
        CORE_MODULES.forEach((name, allowed) -> assertThat(actual.get(name))
                .as("modules that %s depends on", name)
                .isSubsetOf(allowed));
    }

    @Test
    void everyServerModuleDeclaresItsAllowedDependencies() {
        // given: Modulith's default is "any module", which would leave a new dependency unnoticed
        Stream<ApplicationModule> serverModules = MODULES.stream()
                .filter(module ->
                        !CORE_MODULES.containsKey(module.getIdentifier().toString()));

        // when / then
        assertThat(serverModules)
                .allSatisfy(module -> assertThat(
                                Class.forName(module.getBasePackage().getName() + ".package-info")
                                        .getAnnotation(org.springframework.modulith.ApplicationModule.class))
                        .as("@ApplicationModule on %s's package-info", module.getIdentifier())
                        .isNotNull()
                        .satisfies(annotation -> assertThat(annotation.allowedDependencies())
                                .doesNotContain(org.springframework.modulith.ApplicationModule.OPEN_TOKEN)));
    }

    /**
     * The diagrams in docs/architecture/ are what Documenter writes for this code. After a change to the modules,
     * {@code scripts/architecture-docs.sh} writes them again.
     */
    @Test
    void moduleDiagramsInTheDocsMatchTheCode(@TempDir Path written) throws IOException {
        // given
        Path target = Boolean.getBoolean("countersign.architecture.write") ? DOCS.resolve("generated") : written;

        // when
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(target.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();

        // then
        assertThat(diagrams(DOCS.resolve("generated")))
                .as("docs/architecture/generated is out of date: run scripts/architecture-docs.sh")
                .isEqualTo(diagrams(target));
    }

    private static Map<String, String> diagrams(Path folder) throws IOException {
        Map<String, String> diagrams = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return diagrams;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                // Documenter writes components and relations in hash order: compare what is drawn, not the order.
                diagrams.put(
                        file.getFileName().toString(),
                        Files.readAllLines(file).stream().sorted().collect(Collectors.joining("\n")));
            }
        }
        return diagrams;
    }
}
