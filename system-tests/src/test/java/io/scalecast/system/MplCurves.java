package io.scalecast.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Real loss curves under learning-rate schedules, as labs stream them: the 25M-parameter runs of the Multi-Power Law
 * repository (data/multipower-lr-schedules), each checkpoint with its learning rate and 491,520 tokens per step.
 */
final class MplCurves {

    /** The WSD run's plan: decay from step 20,000 to its end at 24,000. */
    static final String WSD = "wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=20000,decay=exponential";

    private MplCurves() {
    }

    /** The run's checkpoints of an MPL file in steps {@code (from, to]}, as checkpoint events with learning rates. */
    static List<String> checkpoints(String lab, String family, String run, String file, long from, long to) {
        List<String> out = new ArrayList<>();
        for (String line : lines(file)) {
            String[] f = line.split(",");
            long step = Long.parseLong(f[0].trim());
            if (step > from && step <= to) {
                out.add(String.format(Locale.ROOT, "{\"schemaVersion\":1,\"lab\":\"%s\",\"family\":\"%s\","
                        + "\"run\":\"%s\",\"params\":2.5E7,\"tokens\":%s,\"step\":%d,\"value\":%s,"
                        + "\"learningRate\":%s}", lab, family, run, Double.toString(step * 491520.0), step, f[2].trim(),
                        f[1].trim()));
            }
        }
        return out;
    }

    /** The constant and cosine runs to their end and the WSD run to step {@code wsdTo}. */
    static List<String> threeRuns(String lab, String family, long wsdTo) {
        List<String> events = new ArrayList<>();
        events.addAll(checkpoints(lab, family, "constant", "constant_24000", 0, 24000));
        events.addAll(checkpoints(lab, family, "cosine", "cosine_24000", 0, 24000));
        events.addAll(checkpoints(lab, family, "wsd", "wsd_20000_24000", 0, wsdTo));
        return events;
    }

    /** The file's rows (step, lr, loss) without its header. */
    static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of("../data/multipower-lr-schedules/csv_25/" + file + ".csv")).stream()
                    .skip(1).filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
