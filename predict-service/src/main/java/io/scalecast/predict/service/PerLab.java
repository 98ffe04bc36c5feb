package io.scalecast.predict.service;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;

/**
 * Values keyed {@code lab/...} (a compacted topic's keys), held per lab so that a request reads only its own lab's
 * however many labs there are: the dashboard asks for a lab's families every second.
 *
 * @param <V> the value held per key
 */
final class PerLab<V> {

    private final Map<String, Map<String, V>> labs = new ConcurrentHashMap<>();

    /** Holds {@code newer(old, fresh)} for the key, or {@code fresh} when none is held; returns what is held. */
    V merge(String key, V fresh, BinaryOperator<V> newer) {
        return labs.computeIfAbsent(labOf(key), l -> new ConcurrentHashMap<>()).merge(key, fresh, newer);
    }

    /** Forgets a key. */
    void remove(String key) {
        Map<String, V> lab = labs.get(labOf(key));
        if (lab != null) {
            lab.remove(key);
        }
    }

    /** The values of one lab, a live view in no order. */
    Collection<V> lab(String lab) {
        return labs.getOrDefault(lab, Map.of()).values();
    }

    /** The value of one key. */
    Optional<V> get(String key) {
        return Optional.ofNullable(labs.getOrDefault(labOf(key), Map.of()).get(key));
    }

    /** How many values are held in every lab. */
    int size() {
        return labs.values().stream().mapToInt(Map::size).sum();
    }

    /** A key's lab: the part before its first slash (lab names have none). */
    private static String labOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }
}
