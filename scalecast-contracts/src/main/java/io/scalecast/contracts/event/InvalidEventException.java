package io.scalecast.contracts.event;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when an event cannot be accepted; its message names every offending field. */
public class InvalidEventException extends RuntimeException {

    private final List<Violation> violations;

    /** @param violations at least one reason */
    public InvalidEventException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /** The reasons, in field order. */
    public List<Violation> violations() {
        return violations;
    }
}
