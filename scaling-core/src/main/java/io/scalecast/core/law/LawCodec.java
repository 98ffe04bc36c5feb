package io.scalecast.core.law;

import io.scalecast.core.fit.Interval;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How one kind of law is published and read back: its parameters by name in the form it is fitted in ({@code F}),
 * and the law that answers queries ({@code Q}), in whose layout its bootstrap draws are published. The one place a
 * law's names, vector and draw layout are spelled out; fit-service writes through it, predict-service, eval-service
 * and the CLI read through it.
 *
 * @param <F> the law as fitted, whose parameters are published by name
 * @param <Q> the law that answers queries, one per published draw
 */
public final class LawCodec<F, Q> {

    private final List<String> names;
    private final Function<double[], F> fromVector;
    private final Function<F, double[]> toVector;
    private final Function<F, Q> query;
    private final int drawSize;
    private final Function<double[], Q> fromDraw;
    private final Function<Q, double[]> toDraw;

    /**
     * @param names the parameter names, in the order of the fitted law's vector
     * @param fromVector the fitted law of a vector in {@code names} order
     * @param toVector the fitted law's vector in {@code names} order
     * @param query the law answering queries of a fitted law
     * @param drawSize how many numbers a published draw has
     * @param fromDraw the law answering queries of one published draw
     * @param toDraw the published draw of a law answering queries
     */
    public LawCodec(List<String> names, Function<double[], F> fromVector, Function<F, double[]> toVector,
                    Function<F, Q> query, int drawSize, Function<double[], Q> fromDraw,
                    Function<Q, double[]> toDraw) {
        this.names = List.copyOf(names);
        this.fromVector = fromVector;
        this.toVector = toVector;
        this.query = query;
        this.drawSize = drawSize;
        this.fromDraw = fromDraw;
        this.toDraw = toDraw;
    }

    /** The parameter names, in publication order. */
    public List<String> names() {
        return names;
    }

    /** How many numbers each published draw has. */
    public int drawSize() {
        return drawSize;
    }

    /** The law's parameters by name, in publication order. */
    public Map<String, Double> named(F law) {
        double[] v = toVector.apply(law);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), v[i]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The law of its published parameters; an {@link IllegalArgumentException} names the first one missing. */
    public F fromNamed(Map<String, Double> params) {
        double[] v = new double[names.size()];
        for (int i = 0; i < v.length; i++) {
            Double value = params == null ? null : params.get(names.get(i));
            if (value == null) {
                throw new IllegalArgumentException("params." + names.get(i) + ": is missing");
            }
            v[i] = value;
        }
        return fromVector.apply(v);
    }

    /** The law answering queries of a fitted law. */
    public Q query(F law) {
        return query.apply(law);
    }

    /** The law answering queries of published parameters. */
    public Q queryOf(Map<String, Double> params) {
        return query(fromNamed(params));
    }

    /** A law answering queries as one published draw. */
    public double[] draw(Q law) {
        return toDraw.apply(law);
    }

    /** The law answering queries of one published draw; an {@link IllegalArgumentException} for a wrong size. */
    public Q fromDraw(double[] draw) {
        if (draw == null || draw.length != drawSize) {
            throw new IllegalArgumentException("a draw has " + drawSize + " numbers, got "
                    + (draw == null ? "none" : draw.length));
        }
        return fromDraw.apply(draw);
    }

    /** The published draws of fitted laws (a bootstrap's), in their order. */
    public List<double[]> draws(List<F> laws) {
        return laws.stream().map(l -> draw(query(l))).toList();
    }

    /**
     * Each parameter's percentile interval at {@code level} over fitted laws (a bootstrap's draws), by name in
     * publication order; empty without laws.
     */
    public Map<String, Interval> intervals(List<F> laws, double level) {
        Map<String, Interval> out = new LinkedHashMap<>();
        if (laws.isEmpty()) {
            return out;
        }
        List<double[]> vectors = laws.stream().map(toVector).toList();
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            out.put(names.get(i), Interval.percentile(vectors.stream().mapToDouble(v -> v[index]).toArray(), level));
        }
        return out;
    }

    /** The laws of published draws; none when there are none. */
    public List<Q> fromDraws(List<double[]> draws) {
        return draws == null ? List.of() : draws.stream().map(this::fromDraw).toList();
    }
}
