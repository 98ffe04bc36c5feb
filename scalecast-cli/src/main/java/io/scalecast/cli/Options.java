package io.scalecast.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code --name value} options of one subcommand; an option may repeat (e.g. {@code --input}). */
final class Options {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Options() {
    }

    /** Parses {@code args}, refusing options outside {@code allowed} so that a typo is not silently ignored. */
    static Options parse(List<String> args, Set<String> allowed) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new CliException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            if (!allowed.contains(name)) {
                throw new CliException("unknown option --" + name + " (options: --" + String.join(", --", allowed) + ")");
            }
            if (i + 1 >= args.size()) {
                throw new CliException("--" + name + " needs a value");
            }
            o.values.computeIfAbsent(name, k -> new ArrayList<>()).add(args.get(++i));
        }
        return o;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    Optional<String> get(String name) {
        List<String> v = all(name);
        if (v.size() > 1) {
            throw new CliException("--" + name + " is given " + v.size() + " times; give it once");
        }
        return v.stream().findFirst();
    }

    String require(String name) {
        return get(name).orElseThrow(() -> new CliException("--" + name + " is required"));
    }

    Optional<Double> number(String name) {
        return get(name).map(v -> Numbers.parse(v, "--" + name));
    }

    Optional<Integer> integer(String name) {
        return get(name).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new CliException("--" + name + " must be a whole number, was '" + v + "'");
            }
        });
    }
}
