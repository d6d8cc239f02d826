package io.hookgate.app.console;

import io.hookgate.app.run.Gateway;
import io.hookgate.app.testing.Gateways;
import io.hookgate.app.testing.SignedSends;
import io.hookgate.core.request.CredentialNames;
import io.hookgate.core.subscription.SecretBox;
import io.hookgate.core.testing.KafkaTestCluster;
import io.hookgate.core.testing.RecordingReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.hookgate.app.testing.AdminCalls.call;
import static io.hookgate.app.testing.AdminCalls.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator console in a real headless Chromium, over a gateway with every part on a real broker:
 * signing in, counters that move as webhooks arrive, a rejected request found and replayed once its
 * secret is fixed (dry-run counts confirmed first), a DLQ entry replayed and a second replay's 409
 * handled, a subscription created (its problems shown by their fields first) and disabled, and a
 * tenant's token that sees nothing of another tenant. Each page is saved as a screenshot
 * ({@code -Dconsole.screenshots=docs/console} refreshes the README's). Skipped where there is no
 * chromium or chromedriver.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final String OPERATOR = "operator-token-console-0001";
    static final String ACME = "acme-tenant-token-console-01";
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    /** What the acme sender signs with after a rotation the gateway has not heard of yet. */
    static final String ROTATED = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    static final String KEY = SecretBox.newKey();

    static KafkaTestCluster kafka;
    static RecordingReceiver receiver;
    static final AtomicBoolean fixed = new AtomicBoolean();
    static Gateway gateway;
    static ConsoleBrowser browser;
    static Path state;
    static int ingressPort;
    static int adminPort;
    static String admin;

    @BeforeAll
    static void start(@TempDir final Path dir) throws Exception {
        state = dir;
        ingressPort = freePort();
        adminPort = freePort();
        admin = "http://127.0.0.1:" + adminPort;
        // Nothing slow where there is no browser: each test then skips, saying why.
        if (ConsoleBrowser.missing().isPresent()) {
            return;
        }
        browser = ConsoleBrowser.start(admin);
        kafka = KafkaTestCluster.start();
        receiver = new RecordingReceiver();
        receiver.answer(request -> request.path().equals("/acme") && !fixed.get()
            ? RecordingReceiver.Answer.json(400, "{\"error\":\"unknown customer\"}") : RecordingReceiver.Answer.status(204));
        gateway = Gateways.running(config(List.of(SECRET)));
    }

    @BeforeEach
    void needsABrowser() {
        Assumptions.assumeTrue(browser != null, () -> ConsoleBrowser.missing().orElse("the browser did not start"));
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Two tenants' sources and subscriptions; acme's source accepts {@code acmeSecrets}. */
    static io.hookgate.core.config.HookgateConfig config(final List<String> acmeSecrets) {
        return Gateways.config("""
            kafka: {bootstrapServers: "%s", topicPrefix: "console.", partitions: 1}
            ingress: {host: 127.0.0.1, port: %d}
            admin:
              host: 127.0.0.1
              port: %d
              token: %s
              tokens: [{token: %s, tenant: acme}]
              stateDir: "%s"
              secretsKey: "%s"
            processor: {stateDir: "%s"}
            sources:
              acme: {provider: standard-webhooks, tenant: acme, secrets: [%s]}
              beta: {provider: standard-webhooks, tenant: beta, secrets: ["%s"]}
            subscriptions:
              acme-orders: {url: "%s", allowInsecureUrl: true, sources: [acme], tenant: acme, secret: "%s"}
              beta-audit: {url: "%s", allowInsecureUrl: true, sources: [beta], tenant: beta, secret: "%s"}
            dispatch: {retryDelays: [1s]}
            """.formatted(kafka.bootstrapServers(), ingressPort, adminPort, OPERATOR, ACME, state.resolve("admin"), KEY, state.resolve("streams"),
            String.join(", ", acmeSecrets.stream().map(secret -> '"' + secret + '"').toList()), SECRET, receiver.url("/acme"), SECRET,
            receiver.url("/beta"), SECRET));
    }

    @AfterAll
    static void stop() throws Exception {
        Gateways.closeAll(browser, gateway, receiver, kafka);
    }

    static void signIn(final String token) {
        browser.open("#/overview");
        browser.type("token", token);
        browser.click(By.cssSelector("form.sign-in button[type=submit]"));
    }

    static double counter(final String name) {
        return Double.parseDouble(browser.await(By.cssSelector("[data-counter=" + name + "]")).getText().replace(",", ""));
    }

    @Test
    @Order(1)
    void anOperatorSignsInAndSeesTheCountersMoveAsWebhooksArrive() throws Exception {
        browser.open("");
        browser.await(By.id("token"));
        browser.screenshot("sign-in", 1280);
        signIn("not-the-token");
        assertThat(browser.await(By.cssSelector("form.sign-in [role=alert]")).getText()).contains("not accepted");
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("not-the-token");

        signIn(OPERATOR);
        final double before = counter("requests");
        assertThat(SignedSends.post(ingressPort, "acme", "evt_order_1", "{\"type\":\"order.created\"}", SECRET)).isEqualTo(200);
        assertThat(SignedSends.post(ingressPort, "beta", "evt_beta_1", "{\"type\":\"audit.logged\"}", SECRET)).isEqualTo(200);
        assertThat(SignedSends.post(ingressPort, "acme", "evt_rotated", "{\"type\":\"order.paid\"}", ROTATED)).isEqualTo(200);
        assertThat(SignedSends.post(ingressPort, "beta", "evt_beta_forged", "{\"type\":\"audit.logged\"}", ROTATED)).isEqualTo(200);
        // No reload: the overview redraws itself.
        browser.until(() -> counter("requests") >= before + 4 && counter("verified") >= 2 && counter("rejected") >= 2);
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/overview").doesNotContain(OPERATOR);
        assertThat(browser.text()).contains("bad_signature");
        browser.until(() -> counter("deliveries") >= 2);
        // The rate line is drawn once a few samples came in.
        browser.until(() -> !browser.all(By.cssSelector("[aria-label=Requests] polyline")).isEmpty());
        browser.screenshot("overview", 1280);
        browser.screenshot("overview-390", 390);
    }

    @Test
    @Order(2)
    void aRejectedRequestIsFoundAndReplayedOnceItsSecretIsFixed() throws Exception {
        browser.open("#/rejected");
        browser.type("rejected-source", "acme");
        browser.type("rejected-reason", "bad_signature");
        browser.click(By.cssSelector("form.filters button[type=submit]"));
        final WebElement link = browser.until(() -> browser.all(By.cssSelector("[data-entry]")).stream().findFirst().orElse(null));
        assertThat(browser.driver.getCurrentUrl()).contains("source=acme").contains("reason=bad_signature");
        assertThat(browser.all(By.cssSelector("[data-entry]"))).hasSize(1);
        browser.screenshot("rejected", 1280);
        link.click();
        browser.await(By.cssSelector("[data-reason]"));
        final String detail = browser.until(() -> browser.text().contains("webhook-signature") ? browser.text() : null);
        assertThat(detail).contains("bad_signature").contains("webhook-signature " + CredentialNames.REDACTED).doesNotContain("v1,");
        // ignoreTimestamp comes with its warning.
        assertThat(browser.all(By.cssSelector("[data-warning=ignoreTimestamp]")).get(0).isDisplayed()).isFalse();
        browser.click(By.id("rejected-ignore-timestamp"));
        assertThat(browser.await(By.cssSelector("[data-warning=ignoreTimestamp]")).getText()).contains("genuine");
        browser.screenshot("rejected-detail", 1280);

        // The sender had rotated its secret: the gateway learns the new one (a restart with the fixed configuration).
        gateway.close();
        gateway = Gateways.running(config(List.of(SECRET, ROTATED)));
        await().atMost(Duration.ofSeconds(60)).until(() -> call("GET", admin + "/readyz", null, null).statusCode() == 200);

        browser.open("#/rejected?source=acme");
        browser.click(By.cssSelector("[data-action=replay-matching]"));
        final WebElement dialog = browser.await(By.cssSelector("dialog[open]"));
        assertThat(dialog.findElement(By.cssSelector("[data-count=matched]")).getText()).isEqualTo("1");
        assertThat(dialog.findElement(By.cssSelector("[data-count=replayed]")).getText()).isEqualTo("1");
        browser.screenshot("rejected-replay-dry-run", 1280);
        dialog.findElement(By.cssSelector("[data-confirm]")).click();
        assertThat(browser.await(By.cssSelector("[data-result]")).getText()).contains("Replayed 1, skipped 0, gone 0");
        assertThat(browser.driver.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("1");

        // Verified now: the event went to acme's subscription.
        await().atMost(Duration.ofSeconds(60)).until(() -> !entries(admin, "/admin/deliveries?source=acme&eventId=evt_rotated", OPERATOR).isEmpty());
        browser.open("#/event?source=acme&eventId=evt_rotated");
        browser.until(() -> browser.all(By.cssSelector("[data-outcome]")).size() == 1);
        assertThat(browser.text()).contains("acme-orders");
    }

    @Test
    @Order(3)
    void aDlqEntryIsReplayedAndASecondReplayIsAConflictOfferedToForce() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> entries(admin, "/admin/dlq?eventId=evt_order_1", OPERATOR).size() == 1);
        browser.open("#/dlq?subscription=acme-orders");
        browser.until(() -> browser.all(By.cssSelector("[data-entry]")).size() >= 1);
        browser.screenshot("dlq", 1280);
        final String id = entries(admin, "/admin/dlq?eventId=evt_order_1", OPERATOR).get(0).path("id").asText();
        browser.open("#/dlq/" + id);
        assertThat(browser.await(By.cssSelector("[data-reason]")).getText()).isEqualTo("rejected");
        assertThat(browser.until(() -> browser.text().contains("unknown customer") ? browser.text() : null)).contains("evt_order_1");

        fixed.set(true);
        browser.click(By.cssSelector("[data-action=replay-one]"));
        browser.click(By.cssSelector("dialog[open] [data-confirm]"));
        assertThat(browser.await(By.cssSelector(".replay-out .notice.success")).getText()).contains("Replayed " + id);
        browser.await(By.cssSelector("[data-replay-state=replayed]"));
        browser.click(By.cssSelector("[data-action=replay-one]"));
        browser.click(By.cssSelector("dialog[open] [data-confirm]"));
        // Replayed before: the API's 409 is shown, with the way to force it.
        assertThat(browser.await(By.cssSelector(".replay-out .notice.warning")).getText()).containsIgnoringCase("replayed");
        browser.await(By.cssSelector("[data-action=force-replay]"));
        browser.screenshot("dlq-detail", 1280);

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.receivedAt("/acme").stream()
            .filter(request -> new String(request.body(), java.nio.charset.StandardCharsets.UTF_8).contains("evt_order_1")).count() >= 2);
        browser.open("#/deliveries?subscription=acme-orders");
        browser.until(() -> browser.all(By.cssSelector("[data-delivery]")).size() >= 2);
        browser.screenshot("deliveries", 1280);
        final String delivery = entries(admin, "/admin/deliveries?eventId=evt_order_1", OPERATOR).get(0).path("deliveryId").asText();
        browser.open("#/deliveries/" + delivery);
        browser.until(() -> browser.text().contains("unknown customer"));
        browser.screenshot("delivery", 1280);
        browser.open("#/event?source=acme&eventId=evt_order_1");
        browser.until(() -> browser.all(By.cssSelector("[data-outcome]")).size() == 1);
        // The envelope read back from verified.acme, with its payload; the request that carried it, its signature redacted.
        final String envelope = browser.await(By.cssSelector("[data-section=envelope] pre.code")).getText();
        assertThat(envelope).contains("\"eventId\": \"evt_order_1\"").contains("\"type\": \"order.created\"").contains("\"payload\"");
        final String request = browser.await(By.cssSelector("[data-section=request]")).getText();
        assertThat(request).contains("webhook-signature").contains("[redacted]").contains("POST");
        assertThat(request).doesNotContain("v1,");
        browser.screenshot("event", 1280);
    }

    @Test
    @Order(4)
    void aSubscriptionIsCreatedWithItsProblemsShownByTheirFieldsThenDisabled() throws Exception {
        // By keyboard: Tab from the top of the page to the navigation's link, Enter, and focus lands on the page's heading.
        browser.open("#/overview");
        browser.await(By.cssSelector("[data-counter=requests]"));
        final Actions keys = new Actions(browser.driver);
        for (int tabs = 0; tabs < 12 && !"Subscriptions".equals(browser.driver.switchTo().activeElement().getText()); tabs++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Subscriptions");
        keys.sendKeys(Keys.ENTER).perform();
        browser.until(() -> "page-title".equals(browser.driver.switchTo().activeElement().getAttribute("id"))
            && browser.driver.switchTo().activeElement().getText().equals("Subscriptions"));
        browser.click(By.cssSelector("[data-action=new]"));
        browser.type("s-id", "crm");
        browser.type("s-url", "http://10.1.2.3/hook");
        browser.type("s-sources", "nope");
        browser.click(By.cssSelector("form.edit button[type=submit]"));
        final WebElement url = browser.await(By.cssSelector("[data-field=url].invalid .problem"));
        assertThat(url.getText()).isNotBlank();
        assertThat(browser.await(By.cssSelector("[data-field=sources].invalid .problem")).getText()).contains("nope");
        assertThat(browser.driver.findElement(By.id("s-url")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("subscription-problems", 1280);

        browser.type("s-url", receiver.url("/crm"));
        browser.type("s-sources", "acme");
        browser.type("s-tenant", "acme");
        browser.click(By.id("s-allowInsecureUrl"));
        browser.click(By.cssSelector("form.edit button[type=submit]"));
        assertThat(browser.await(By.cssSelector("[data-secret]")).getText()).startsWith("whsec_");

        browser.open("#/subscriptions");
        browser.until(() -> browser.all(By.cssSelector("[data-subscription=crm]")).size() == 1);
        browser.click(By.cssSelector("button[aria-label='Disable crm']"));
        browser.until(() -> browser.all(By.cssSelector("button[aria-label='Enable crm']")).size() == 1);
        assertThat(call("GET", admin + "/admin/subscriptions/crm", OPERATOR, null).body()).contains("\"state\":\"disabled\"");
        browser.screenshot("subscriptions", 1280);

        // Edited (only what changed is sent), and its secret rotated: the new one shown once.
        browser.click(By.cssSelector("[data-subscription=crm]"));
        browser.type("s-description", "CRM sync");
        browser.click(By.cssSelector("form.edit button[type=submit]"));
        assertThat(browser.await(By.cssSelector(".notice.success")).getText()).contains("Saved crm");
        assertThat(call("GET", admin + "/admin/subscriptions/crm", OPERATOR, null).body()).contains("\"description\":\"CRM sync\"");
        browser.click(By.cssSelector("[data-action=rotate]"));
        browser.type("rotate-keep", "1h");
        browser.click(By.cssSelector("dialog[open] [data-confirm]"));
        assertThat(browser.await(By.cssSelector("[data-secret]")).getText()).startsWith("whsec_");
    }

    @Test
    @Order(5)
    void aTenantsTokenSeesOnlyItsTenant() throws Exception {
        browser.click(By.id("sign-out"));
        browser.await(By.id("token"));
        signIn(ACME);
        browser.await(By.cssSelector("[data-counter=requests]"));
        assertThat(browser.all(By.cssSelector("[data-counter=lagRecords]"))).as("lag is every tenant's").isEmpty();

        browser.open("#/subscriptions");
        browser.until(() -> browser.all(By.cssSelector("[data-subscription]")).size() >= 2);
        assertThat(browser.all(By.cssSelector("[data-subscription]"))).extracting(WebElement::getText)
            .containsExactlyInAnyOrder("acme-orders", "crm");
        browser.screenshot("subscriptions-390", 390);

        browser.open("#/subscriptions/beta-audit");
        assertThat(browser.await(By.cssSelector("[role=alert]")).getText()).contains("not_found");
        browser.open("#/rejected");
        browser.until(() -> !browser.all(By.cssSelector("[data-entry]")).isEmpty());
        assertThat(browser.text()).doesNotContain("beta");
        browser.open("#/deliveries");
        browser.until(() -> !browser.all(By.cssSelector("[data-delivery]")).isEmpty());
        assertThat(browser.text()).doesNotContain("beta-audit").doesNotContain("evt_beta");
        browser.open("#/event?source=beta&eventId=evt_beta_1");
        browser.await(By.cssSelector("[data-empty]"));
        assertThat(browser.all(By.cssSelector("[data-outcome]"))).isEmpty();
        // Another tenant's event is not found: neither its envelope nor its request is shown.
        assertThat(browser.all(By.cssSelector("[data-section=envelope] pre.code"))).isEmpty();
        assertThat(browser.all(By.cssSelector("[data-section=request]"))).isEmpty();
    }
}
