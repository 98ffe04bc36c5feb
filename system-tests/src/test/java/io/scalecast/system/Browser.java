package io.scalecast.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through its chromedriver (both installed by deploy/local/lib.sh), with the
 * console kept and screenshots saved under {@code target/screenshots}, for the dashboard's tests.
 */
final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;

    Browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    WebDriver driver() {
        return driver;
    }

    /** The element once it is visible, within {@code timeout}. */
    WebElement waitFor(By what, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Presses Tab until the element matching {@code selector} has the focus, as a keyboard-only user reaches it:
     * fails when it is not reached within {@code presses}.
     */
    void tabTo(String selector, int presses) {
        for (int i = 0; i < presses; i++) {
            if (Boolean.TRUE.equals(script("const a = document.activeElement; return a !== null && a.matches(arguments[0]);",
                    selector))) {
                return;
            }
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError(selector + " was not reached with " + presses + " presses of Tab; the focus is on "
                + script("const a = document.activeElement; return a ? a.outerHTML.slice(0, 120) : 'nothing';"));
    }

    /** Types into the focused element and presses Enter. */
    void typeAndEnter(String text) {
        new Actions(driver).sendKeys(text).sendKeys(Keys.ENTER).perform();
    }

    /**
     * The page's form controls without a label a screen reader can announce (a label element, aria-label or
     * aria-labelledby), and buttons without text: each as the start of its HTML.
     */
    List<String> unlabelledControls() {
        Object found = script("return [...document.querySelectorAll('input, select, textarea, button')]"
                + ".filter((e) => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                + " && !e.getAttribute('aria-labelledby') && !(e.tagName === 'BUTTON' && e.textContent.trim()))"
                + ".map((e) => e.outerHTML.slice(0, 120));");
        return ((List<?>) found).stream().map(String::valueOf).toList();
    }

    /** Pixels of the first canvas under {@code selector} that are not blank: what was drawn on it. */
    long inkedPixels(String selector) {
        Object count = script("const c = document.querySelector('" + selector + " canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n;");
        return ((Number) count).longValue();
    }

    /**
     * Pixels of the first canvas under {@code selector} drawn opaque in a colour, not grey: the series' lines, marks
     * and bands, without the grid and the axes' ticks and labels that an empty chart has too.
     */
    long colouredPixels(String selector) {
        Object count = script("const c = document.querySelector('" + selector + " canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) { const hi = Math.max(d[i], d[i + 1], d[i + 2]);"
                + " const lo = Math.min(d[i], d[i + 1], d[i + 2]); if (d[i + 3] > 128 && hi - lo > 50) n++; }"
                + " return n;");
        return ((Number) count).longValue();
    }

    /** The console's entries since the last call, errors only. */
    List<LogEntry> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
