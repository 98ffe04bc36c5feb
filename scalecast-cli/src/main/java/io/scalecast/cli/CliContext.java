package io.scalecast.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What every command gets besides its options: where progress and notices go, and the environment (service URLs and
 * the API key), so that tests run the commands with their own.
 *
 * @param err progress and notices (stdout carries only the JSON answer)
 * @param env the environment variables
 */
record CliContext(PrintStream err, Map<String, String> env) {

    /** The warnings of an answer, each also printed on stderr, where a user watching the command sees them. */
    List<String> warned(List<String> warnings) {
        warnings.forEach(w -> err.println("warning: " + w));
        return warnings;
    }
}
