package io.scalecast.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a key may do within its lab: {@code read} queries laws, predictions and fit history, {@code write} sends
 * events, {@code admin} does both and manages the lab's keys and fit configuration.
 */
public enum Role {
    READ, WRITE, ADMIN;

    /** The role's name in events, requests and messages. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a key of this role may call an endpoint that needs {@code needed}. */
    public boolean grants(Role needed) {
        return this == ADMIN || this == needed;
    }

    /** The role called {@code name}, or empty for an unknown name. */
    public static Optional<Role> parse(String name) {
        for (Role r : values()) {
            if (r.wireName().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
