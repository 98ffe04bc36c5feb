package io.scalecast.cli;

import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.plan.LawComparison;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./scalecast compare}: whether two Chinchilla fits' laws differ at a target, and which scales better. */
@Command(name = "compare", description = "Compare two Chinchilla fits at a target: the loss difference with its 95%%"
        + " interval from paired bootstrap draws, a test of equal exponents, and the call in words.")
final class CompareCommand implements JsonCommand {

    @Option(names = "--fit", paramLabel = "FIT.json", required = true, description = "a Chinchilla fit with a"
            + " bootstrap; give two, the baseline first")
    List<Path> fits;

    @Option(names = "--params", paramLabel = "N", required = true, description = "the target's parameters")
    String params;

    @Option(names = "--tokens", paramLabel = "D", required = true, description = "the target's tokens")
    String tokens;

    @Override
    public Map<String, Object> answer() {
        if (fits.size() != 2) {
            throw new CliException("give --fit twice (the baseline first), was " + fits.size());
        }
        double n = Numbers.positive(params, "--params");
        double d = Numbers.positive(tokens, "--tokens");
        FitFile.Uncertain<ChinchillaLaw> first = FitFile.read(fits.get(0)).chinchilla();
        FitFile.Uncertain<ChinchillaLaw> second = FitFile.read(fits.get(1)).chinchilla();
        String firstName = name(fits.get(0));
        String secondName = name(fits.get(1));
        LawComparison.Result r;
        try {
            r = LawComparison.compare(firstName, first.estimate(), first.draws(), secondName, second.estimate(),
                    second.draws(), n, d);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + " (fit with --bootstrap)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("params", n);
        out.put("tokens", d);
        out.put("first", Map.of("fit", firstName, "loss", r.lossFirst(), "alpha", r.exponentsFirst()[0], "beta",
                r.exponentsFirst()[1]));
        out.put("second", Map.of("fit", secondName, "loss", r.lossSecond(), "alpha", r.exponentsSecond()[0], "beta",
                r.exponentsSecond()[1]));
        out.put("difference", r.difference());
        out.put("interval", Ranges.range(r.interval()));
        out.put("differenceP", r.differenceP());
        out.put("exponentsChiSquare", r.exponentsChiSquare());
        out.put("exponentsP", r.exponentsP());
        out.put("crossoverParams", r.crossoverParams());
        out.put("untilParams", r.untilParams());
        out.put("draws", r.draws());
        out.put("verdict", r.verdict().label());
        out.put("answer", r.words());
        return out;
    }

    private static String name(Path fit) {
        String file = fit.getFileName().toString();
        return file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
    }
}
