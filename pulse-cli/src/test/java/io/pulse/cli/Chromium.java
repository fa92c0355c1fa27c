package io.pulse.cli;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through its own chromedriver (both installed by {@code .ci/run}), so nothing is
 * downloaded: the binaries are named, which keeps Selenium Manager out of it.
 */
final class Chromium implements AutoCloseable {

    private final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A laptop-sized window. */
    static Chromium laptop(int width, int height) {
        return start(width, height, false);
    }

    /** A phone: the page sees a {@code width} CSS pixels wide touch screen at twice the density. */
    static Chromium phone(int width, int height) {
        return start(width, height, true);
    }

    private static Chromium start(int width, int height, boolean phone) {
        File browser = find("chromium", "chromium-browser", "google-chrome");
        File chromedriver = find("chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--hide-scrollbars", "--lang=en-US");
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        return new Chromium(new ChromeDriver(service, options));
    }

    private static File find(String... names) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : names) {
            for (String dir : (path + ":/usr/bin:/usr/lib/chromium").split(":")) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return f;
                }
            }
        }
        throw new IllegalStateException("no " + String.join(" or ", names) + " on the PATH: the dashboard test needs"
                + " Debian's chromium and chromium-driver (bash .ci/run installs them: apt-get install -y chromium"
                + " chromium-driver)");
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens {@code url} (a dashboard page) and waits until that page says it has drawn everything. */
    void open(String url, String page) {
        driver.get(url);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> page.equals(body("page"))
                && "true".equals(body("ready")));
    }

    private String body(String data) {
        return driver.findElement(By.tagName("body")).getAttribute("data-" + data);
    }

    String figure(String name) {
        return driver.findElement(By.cssSelector("[data-figure='" + name + "']")).getText();
    }

    int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /** The whole page: the window grows to the page's height for the shot, then goes back. */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Dimension before = driver.manage().window().getSize();
        long height = ((Number) script("return document.documentElement.scrollHeight;")).longValue();
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(height + 100, 8000)));
        try {
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** The browser console's errors since the last call (a script error, a failed request). */
    List<String> errors() {
        Stream<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll().stream();
        return entries.filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
