package io.scalecast.core.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A learning-rate schedule descriptor (science.md section 1.2): a linear warm-up from 0 to the peak, then a shape to
 * the final rate at the last step, written in one line such as
 * {@code wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=20000,decay=exponential}.
 *
 * <p>Shapes: {@code constant}; {@code cosine} and {@code linear} from the peak to {@code final} over the steps after
 * warm-up; {@code wsd}, constant until {@code decay-start}, then a {@code decay} that is {@code linear},
 * {@code cosine} or {@code exponential} (geometric) to {@code final}; {@code step}, the peak until each of
 * {@code drops=STEP:LR/STEP:LR} sets a new rate; {@code custom}, {@code points=STEP:LR/...} linearly interpolated.
 * The warm-up rises as numpy's {@code linspace(0, peak, warmup)} does, as the Multi-Power Law repository builds it.
 *
 * @param shape the shape after warm-up
 * @param totalSteps the last step
 * @param warmupSteps steps of linear warm-up (0: none)
 * @param peakLr the rate after warm-up
 * @param finalLr the rate at the last step (cosine, linear, wsd)
 * @param decayStart the step a wsd schedule starts to decay
 * @param decay the wsd decay's shape
 * @param points the step schedule's drops or the custom schedule's breakpoints, by increasing step
 */
