package io.hookgate.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code kafka.bootstrapServers} must be: a comma-separated list of {@code host:port} (an IPv6
 * host in brackets, {@code [::1]:9092}; a listener name before {@code ://} allowed), each with a port
 * of 1 to 65535. Kafka would otherwise refuse the list only when a part starts, or, for a host
 * without a port, wait for a broker it can never reach. Also the check of a command's {@code --kafka}.
 */
public final class BootstrapServers {

    private static final Pattern LISTENER = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,5}");
    private static final String EXAMPLE = "write host:port, e.g. localhost:9092";

    private BootstrapServers() {
    }

    /** Validates the list given in the file. */
    static void check(final String servers, final String path, final ConfigProblems problems) {
        problems(servers).forEach(message -> problems.add(path, message));
    }

    /** What is wrong with {@code servers}, one message per wrong entry; empty when it is a list Kafka can use. */
    public static List<String> problems(final String servers) {
        final List<String> problems = new ArrayList<>();
        if (servers.isBlank()) {
            return problems;
        }
        final String[] entries = servers.split(",", -1);
        for (String raw : entries) {
            final String entry = raw.strip();
            if (entry.isEmpty()) {
                problems.add("'" + servers + "' has an empty entry (a stray comma?)");
                continue;
            }
            entryProblem(entry).ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<String> entryProblem(final String entry) {
        final String address = LISTENER.matcher(entry).replaceFirst("");
        final int colon = address.lastIndexOf(':');
        if (colon < 0 || address.endsWith("]")) {
            return Optional.of("'" + entry + "' has no port: " + EXAMPLE);
        }
        final String host = address.substring(0, colon);
        final String port = address.substring(colon + 1);
        if (host.isEmpty() || "[]".equals(host)) {
            return Optional.of("'" + entry + "' has no host: " + EXAMPLE);
        }
        if (!DIGITS.matcher(port).matches()) {
            return Optional.of("'" + entry + "' has no port number after the colon: " + EXAMPLE);
        }
        final int number = Integer.parseInt(port);
        if (number < 1 || number > 65_535) {
            return Optional.of("'" + entry + "' has port " + number + ", outside 1..65535");
        }
        return Optional.empty();
    }
}
