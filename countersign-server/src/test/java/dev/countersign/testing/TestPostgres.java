package dev.countersign.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh databases on the machine's PostgreSQL server for tests: each call creates an empty database, dropped
 * when the JVM exits. The server is the real one ({@code ./run-tests} makes sure it runs); a test that cannot
 * reach it fails loudly instead of skipping.
 *
 * <p>Where: {@code COUNTERSIGN_TEST_PG_HOST} (default 127.0.0.1), {@code _PORT} (5432), {@code _USER} (postgres),
 * {@code _PASSWORD} (none: trust auth).
 */
public final class TestPostgres {

    private static final String HOST = env("COUNTERSIGN_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("COUNTERSIGN_TEST_PG_PORT", "5432");
    public static final String USER = env("COUNTERSIGN_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("COUNTERSIGN_TEST_PG_PASSWORD", "");

    private TestPostgres() {}

    /** Creates an empty database and returns its JDBC URL. */
    public static String freshDatabase(String purpose) {
        String name = "cs_" + purpose.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        execute("create database " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute("drop database if exists " + name + " with (force)");
            } catch (RuntimeException ignored) {
                // Best effort: a leftover test database is harmless.
            }
        }));
        return url(name);
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + HOST + ":" + PORT + " is needed for this test and did " + "not answer ("
                            + e.getMessage() + "). Run the tests with ./run-tests, which starts it.",
                    e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
