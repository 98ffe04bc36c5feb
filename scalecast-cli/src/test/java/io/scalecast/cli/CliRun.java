package io.scalecast.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One run of {@code ./scalecast} in the test's process, with the environment the test gives.
 *
 * @param code the exit code
 * @param out stdout: the JSON answer
 * @param err stderr: progress, notices and errors
 */
record CliRun(int code, String out, String err) {

    static CliRun run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ScaleCastCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out);
    }

    /** The answer as a map; a run that did not answer fails the test with its stderr. */
    Map<String, Object> answer() throws Exception {
        if (code != 0) {
            throw new AssertionError("exit " + code + ": " + err);
        }
        return new ObjectMapper().readValue(out, new TypeReference<>() { });
    }
}
