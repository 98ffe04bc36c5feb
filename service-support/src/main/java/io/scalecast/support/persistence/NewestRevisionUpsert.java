package io.scalecast.support.persistence;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * Keeps rows of a table at their newest revision with one batched {@code INSERT ... ON CONFLICT} per call: a row
 * replaces the stored row of its natural key only when its {@code revision} is newer, so a redelivered or stale
 * observation changes nothing. One round trip per batch instead of a select and a write per row is what lets a
 * consumer keep up with a stream while fits take the processors.
 */
public final class NewestRevisionUpsert {

    private final String sql;
    private final int columns;

    /**
     * @param table the table, schema-qualified
     * @param naturalKey the unique constraint of the natural key
     * @param keyColumns the natural key's columns
     * @param valueColumns the other columns written, {@code revision} among them
     */
    public NewestRevisionUpsert(String table, String naturalKey, List<String> keyColumns, List<String> valueColumns) {
        if (!valueColumns.contains("revision")) {
            throw new IllegalArgumentException("the value columns must include revision");
        }
        List<String> all = new ArrayList<>(keyColumns);
        all.addAll(valueColumns);
        this.columns = all.size();
        String alias = table.substring(table.lastIndexOf('.') + 1);
        this.sql = "INSERT INTO " + table + " (" + String.join(", ", all) + ") VALUES ("
                + all.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") ON CONFLICT ON CONSTRAINT "
                + naturalKey + " DO UPDATE SET "
                + valueColumns.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "))
                + " WHERE " + alias + ".revision < EXCLUDED.revision";
    }

    /**
     * Writes the rows, each its key values then its other values in the constructor's column order, in the
     * transaction of {@code entities}; returns for each row whether it changed the table.
     */
    public boolean[] apply(EntityManager entities, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new boolean[0];
        }
        return entities.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bind(statement, row);
                    statement.addBatch();
                }
                int[] counts = statement.executeBatch();
                boolean[] changed = new boolean[counts.length];
                for (int i = 0; i < counts.length; i++) {
                    changed[i] = counts[i] > 0;
                }
                return changed;
            }
        });
    }

    /**
     * The items whose row changed, grouped by key in the order of their keys: each changed family is touched once
     * per batch with its count of changes, always in the same order, so two transactions cannot deadlock on their
     * rows.
     */
    public static <T> Collection<List<T>> changedByKey(List<T> items, boolean[] changed, Function<T, String> key) {
        Map<String, List<T>> out = new TreeMap<>();
        for (int i = 0; i < changed.length; i++) {
            if (changed[i]) {
                out.computeIfAbsent(key.apply(items.get(i)), k -> new ArrayList<>()).add(items.get(i));
            }
        }
        return out.values();
    }

    private void bind(PreparedStatement statement, Object[] row) throws SQLException {
        if (row.length != columns) {
            throw new IllegalArgumentException("a row has " + row.length + " values for " + columns + " columns");
        }
        for (int i = 0; i < row.length; i++) {
            Object v = row[i] instanceof Instant t ? Timestamp.from(t) : row[i];
            statement.setObject(i + 1, v);
        }
    }
}
