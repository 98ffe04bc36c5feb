package io.scalecast.cli;

import java.util.Locale;

/**
 * Physical checks of a row's values, so that a column in other units is a clear error rather than a confident wrong
 * law: a model of under 1,000 parameters (sizes in millions or billions), trained on under 100 tokens (token counts
 * in billions or as logarithms, D derived from FLOPs given as logarithms, or the wrong column: no real checkpoint has
 * seen less than a batch), a loss far above any per-token cross-entropy. {@code --no-checks} turns
 * them off for data that really is like that.
 */
final class Sanity {

    static final double MIN_PARAMS = 1_000;
    static final double MIN_TOKENS = 100;
    static final double MAX_LOSS = 100;

    private Sanity() {
    }

    /** Checks a row's N and D. */
    static void checkSize(CsvTable.Row row, Roles roles, double params, double tokens) {
        if (params < MIN_PARAMS) {
            throw new CliException(row.where(roles.n()) + ": N = " + row.fields()[roles.n()].trim() + " parameters"
                    + " is under 1,000: if it counts millions or billions, write 7B or 7e9 (--no-checks to fit"
                    + " anyway)");
        }
        if (tokens < MIN_TOKENS) {
            int column = roles.d() >= 0 ? roles.d() : roles.c() >= 0 ? roles.c() : roles.m();
            String why = roles.d() < 0 && roles.c() >= 0 ? " from C = 6ND: do the FLOPs look like logarithms"
                    + " (e.g. 21.3 for 2e21)?" : roles.d() >= 0 ? ": does the column count billions, or hold"
                    + " logarithms (e.g. 9.5 for 3e9)?" : ":";
            throw new CliException(row.where(column) + ": D = " + String.format(Locale.ROOT, "%.3g", tokens)
                    + " tokens" + why + " give the values themselves (--no-checks to fit anyway)");
        }
    }

    /** Checks a row's loss. */
    static void checkLoss(CsvTable.Row row, Roles roles, double loss) {
        if (loss > MAX_LOSS) {
            throw new CliException(row.where(roles.loss()) + ": loss " + row.fields()[roles.loss()].trim() + " is far"
                    + " above any per-token cross-entropy: is it a perplexity or a sum? (--no-checks to fit anyway)");
        }
    }
}
