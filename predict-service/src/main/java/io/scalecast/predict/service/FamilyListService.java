package io.scalecast.predict.service;

import io.scalecast.contracts.event.DownstreamLaw;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.contracts.event.RunForecast;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Lists a lab's families from what predict-service holds: a family is listed once it has a law or a run forecast (a
 * family of one model size has forecasts and no law of N and D).
 */
@ApplicationScoped
public class FamilyListService {

    private final LawStore laws;
    private final DownstreamStore maps;
    private final ForecastStore forecasts;

    public FamilyListService(LawStore laws, DownstreamStore maps, ForecastStore forecasts) {
        this.laws = laws;
        this.maps = maps;
        this.forecasts = forecasts;
    }

    /** The lab's families by name, with their data size, law and map versions and forecast runs. */
    public List<FamilySummary> families(String lab) {
        // One pass over each store per request, not one per family: the dashboard polls the list every second.
        Map<String, List<FittedLaw>> lawsByFamily = laws.lab(lab).stream()
                .collect(Collectors.groupingBy(FittedLaw::family));
        Map<String, List<DownstreamLaw>> mapsByFamily = maps.lab(lab).stream()
                .collect(Collectors.groupingBy(DownstreamLaw::family));
        Map<String, List<RunForecast>> forecastsByFamily = forecasts.lab(lab).stream()
                .collect(Collectors.groupingBy(RunForecast::family));
        TreeSet<String> names = new TreeSet<>(lawsByFamily.keySet());
        names.addAll(forecastsByFamily.keySet());
        return names.stream().map(family -> summary(family, lawsByFamily.getOrDefault(family, List.of()),
                mapsByFamily.getOrDefault(family, List.of()), forecastsByFamily.getOrDefault(family, List.of())))
                .toList();
    }

    private static FamilySummary summary(String family, List<FittedLaw> familyLaws, List<DownstreamLaw> familyMaps,
                                         List<RunForecast> familyForecasts) {
        List<FamilySummary.LawRef> lawRefs = familyLaws.stream()
                .map(l -> new FamilySummary.LawRef(l.law(), l.version(), l.fittedAt())).toList();
        List<FamilySummary.MapRef> mapRefs = familyMaps.stream()
                .sorted(Comparator.comparing(DownstreamLaw::benchmark))
                .map(m -> new FamilySummary.MapRef(m.benchmark(), m.version(), m.reliable())).toList();
        List<FamilySummary.RunRef> runRefs = familyForecasts.stream().sorted(Comparator.comparing(RunForecast::run))
                .map(f -> new FamilySummary.RunRef(f.run(), f.version(), f.fittedAt())).toList();
        return familyLaws.stream().map(FittedLaw::watermark)
                .max(Comparator.comparingLong(FittedLaw.Watermark::dataVersion))
                .map(w -> new FamilySummary(family, w.runs(), w.points(), lawRefs, mapRefs, runRefs))
                .orElseGet(() -> new FamilySummary(family, runRefs.size(), forecastPoints(familyForecasts), lawRefs,
                        mapRefs, runRefs));
    }

    /** The checkpoints the forecasts' laws were fitted on: each model size's fit counts once. */
    private static int forecastPoints(List<RunForecast> familyForecasts) {
        return familyForecasts.stream().collect(Collectors.toMap(RunForecast::params, f -> f.fit().points(),
                Math::max)).values().stream().mapToInt(Integer::intValue).sum();
    }
}
