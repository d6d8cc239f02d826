package io.hookgate.bench.load;

import io.hookgate.bench.proc.ChildProcess;
import io.hookgate.bench.proc.Children;
import io.hookgate.bench.proc.JvmCommand;
import io.hookgate.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Runs a {@link LoadGenerator} to its end and reads its {@link LoadReport}. */
public final class LoadProcess {

    private static final Pattern REPORT = Pattern.compile("^REPORT (\\{.*\\})$");

    private LoadProcess() {
    }

    /** An open loop: {@code rate} signed webhooks per second for {@code seconds}. */
    public static LoadReport open(final Children children, final JvmCommand jvm, final String name, final String url,
                                  final int rate, final int seconds, final String idPrefix) throws InterruptedException {
        return run(children, jvm, name, Duration.ofSeconds(seconds + 120), url, idPrefix,
            "--mode", "open", "--rate", Integer.toString(rate), "--seconds", Integer.toString(seconds));
    }

    /** A closed loop: {@code count} signed webhooks, {@code concurrency} at a time. */
    public static LoadReport closed(final Children children, final JvmCommand jvm, final String name, final String url,
                                    final long count, final int concurrency, final String idPrefix, final Duration timeout)
        throws InterruptedException {
        return run(children, jvm, name, timeout, url, idPrefix,
            "--mode", "closed", "--count", Long.toString(count), "--concurrency", Integer.toString(concurrency));
    }

    private static LoadReport run(final Children children, final JvmCommand jvm, final String name, final Duration timeout,
                                  final String url, final String idPrefix, final String... args) throws InterruptedException {
        final List<String> all = new ArrayList<>(List.of("--url", url, "--id-prefix", idPrefix));
        all.addAll(List.of(args));
        final ChildProcess process = children.start(name, jvm.helper(LoadGenerator.class, all.toArray(String[]::new)));
        try {
            final String json = process.awaitLine(REPORT, timeout).group(1);
            return Json.read(json.getBytes(StandardCharsets.UTF_8), LoadReport.class);
        } finally {
            children.stop(process);
        }
    }
}
