package io.scalecast.core.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Multi-Power Law repository's loss curves in data/multipower-lr-schedules, each with its schedule. */
public final class MultiPowerData {

    /** The curves the repository fits on. */
    public static final List<String> TRAIN = List.of("cosine_24000", "constant_24000", "wsdcon_9");
    /** The curves it tests on. */
    public static final List<String> TEST = List.of("constant_72000", "cosine_72000", "wsd_20000_24000",
            "wsdld_20000_24000", "wsdcon_3", "wsdcon_18");

    private static final Path ROOT = Path.of("../data/multipower-lr-schedules");

    private MultiPowerData() {
    }

    /** The descriptor of a file's schedule, as the repository's loader rebuilds it (the data's README). */
    public static Schedule schedule(String name) {
        String[] parts = name.split("_");
        String common = ",peak=3e-4,warmup=2160";
        return Schedule.parse(switch (parts[0]) {
            case "constant" -> "constant" + common + ",steps=" + parts[1];
            case "cosine" -> "cosine" + common + ",final=3e-5,steps=" + parts[1];
            case "wsd" -> "wsd" + common + ",final=3e-5,steps=24000,decay-start=20000,decay=exponential";
            case "wsdld" -> "wsd" + common + ",final=3e-5,steps=24000,decay-start=20000,decay=linear";
            case "wsdcon" -> "step" + common + ",steps=16000,drops=8000:" + parts[1] + "e-5";
            default -> throw new IllegalArgumentException("no schedule for " + name);
        });
    }

    /** One model size's curve ({@code size} 25 or 100), its rates from the descriptor. */
    public static LossCurve curve(int size, String name) {
        List<String> lines = lines(size, name);
        int[] steps = new int[lines.size() - 1];
        double[] loss = new double[steps.length];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split(",");
            steps[i - 1] = Integer.parseInt(f[0]);
            loss[i - 1] = Double.parseDouble(f[2]);
        }
        return new LossCurve(size + "M " + name, schedule(name).rates(), steps, loss);
    }

    /** The (step, lr) points the file logs. */
    public static double[][] logged(int size, String name) {
        List<String> lines = lines(size, name);
        double[][] out = new double[2][lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split(",");
            out[0][i - 1] = Double.parseDouble(f[0]);
            out[1][i - 1] = Double.parseDouble(f[1]);
        }
        return out;
    }

    private static List<String> lines(int size, String name) {
        try {
            return Files.readAllLines(ROOT.resolve("csv_" + size).resolve(name + ".csv")).stream()
                    .filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
