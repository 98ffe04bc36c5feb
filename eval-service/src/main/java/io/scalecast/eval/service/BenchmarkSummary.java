package io.scalecast.eval.service;

import io.scalecast.eval.model.EvalPoint;
import java.util.List;
import java.util.Objects;

/**
 * What eval-service holds for one benchmark and metric of a family.
 *
 * @param benchmark the benchmark
 * @param metric the metric
 * @param runs distinct runs
 * @param points results
 * @param minValue the lowest value
 * @param maxValue the highest value
 * @param chance the chance level sent with the results, if any
 */
public record BenchmarkSummary(String benchmark, String metric, int runs, int points, double minValue,
                               double maxValue, Double chance) {

    static BenchmarkSummary of(String benchmark, String metric, List<EvalPoint> points) {
        int runs = (int) points.stream().map(p -> p.run).distinct().count();
        double min = points.stream().mapToDouble(p -> p.value).min().orElse(Double.NaN);
        double max = points.stream().mapToDouble(p -> p.value).max().orElse(Double.NaN);
        Double chance = points.stream().map(p -> p.chance).filter(Objects::nonNull).findFirst().orElse(null);
        return new BenchmarkSummary(benchmark, metric, runs, points.size(), min, max, chance);
    }
}
