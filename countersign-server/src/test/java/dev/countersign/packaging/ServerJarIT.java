package dev.countersign.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.Test;

/**
 * The server jar ships no test doubles: neither the Slack emulator nor the load generator, as classes of its own or
 * as nested jars. (Failsafe runs after {@code package}, so this reads the jar the build just made.)
 */
class ServerJarIT {

    private static final Path JAR = Path.of("target", "countersign.jar");

    @Test
    void carriesTheServerAndTheCoreButNoEmulatorOrLoadGenerator() throws IOException {
        // given
        assertThat(JAR).as("the build's server jar").isRegularFile();

        // when
        List<String> entries = entries(JAR);
        List<String> nestedClasses = nestedClasses(JAR);

        // then
        assertThat(entries)
                .contains("BOOT-INF/classes/dev/countersign/Countersign.class")
                .anyMatch(entry -> entry.matches("BOOT-INF/lib/countersign-core.*\\.jar"))
                .noneMatch(entry -> entry.contains("dev/countersign/emulator/"))
                .noneMatch(entry -> entry.contains("dev/countersign/bench/"))
                .noneMatch(entry -> entry.matches("BOOT-INF/lib/(slack-emulator|countersign-bench).*"));
        assertThat(nestedClasses)
                .contains("dev/countersign/approval/ApprovalRequest.class")
                .noneMatch(entry -> entry.startsWith("dev/countersign/emulator/"))
                .noneMatch(entry -> entry.startsWith("dev/countersign/bench/"));
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Collections.list(file.entries()).stream()
                    .map(JarEntry::getName)
                    .toList();
        }
    }

    /** Every class in the jars nested under BOOT-INF/lib that are ours (dev.countersign). */
    private static List<String> nestedClasses(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> classes = new java.util.ArrayList<>();
            for (JarEntry entry : Collections.list(file.entries())) {
                if (!entry.getName().startsWith("BOOT-INF/lib/countersign")) {
                    continue;
                }
                try (JarInputStream nested = new JarInputStream(file.getInputStream(entry))) {
                    for (JarEntry inner = nested.getNextJarEntry(); inner != null; inner = nested.getNextJarEntry()) {
                        classes.add(inner.getName());
                    }
                }
            }
            return classes;
        }
    }
}