public record Schedule(Shape shape, int totalSteps, int warmupSteps, double peakLr, double finalLr, int decayStart,
                       Decay decay, List<Point> points) {

    /** A schedule's shape after warm-up. */
    public enum Shape { CONSTANT, COSINE, LINEAR, WSD, STEP, CUSTOM }

    /** The shape of a wsd schedule's decay. */
    public enum Decay { LINEAR, COSINE, EXPONENTIAL }

    /** One (step, learning rate) breakpoint. */
    public record Point(int step, double lr) {
    }

    private static final Map<Shape, Set<String>> KEYS = Map.of(
            Shape.CONSTANT, Set.of("peak", "steps", "warmup"),
            Shape.COSINE, Set.of("peak", "final", "steps", "warmup"),
            Shape.LINEAR, Set.of("peak", "final", "steps", "warmup"),
            Shape.WSD, Set.of("peak", "final", "steps", "warmup", "decay-start", "decay"),
            Shape.STEP, Set.of("peak", "steps", "warmup", "drops"),
            Shape.CUSTOM, Set.of("points", "steps"));

    public Schedule {
        points = List.copyOf(points);
        validate(shape, totalSteps, warmupSteps, peakLr, finalLr, decayStart, decay, points);
    }

    /**
     * Reads a descriptor; a bad one is refused with a message naming the field.
     *
     * @throws IllegalArgumentException naming the field and what it must be
     */
    public static Schedule parse(String descriptor) {
        if (descriptor == null || descriptor.isBlank()) {
            throw new IllegalArgumentException("schedule: empty; write e.g. cosine,peak=3e-4,final=3e-5,steps=24000");
        }
        String[] parts = descriptor.trim().split(",");
        Shape shape = shape(parts[0].trim());
        Map<String, String> fields = fields(shape, Arrays.copyOfRange(parts, 1, parts.length));
        List<Point> points = shape == Shape.STEP ? points(fields, "drops")
                : shape == Shape.CUSTOM ? points(fields, "points") : List.of();
        int steps = shape == Shape.CUSTOM && !fields.containsKey("steps") && !points.isEmpty()
                ? points.get(points.size() - 1).step() : integer(fields, "steps", null);
        return new Schedule(shape, steps, integer(fields, "warmup", 0), shape == Shape.CUSTOM ? Double.NaN
                : number(fields, "peak", null), fields.containsKey("final") || needsFinal(shape)
                ? number(fields, "final", null) : Double.NaN, shape == Shape.WSD ? integer(fields, "decay-start", null)
                : 0, shape == Shape.WSD ? decay(fields.getOrDefault("decay", "linear")) : null, points);
    }

    /**
     * What was wrong with a descriptor {@link #parse} refused, without the leading "schedule", for an error that
     * names the field {@code schedule} itself (e.g. {@code peak: must be > 0, was -3.0E-4}).
     */
    public static String reason(IllegalArgumentException refusal) {
        return String.valueOf(refusal.getMessage()).replaceFirst("^schedule:? ", "");
    }

    /** The learning rate of every step from 0 to {@link #totalSteps()}. */
    public LearningRates rates() {
        double[] eta = new double[totalSteps + 1];
        for (int s = 0; s <= totalSteps; s++) {
            eta[s] = shape == Shape.CUSTOM ? custom(s) : s < warmupSteps ? warmup(s) : afterWarmup(s);
        }
        return LearningRates.of(eta);
    }

    /** The same schedule with another last step (a run trained longer or shorter). */
    public Schedule withTotalSteps(int steps) {
        return new Schedule(shape, steps, warmupSteps, peakLr, finalLr, decayStart, decay, points);
    }

    /** The same WSD schedule with its decay starting at {@code step} (and so lasting to its last step). */
    public Schedule withDecayStart(int step) {
        if (shape != Shape.WSD) {
            throw new IllegalArgumentException("schedule: only a wsd schedule has a decay start, this is " + shape
                    .name().toLowerCase(Locale.ROOT));
        }
        return new Schedule(shape, totalSteps, warmupSteps, peakLr, finalLr, step, decay, points);
    }

    /** The descriptor, in the syntax {@link #parse} reads. */
    @Override
    public String toString() {
        Map<String, String> out = new LinkedHashMap<>();
        if (shape != Shape.CUSTOM) {
            out.put("peak", num(peakLr));
        }
        if (needsFinal(shape)) {
            out.put("final", num(finalLr));
        }
        out.put("steps", Integer.toString(totalSteps));
        if (warmupSteps > 0) {
            out.put("warmup", Integer.toString(warmupSteps));
        }
        if (shape == Shape.WSD) {
            out.put("decay-start", Integer.toString(decayStart));
            out.put("decay", decay.name().toLowerCase(Locale.ROOT));
        }
        if (!points.isEmpty()) {
            out.put(shape == Shape.STEP ? "drops" : "points", points.stream()
                    .map(p -> p.step() + ":" + num(p.lr())).collect(Collectors.joining("/")));
        }
        return shape.name().toLowerCase(Locale.ROOT) + out.entrySet().stream()
                .map(e -> "," + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
    }

    private double warmup(int s) {
        return warmupSteps == 1 ? 0 : peakLr * s / (warmupSteps - 1);
    }

    private double afterWarmup(int s) {
        return switch (shape) {
            case CONSTANT -> peakLr;
            case COSINE -> cosine(peakLr, finalLr, fraction(s, warmupSteps));
            case LINEAR -> linear(peakLr, finalLr, fraction(s, warmupSteps));
            case WSD -> s < decayStart ? peakLr : decayed(fraction(s, decayStart));
            case STEP -> stepped(s);
            case CUSTOM -> custom(s);
        };
    }

    private double fraction(int s, int from) {
        return totalSteps == from ? 1 : (double) (s - from) / (totalSteps - from);
    }

    private double decayed(double f) {
        return switch (decay) {
            case LINEAR -> linear(peakLr, finalLr, f);
            case COSINE -> cosine(peakLr, finalLr, f);
            case EXPONENTIAL -> Math.pow(peakLr, 1 - f) * Math.pow(finalLr, f);
        };
    }

    private double stepped(int s) {
        double lr = peakLr;
        for (Point p : points) {
            if (s >= p.step()) {
                lr = p.lr();
            }
        }
        return lr;
    }

    private double custom(int s) {
        Point first = points.get(0);
        if (s <= first.step()) {
            return first.lr();
        }
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            if (s <= b.step()) {
                return linear(a.lr(), b.lr(), (double) (s - a.step()) / (b.step() - a.step()));
            }
        }
        return points.get(points.size() - 1).lr();
    }

    private static double cosine(double from, double to, double f) {
        return to + 0.5 * (from - to) * (1 + Math.cos(Math.PI * f));
    }

    private static double linear(double from, double to, double f) {
        return from + (to - from) * f;
    }

    private static boolean needsFinal(Shape shape) {
        return shape == Shape.COSINE || shape == Shape.LINEAR || shape == Shape.WSD;
    }

    private static void validate(Shape shape, int totalSteps, int warmupSteps, double peakLr, double finalLr,
                                 int decayStart, Decay decay, List<Point> points) {
        require(shape != null, "shape", "must be given");
        require(totalSteps >= 1, "steps", "must be >= 1, was " + totalSteps);
        require(warmupSteps >= 0 && warmupSteps <= totalSteps, "warmup",
                "must be in [0, steps = " + totalSteps + "], was " + warmupSteps);
        if (shape != Shape.CUSTOM) {
            require(peakLr > 0 && Double.isFinite(peakLr), "peak", "must be > 0, was " + peakLr);
        }
        if (needsFinal(shape)) {
            require(finalLr >= 0 && finalLr <= peakLr, "final", "must be in [0, peak = " + peakLr + "], was "
                    + finalLr);
        }
        if (shape == Shape.WSD) {
            require(decayStart >= warmupSteps && decayStart <= totalSteps, "decay-start",
                    "must be in [warmup = " + warmupSteps + ", steps = " + totalSteps + "], was " + decayStart);
            require(decay != null, "decay", "must be linear, cosine or exponential");
            require(decay != Decay.EXPONENTIAL || finalLr > 0, "final", "must be > 0 for an exponential decay");
        }
        if (shape == Shape.STEP || shape == Shape.CUSTOM) {
            String field = shape == Shape.STEP ? "drops" : "points";
            require(!points.isEmpty(), field, "must list at least one STEP:LR");
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                require(p.lr() >= 0 && Double.isFinite(p.lr()), field, "learning rate at step " + p.step()
                        + " must be >= 0, was " + p.lr());
                require(p.step() >= 0 && p.step() <= totalSteps, field, "step " + p.step() + " must be in [0, steps = "
                        + totalSteps + "]");
                if (i > 0) {
                    require(p.step() > points.get(i - 1).step(), field, "steps must increase, " + p.step()
                            + " follows " + points.get(i - 1).step());
                }
            }
        }
    }

    private static void require(boolean ok, String field, String what) {
        if (!ok) {
            throw new IllegalArgumentException("schedule " + field + ": " + what);
        }
    }

    private static Shape shape(String name) {
        for (Shape s : Shape.values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("schedule shape must be one of constant, cosine, linear, wsd, step, custom;"
                + " was '" + name + "'");
    }

    private static Decay decay(String name) {
        for (Decay d : Decay.values()) {
            if (d.name().equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("schedule decay: must be linear, cosine or exponential, was '" + name + "'");
    }

    private static Map<String, String> fields(Shape shape, String[] parts) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> allowed = KEYS.get(shape);
        for (String part : parts) {
            String[] kv = part.split("=", 2);
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            if (kv.length != 2 || !allowed.contains(key)) {
                throw new IllegalArgumentException("schedule: '" + part.trim() + "' is not a field of a "
                        + shape.name().toLowerCase(Locale.ROOT) + " schedule; its fields are "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
            if (out.put(key, kv[1].trim()) != null) {
                throw new IllegalArgumentException("schedule " + key + ": given twice");
            }
        }
        return out;
    }

    private static double number(Map<String, String> fields, String key, Double fallback) {
        String v = fields.get(key);
        if (v == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("schedule " + key + ": missing");
            }
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("schedule " + key + ": not a number: '" + v + "'");
        }
    }

    private static int integer(Map<String, String> fields, String key, Integer fallback) {
        double v = number(fields, key, fallback == null ? null : fallback.doubleValue());
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("schedule " + key + ": must be a whole number of steps, was "
                    + fields.get(key));
        }
        return (int) v;
    }

    private static List<Point> points(Map<String, String> fields, String key) {
        String v = fields.get(key);
        if (v == null) {
            throw new IllegalArgumentException("schedule " + key + ": missing; write " + key + "=STEP:LR/STEP:LR");
        }
        List<Point> out = new ArrayList<>();
        for (String p : v.split("/")) {
            String[] sl = p.split(":", 2);
            if (sl.length != 2) {
                throw new IllegalArgumentException("schedule " + key + ": '" + p + "' is not STEP:LR");
            }
            Map<String, String> one = Map.of("step", sl[0].trim(), "lr", sl[1].trim());
            out.add(new Point(integerOf(one, key), numberOf(one, key)));
        }
        return out;
    }

    private static int integerOf(Map<String, String> point, String key) {
        try {
            return integer(point, "step", null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule " + key + ": step '" + point.get("step")
                    + "' is not a whole number");
        }
    }

    private static double numberOf(Map<String, String> point, String key) {
        try {
            return number(point, "lr", null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule " + key + ": learning rate '" + point.get("lr")
                    + "' is not a number");
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
