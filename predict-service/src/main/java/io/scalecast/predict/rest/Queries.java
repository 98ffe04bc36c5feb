package io.scalecast.predict.rest;

import java.util.regex.Pattern;

/** Parses query parameters strictly, so that a bad value gets a 400 naming it instead of a silent default. */
final class Queries {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private Queries() {
    }

    /** A lab or family name. */
    static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw QueryException.badField(field, "is required");
        }
        if (!NAME.matcher(value).matches()) {
            throw QueryException.badField(field, "must match " + NAME.pattern() + ", was '" + value + "'");
        }
        return value;
    }

    /** A finite number > 0. */
    static double positive(String field, String value) {
        if (value == null || value.isBlank()) {
            throw QueryException.badField(field, "is required");
        }
        double v;
        try {
            v = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw QueryException.badField(field, "must be a number, was '" + value + "'");
        }
        if (!(Double.isFinite(v) && v > 0)) {
            throw QueryException.badField(field, "must be finite and > 0, was " + value);
        }
        return v;
    }
}
