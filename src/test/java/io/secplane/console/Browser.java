package io.secplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's chromium and chromium-driver) driven by Selenium, trusting the test
 * server's certificate; screenshots go to {@code target/console-screenshots/}, and every page can be
 * checked with axe-core, injected from the test's own class path (nothing from the internet).
 */
final class Browser implements AutoCloseable {

    static final Path SHOTS = Path.of("target", "console-screenshots");
    private static String axe;
    final ChromeDriver driver;
    private final String base;

    Browser(String base) {
        this.base = base;
        String binary = onPath("chromium", "chromium-browser", "google-chrome");
        String driverPath = onPath("chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--ignore-certificate-errors", "--window-size=1280,1000", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File(driverPath))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** The first of these programs found on the PATH. */
    private static String onPath(String... names) {
        for (String name : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        throw new IllegalStateException("none of " + String.join(", ", names) + " is on the PATH; install Debian's "
                + "chromium and chromium-driver");
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    /** Submits the form holding the element (its submit button, as a user would click it). */
    void submit(String buttonCss) {
        WebElement button = find(buttonCss);
        navigates(button::click);
    }

    /** Does something that loads a new page, and waits until the new page is there. */
    void navigates(Runnable action) {
        WebElement page = find("html");
        action.run();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> gone(page));
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Whether a page's element is gone: stale, or (while the next page is being built) unknown to the
     * browser's document, which Chromium's driver reports as an error of its own.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    String text() {
        return find("body").getText();
    }

    void shot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }

    /** axe-core's serious and critical violations on the page shown, as "rule: target" lines. */
    @SuppressWarnings("unchecked")
    List<String> accessibilityProblems() throws IOException {
        if (axe == null) {
            try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        JavascriptExecutor js = driver;
        js.executeScript(axe);
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations.map(function (v) {"
                + " return {id: v.id, impact: v.impact, nodes: v.nodes.map(function (n) { return n.target.join(' '); }).join(', ')};"
                + "})); }, function (e) { done([{id: 'axe failed', impact: 'critical', nodes: String(e)}]); });");
        return ((List<Map<String, Object>>) result).stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("nodes")).toList();
    }

    /** Screenshot and accessibility check of the page shown. */
    void check(String name) throws IOException {
        shot(name);
        assertThat(accessibilityProblems()).as("axe-core serious or critical violations on %s (%s)", name, path()).isEmpty();
        assertThat(driver.getPageSource()).as("page %s", name).doesNotContain("Exception").doesNotContain("at io.secplane");
        // nothing from the internet: every script, stylesheet and image comes from the server itself
        Object foreign = driver.executeScript("return Array.from(document.querySelectorAll('script[src],link[href],img[src]'))"
                + ".map(function (e) { return e.src || e.href; }).filter(function (u) { return u.indexOf(location.origin) !== 0; });");
        assertThat((List<?>) foreign).as("assets of %s from elsewhere", name).isEmpty();
        // issue 21, item 9: times as people read them (the exact value on hover), words in tables never split
        // (a line may end after a hyphen or slash, as in ids and paths; never inside a word)
        Object times = driver.executeScript("return Array.from(document.querySelectorAll('td, time')).map(function (e) {"
                + " return e.textContent; }).filter(function (t) { return /\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}/.test(t); });");
        assertThat((List<?>) times).as("raw ISO timestamps shown on %s", name).isEmpty();
        Object split = driver.executeScript("var out = [];"
                + "document.querySelectorAll('td').forEach(function (td) {"
                + "  var walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT); var n;"
                + "  while ((n = walker.nextNode())) { var re = /[^\\s\\/-]+/g; var m;"
                + "    while ((m = re.exec(n.textContent))) { var r = document.createRange(); r.setStart(n, m.index);"
                + "      r.setEnd(n, m.index + m[0].length); var lines = new Set(Array.from(r.getClientRects())"
                + "        .filter(function (c) { return c.width > 0; }).map(function (c) { return Math.round(c.top); }));"
                + "      if (lines.size > 1 && m[0].length <= 36) { out.push(m[0]); } } } });"
                + "return out.slice(0, 5);");
        if (driver.manage().window().getSize().getWidth() >= 1200) {
            assertThat((List<?>) split).as("words split across lines in tables of %s", name).isEmpty();
        }
    }

    /** What sticks out of the window's width (sideways scrolling), or null when the page fits. */
    String tooWide() {
        Object wide = driver.executeScript(
                "var w = document.documentElement.clientWidth;"
                + "if (document.documentElement.scrollWidth <= w + 1) { return null; }"
                + "var out = Array.from(document.querySelectorAll('body *')).filter(function (e) {"
                + "  return e.getBoundingClientRect().right > w + 1; })"
                + ".map(function (e) { return e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')"
                + "  + ' ' + Math.round(e.getBoundingClientRect().right); });"
                + "return 'width ' + w + ': ' + out.slice(0, 5).join(', ');");
        return (String) wide;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
