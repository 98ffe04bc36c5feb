package io.scalecast.predict.rest;

import io.scalecast.auth.error.RefusedException;
import io.scalecast.contracts.event.EventValidator;
import io.scalecast.contracts.event.FittedLaw;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses query parameters strictly, so that a bad value gets a 400 naming it instead of a silent default. */
final class Queries {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private Queries() {
    }

    /** The law a query names, {@code chinchilla} when it names none; which kinds exist is the service's to say. */
    static String law(String value) {
        return value == null ? FittedLaw.CHINCHILLA : value;
    }

    /** A family or benchmark name. */
    static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw RefusedException.badField(field, "is required");
        }
        if (!NAME.matcher(value).matches()) {
            throw RefusedException.badField(field, "must match " + NAME.pattern() + ", was '" + value + "'");
        }
        return value;
    }

    /** A run name, as checkpoints name runs. */
    static String run(String value) {
        EventValidator.runProblem(value).ifPresent(problem -> {
            throw RefusedException.badField("run", problem);
        });
        return value;
    }

    /** A comma-separated list of finite numbers > 0; empty when absent. */
    static List<Double> positives(String field, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        for (String part : value.split(",")) {
            out.add(positive(field, part));
        }
        if (out.size() > 50) {
            throw RefusedException.badField(field, "lists " + out.size() + " values; the limit is 50");
        }
        return out;
    }

    /** A whole number within [min, max]. */
    static int integer(String field, String value, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw RefusedException.badField(field, "must be a whole number, was '" + value + "'");
        }
        if (v < min || v > max) {
            throw RefusedException.badField(field, "must lie in [" + min + ", " + max + "], was " + v);
        }
        return v;
    }

    /** A finite number > 0 from a JSON body. */
    static double positive(String field, Double value) {
        if (value == null) {
            throw RefusedException.badField(field, "is required");
        }
        if (!(Double.isFinite(value) && value > 0)) {
            throw RefusedException.badField(field, "must be finite and > 0, was " + value);
        }
        return value;
    }

    /** A finite number > 0. */
    static double positive(String field, String value) {
        if (value == null || value.isBlank()) {
            throw RefusedException.badField(field, "is required");
        }
        double v;
        try {
            v = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw RefusedException.badField(field, "must be a number, was '" + value + "'");
        }
        if (!(Double.isFinite(v) && v > 0)) {
            throw RefusedException.badField(field, "must be finite and > 0, was " + value);
        }
        return v;
    }
}
