package io.hookgate.core.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityLogTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(SecurityLog.LOGGER_NAME);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    @Test
    void logsAndCountsARefusalWithWhoSentItAndWhy() {
        final SecurityLog log = new SecurityLog(registry, "ingress", 10);
        log.refused("stripe", "203.0.113.9", "Stripe/1.0 (+https://stripe.com/docs/webhooks)", 403, "ip_not_allowed", null);

        assertThat(appender.list).hasSize(1);
        final ILoggingEvent event = appender.list.get(0);
        assertThat(event.getLevel().toString()).isEqualTo("WARN");
        assertThat(event.getFormattedMessage()).isEqualTo(
            "Refused 403 ip_not_allowed source=stripe client=203.0.113.9 userAgent=\"Stripe/1.0 (+https://stripe.com/docs/webhooks)\"");
        assertThat(event.getMDCPropertyMap()).containsEntry("source", "stripe").containsEntry("client", "203.0.113.9")
            .containsEntry("userAgent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)").containsEntry("reason", "ip_not_allowed")
            .containsEntry("status", "403");
        assertThat(registry.get("hookgate.ingress.refused").tags("source", "stripe", "reason", "ip_not_allowed", "status", "403")
            .counter().count()).isEqualTo(1.0);
    }

    @Test
    void refusalsThatAreNoCredentialMatterAreInfo() {
        final SecurityLog log = new SecurityLog(registry, "ingress", 10);
        log.refused("unknown", "198.51.100.1", null, 404, "unknown_source", "path=/webhooks/wp-login.php");
        assertThat(appender.list.get(0).getLevel().toString()).isEqualTo("INFO");
        assertThat(appender.list.get(0).getFormattedMessage())
            .isEqualTo("Refused 404 unknown_source source=unknown client=198.51.100.1 userAgent=- path=/webhooks/wp-login.php");
    }

    @Test
    void whatTheClientSentCannotForgeALogLine() {
        final SecurityLog log = new SecurityLog(registry, "ingress", 10);
        log.refused("s", "192.0.2.1", "evil\r\n12:00:00 INFO forged \"line\" \\ caf\u00e9" + "x".repeat(400), 429, "rate_limited",
            "path=/a\nb");
        final String message = appender.list.get(0).getFormattedMessage();
        assertThat(message).doesNotContain("\n", "\r").contains("userAgent=\"evil??12:00:00 INFO forged \\\"line\\\" \\\\ caf?xxx")
            .endsWith("...\" path=/a?b");
        assertThat(appender.list.get(0).getMDCPropertyMap().get("userAgent")).hasSize(SecurityLog.MAX_TEXT + 3);
    }

    @Test
    void aFloodIsLoggedAtTheConfiguredRateCountedInFullAndSummedUp() {
        final SecurityLog log = new SecurityLog(registry, "ingress", 5);
        for (int i = 0; i < 1000; i++) {
            log.refused("unknown", "198.51.100." + (i % 250), "scanner", 404, "unknown_source", null);
        }
        for (int i = 0; i < 10; i++) {
            log.refused("stripe", "198.51.100.7", "scanner", 403, "ip_not_allowed", null);
        }
        assertThat(appender.list).hasSize(5);
        assertThat(registry.get("hookgate.ingress.refused").tags("reason", "unknown_source").counter().count()).isEqualTo(1000.0);
        assertThat(registry.get("hookgate.ingress.refused").tags("reason", "ip_not_allowed").counter().count()).isEqualTo(10.0);
        assertThat(registry.get("hookgate.security.log.suppressed").tags("part", "ingress").counter().count()).isEqualTo(1005.0);

        log.summarise();
        final List<ILoggingEvent> after = appender.list.subList(5, appender.list.size());
        assertThat(after).hasSize(1);
        assertThat(after.get(0).getFormattedMessage()).isEqualTo("1005 security events not logged in the last minute "
            + "(at most 5 lines a minute; all are counted in the metrics): {ip_not_allowed=10, unknown_source=995}");
        // Said once: nothing more was suppressed since.
        log.summarise();
        assertThat(appender.list).hasSize(6);
    }
}
