package io.hookgate.app.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A headless Chromium driven through the system's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}; {@code -Dconsole.chromium=} and {@code -Dconsole.chromedriver=} name
 * others), never one downloaded. Where either is missing, {@link #missing} says so, and {@link #start}
 * skips the test with a JUnit assumption that says what to install. Screenshots go to {@code -Dconsole.screenshots=DIR}
 * ({@code target/console-screenshots} by default).
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(45);

    final ChromeDriver driver;
    private final WebDriverWait wait;
    private final Path screenshots;
    private final String base;

    private ConsoleBrowser(final ChromeDriver driver, final String base) throws IOException {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(200));
        this.wait.ignoring(StaleElementReferenceException.class);
        this.screenshots = Files.createDirectories(Path.of(System.getProperty("console.screenshots", "target/console-screenshots")));
    }

    /** Why there can be no browser here (no chromium or no chromedriver), or empty when there can. */
    static Optional<String> missing() {
        final Optional<Path> chromium = find("console.chromium", "chromium", "chromium-browser", "google-chrome");
        final Optional<Path> chromedriver = find("console.chromedriver", "chromedriver");
        if (chromium.isPresent() && chromedriver.isPresent()) {
            return Optional.empty();
        }
        return Optional.of("the console's browser tests need chromium and chromedriver (apt-get install chromium chromium-driver; "
            + ".ci/run installs them): chromium " + chromium.map(Path::toString).orElse("missing") + ", chromedriver "
            + chromedriver.map(Path::toString).orElse("missing"));
    }

    /** A browser on the console of the admin server at {@code base}; skips the test (with {@link #missing}'s reason) without one. */
    static ConsoleBrowser start(final String base) throws IOException {
        Assumptions.assumeTrue(missing().isEmpty(), () -> missing().orElseThrow());
        final Path chromium = find("console.chromium", "chromium", "chromium-browser", "google-chrome").orElseThrow();
        final Path chromedriver = find("console.chromedriver", "chromedriver").orElseThrow();
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
            "--no-first-run", "--disable-extensions", "--lang=en-GB");
        final ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort().build();
        return new ConsoleBrowser(new ChromeDriver(service, options), base);
    }

    private static Optional<Path> find(final String property, final String... names) {
        final String given = System.getProperty(property);
        if (given != null) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        final String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        return Stream.of(names).flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
            .filter(Files::isExecutable).findFirst();
    }

    /** Opens the console at route {@code hash} ({@code #/rejected?source=x}), reloading the page. */
    void open(final String hash) {
        driver.get(base + "/console" + hash);
    }

    WebElement await(final By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until {@code condition} answers neither null nor false (an element gone stale meanwhile is asked again). */
    <T> T until(final Supplier<T> condition) {
        return wait.until(ignored -> condition.get());
    }

    List<WebElement> all(final By by) {
        return driver.findElements(by);
    }

    /** What the page says now, as a reader sees it. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Types {@code text} into the field of that id, replacing what it held. */
    void type(final String id, final String text) {
        final WebElement field = await(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    void click(final By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** Saves the page, {@code width} CSS pixels wide and as tall as it is (at most 2400), as {@code name}.png. */
    void screenshot(final String name, final int width) throws IOException {
        metrics(width, 900);
        final long height = ((Number) ((JavascriptExecutor) driver).executeScript("return document.body.scrollHeight")).longValue();
        metrics(width, (int) Math.min(2400, Math.max(400, height)));
        final File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private void metrics(final int width, final int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
            "mobile", false));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
