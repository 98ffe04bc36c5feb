package io.scalecast.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct JDBC reads of the services' schemas, to assert on the rows the services really stored. */
final class Database {

    /** The database deploy/local/test.sh creates, unless DB_NAME names another. */
    static final String NAME = env("DB_NAME", "scalecast_test");

    private Database() {
    }

    /** A single long value from a query with string parameters. */
    static long count(String sql, String... params) {
        return countIn(NAME, sql, params);
    }

    /** {@link #count} in database {@code name}. */
    static long countIn(String name, String sql, String... params) {
        String url = "jdbc:postgresql://" + env("DB_HOST", "127.0.0.1") + ":" + env("DB_PORT", "5432") + "/" + name;
        try (Connection c = DriverManager.getConnection(url, env("DB_USER", "scalecast"),
                env("DB_PASSWORD", "scalecast"));
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
