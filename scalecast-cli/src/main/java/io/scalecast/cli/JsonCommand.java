package io.scalecast.cli;

import java.util.Map;

/** A command whose answer is one JSON object on stdout. */
interface JsonCommand {

    /** Runs the command; a {@link CliException} is bad usage or input, anything else a failure. */
    Map<String, Object> answer() throws Exception;
}
