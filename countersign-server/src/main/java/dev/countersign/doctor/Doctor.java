package dev.countersign.doctor;

import dev.countersign.CountersignProperties;
import dev.countersign.slack.SlackClients;
import dev.countersign.slack.SlackSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code countersign doctor}'s side: the checks run in a small Spring context of their own, bound from the same
 * environment variables and {@code application.yaml} as {@code serve}, so a wrong setting is found (and explained)
 * even when the server would refuse to start. The context has no web server, no dispatcher and no Socket Mode
 * connection (which would take envelopes meant for the running server), and never migrates the database: it only
 * reads Flyway's schema history, and does not create an embedded database that is not there.
 */
public final class Doctor {

    private Doctor() {}

    /**
     * Runs every check, plus a test DM to {@code dmEmail} when it is given.
     *
     * @param variables        the environment variables, as {@code serve} would see them
     * @param workingDirectory what a relative {@code COUNTERSIGN_DATA_DIR} is relative to
     */
    public static Checkup examine(Map<String, String> variables, Path workingDirectory, String dmEmail) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(Context.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .environment(environment(variables, workingDirectory));
        try (ConfigurableApplicationContext context = builder.run()) {
            SetupChecks checks = context.getBean(SetupChecks.class);
            List<Check> results = new ArrayList<>(checks.slack());
            results.addAll(checks.database());
            if (dmEmail != null) {
                results.add(checks.testDm(dmEmail));
            }
            return new Checkup(results);
        } catch (RuntimeException startFailed) {
            return new Checkup(List.of(Check.fail(
                    "configuration",
                    "Configuration",
                    rootMessage(startFailed),
                    "correct the setting named above; 'countersign serve' would refuse to start with it too")));
        }
    }

    private static ConfigurableEnvironment environment(Map<String, String> variables, Path workingDirectory) {
        StandardEnvironment environment = new StandardEnvironment();
        var sources = environment.getPropertySources();
        sources.replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
        String dataDir = variables.getOrDefault("COUNTERSIGN_DATA_DIR", "./data");
        Map<String, Object> doctor = new HashMap<>();
        doctor.put(
                "countersign.data-dir",
                workingDirectory
                        .resolve(dataDir.isBlank() ? "./data" : dataDir)
                        .toAbsolutePath()
                        .normalize()
                        .toString());
        // Quiet: what matters is in the checks. (Per logger, so that nothing else in this JVM is silenced.)
        for (String logger : List.of("org.springframework", "org.flywaydb", "com.slack", "com.zaxxer", "org.h2")) {
            doctor.put("logging.level." + logger, "warn");
        }
        sources.addFirst(new MapPropertySource("countersign-doctor", doctor));
        return environment;
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /**
     * Only what the checks need: settings, the database as configured, Flyway to read its history. Deliberately
     * not a {@code @Configuration}: the server's component scan must not find it.
     */
    @EnableConfigurationProperties({SlackSettings.class, CountersignProperties.class})
    static class Context {

        @Bean
        DataSource doctorDataSource(Environment environment) {
            String url = environment.getRequiredProperty("spring.datasource.url");
            if (url.startsWith("jdbc:h2:")) {
                url = url + ";IFEXISTS=TRUE"; // look, do not create
            }
            DriverManagerDataSource dataSource = new DriverManagerDataSource(
                    url,
                    environment.getProperty("spring.datasource.username", ""),
                    environment.getProperty("spring.datasource.password", ""));
            return dataSource;
        }

        @Bean
        SetupChecks doctorChecks(
                SlackSettings slackSettings,
                CountersignProperties properties,
                DataSource dataSource,
                Environment environment) {
            String url = environment.getRequiredProperty("spring.datasource.url");
            String vendor = DatabaseDriver.fromJdbcUrl(url).getId();
            String[] locations = Arrays.stream(environment
                            .getProperty("spring.flyway.locations", "classpath:db/migration")
                            .split(","))
                    .map(String::strip)
                    .map(location -> location.replace("{vendor}", vendor))
                    .toArray(String[]::new);
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(locations)
                    .load();
            return new SetupChecks(
                    slackSettings,
                    properties,
                    () -> SlackClients.of(slackSettings),
                    dataSource,
                    flyway,
                    null,
                    slackSettings::botToken,
                    !environment.getProperty("countersign.secret-key", "").isBlank());
        }
    }
}
