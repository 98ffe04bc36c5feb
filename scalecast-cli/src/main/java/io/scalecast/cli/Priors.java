package io.scalecast.cli;

import io.scalecast.core.fit.ChinchillaPins;
import io.scalecast.core.law.ChinchillaLaw;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gaussian priors for a Chinchilla fit: given as {@code --prior name=mean:sd}, or borrowed with {@code --prior-from}
 * from another family's fit file, whose bootstrap draws give A and α their centre and spread.
 */
final class Priors {

    private Priors() {
    }

    static List<ChinchillaPins.Prior> read(List<String> given, Optional<Path> donor) {
        List<ChinchillaPins.Prior> out = new ArrayList<>();
        donor.ifPresent(file -> out.addAll(fromDonor(file)));
        for (String g : given) {
            out.add(parse(g));
        }
        return out;
    }

    /** A and α from the donor's bootstrap draws. */
    static List<ChinchillaPins.Prior> fromDonor(Path file) {
        List<ChinchillaLaw> draws = FitFile.read(file).chinchilla().draws();
        if (draws.size() < 2) {
            throw new CliException("--prior-from " + file + ": the fit has no bootstrap draws (fit it with"
                    + " --bootstrap R), or give --prior A=mean:sd");
        }
        return ChinchillaPins.priorsOnParamsTerm(draws);
    }

    private static ChinchillaPins.Prior parse(String text) {
        String[] kv = text.split("=", 2);
        String[] ms = kv.length == 2 ? kv[1].split(":", 2) : new String[0];
        if (ms.length != 2) {
            throw new CliException("--prior takes name=mean:sd (sd relative for A, B, E), got '" + text + "'");
        }
        String name = kv[0].trim();
        try {
            return new ChinchillaPins.Prior(name, Numbers.parse(ms[0], "--prior " + name + " mean"),
                    Numbers.parse(ms[1], "--prior " + name + " sd"));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
