package com.uplift.api.console;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browsers a console test opens: headless Debian chromium through the Debian chromium-driver (no driver download;
 * .ci/run installs both when they are missing), signed in with the console's form, closed together after each test.
 */
public final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final URL base;
    private final List<WebDriver> browsers = new ArrayList<>();

    public ConsoleBrowser(URL base) {
        this.base = base;
    }

    /** A browser at 1366x768 that asks for English. */
    WebDriver open() {
        return open(1366, 768);
    }

    WebDriver open(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PATIENCE);
        browsers.add(browser);
        return browser;
    }

    /** A browser signed in as a demo user (password = user name), on the console's home page. */
    public WebDriver signIn(String user) {
        return signIn(open(), user);
    }

    WebDriver signIn(WebDriver browser, String user) {
        browser.get(base + "console/login");
        waitFor(browser, By.id("j_username")).sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys(user);
        browser.findElement(By.id("sign-in")).click();
        waitFor(browser, By.id("who"));
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("Signed in as " + user);
        return browser;
    }

    public String url(String path) {
        return base + path;
    }

    /**
     * A wait whose condition may read elements: a page that re-renders between finding an element and reading it makes
     * the read fail with a stale reference, which is then tried again rather than failing the test.
     */
    public static FluentWait<WebDriver> patiently(WebDriver browser) {
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class);
    }

    public static WebElement waitFor(WebDriver browser, By what) {
        return new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(what));
    }

    /** Saves what the browser shows as target/console-screenshots/{name}.png. */
    public static void screenshot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        browsers.forEach(WebDriver::quit);
        browsers.clear();
    }
}
