package io.scalecast.contracts.event;

/**
 * One reason an event was refused, naming the field.
 *
 * @param field the field's name as it appears in the JSON event
 * @param message what is wrong with it
 */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
