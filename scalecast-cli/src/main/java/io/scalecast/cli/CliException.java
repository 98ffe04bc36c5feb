package io.scalecast.cli;

/** A problem with the command line or the input that the user can fix; its message says what and where. */
public class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }
}
