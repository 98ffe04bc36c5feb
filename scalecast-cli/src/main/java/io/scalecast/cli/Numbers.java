package io.scalecast.cli;

/** Parses numbers as data files write them: plain, scientific, or with a K/M/B/T suffix such as {@code 2.8B}. */
final class Numbers {

    private Numbers() {
    }

    static double parse(String text, String where) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new CliException(where + " is empty");
        }
        double scale = 1;
        char last = Character.toUpperCase(t.charAt(t.length() - 1));
        switch (last) {
            case 'K' -> scale = 1e3;
            case 'M' -> scale = 1e6;
            case 'B', 'G' -> scale = 1e9;
            case 'T' -> scale = 1e12;
            default -> {
            }
        }
        String digits = scale == 1 ? t : t.substring(0, t.length() - 1);
        try {
            double v = Double.parseDouble(digits) * scale;
            if (!Double.isFinite(v)) {
                throw new CliException(where + " must be finite, was '" + text + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CliException(where + " is not a number: '" + text + "'");
        }
    }

    /** A value that must be > 0, for option {@code option}. */
    static double positive(String text, String option) {
        if (text == null) {
            throw new CliException(option + " is required");
        }
        double v = parse(text, option);
        if (v <= 0) {
            throw new CliException(option + " must be > 0, was " + v);
        }
        return v;
    }
}
