package io.scalecast.ingest.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.scalecast.support.recovery.RepublishScope;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/** Reads a table's rows of a lab or family in id order, a page at a time, as a republish of observations does. */
public final class ScopedPages {

    private ScopedPages() {
    }

    /** Reads the page of at most {@code limit} rows after {@code afterId}. */
    @FunctionalInterface
    public interface Pager<R> {
        List<R> after(long afterId, int limit);
    }

    /**
     * Hands every row {@code pager} reads to {@code action}, in id order, {@code limit} rows at a time, so that a
     * republish of a large lab never holds more than one page in memory.
     */
    public static <R> void forEach(Pager<R> pager, ToLongFunction<R> id, int limit, Consumer<R> action) {
        long after = 0;
        List<R> page;
        do {
            page = pager.after(after, limit);
            for (R row : page) {
                action.accept(row);
                after = id.applyAsLong(row);
            }
        } while (page.size() == limit);
    }

    /** The first {@code limit} rows in {@code scope} with an id above {@code afterId}, in id order. */
    public static <R> List<R> after(PanacheRepository<R> rows, RepublishScope scope, long afterId, int limit) {
        StringBuilder query = new StringBuilder("id > ?1");
        List<Object> params = new ArrayList<>(List.of(afterId));
        if (scope.lab() != null) {
            params.add(scope.lab());
            query.append(" and lab = ?").append(params.size());
        }
        if (scope.family() != null) {
            params.add(scope.family());
            query.append(" and family = ?").append(params.size());
        }
        return rows.find(query.append(" order by id").toString(), params.toArray()).page(0, limit).list();
    }
}
