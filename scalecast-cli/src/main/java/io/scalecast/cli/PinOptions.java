package io.scalecast.cli;

import io.scalecast.core.fit.ChinchillaPins;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that constrain a Chinchilla fit: parameters held fixed, or a reduced form. */
final class PinOptions {

    @Option(names = "--pin", paramLabel = "name=value", description = "hold a parameter fixed, e.g. alpha=0.34")
    List<String> pins = new ArrayList<>();

    @Option(names = "--form", paramLabel = "FORM",
            description = "chinchilla: full or tied-exponents; lr-schedule: tissue (default) or multi-power")
    String form;

    ChinchillaPins pins() {
        if (form != null) {
            if (!pins.isEmpty()) {
                throw new CliException("give --pin or --form, not both");
            }
            try {
                return ChinchillaPins.form(form);
            } catch (IllegalArgumentException e) {
                throw new CliException("--" + e.getMessage());
            }
        }
        Map<String, Double> pinned = new LinkedHashMap<>();
        for (String p : pins) {
            String[] kv = p.split("=", 2);
            if (kv.length != 2) {
                throw new CliException("--pin takes name=value, got '" + p + "'");
            }
            pinned.put(kv[0].trim(), Numbers.parse(kv[1], "--pin " + kv[0].trim()));
        }
        try {
            return pinned.isEmpty() ? ChinchillaPins.none() : ChinchillaPins.of(pinned);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
