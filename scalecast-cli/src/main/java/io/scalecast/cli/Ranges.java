package io.scalecast.cli;

import io.scalecast.core.fit.Interval;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Intervals as the commands print them: {@code {"lower": .., "upper": ..}}. */
final class Ranges {

    private Ranges() {
    }

    static Map<String, Double> range(Interval i) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("lower", i.lower());
        m.put("upper", i.upper());
        return m;
    }

    /** Puts the 95% percentile interval of a quantity over {@code draws} under {@code key}, when there are draws. */
    static <T> void putInterval(Map<String, Object> out, String key, List<T> draws, ToDoubleFunction<T> q) {
        if (!draws.isEmpty()) {
            out.put(key, range(Interval.percentile(draws.stream().mapToDouble(q).toArray(), 0.95)));
        }
    }
}
