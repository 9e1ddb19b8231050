package dev.cinema.platform;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A viewer's whole journey in a real browser (Debian's chromium through its chromium-driver) on the
 * page nginx serves: register, log in, like three films, "more like this", a personal feed with
 * reasons and none of the liked films, a dislike that takes a film away, log out, the anonymous
 * feed. Screenshots of each step: {@code target/journey/}.
 */
@ExtendWith(Platform.class)
class BrowserJourneyIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    private static final Path SHOTS = Path.of("target", "journey");
    private static final Set<String> PERSONAL = Set.of("similar", "llm");

    private static WebDriver browser;

    @BeforeAll
    static void browser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
        browser.manage().window().setSize(new Dimension(1280, 1000));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void registerLikeMoreLikeThisPersonalFeedDislikeLogOut() throws Exception {
        browser.get(Platform.URL.toString());
        awaitCards();
        assertThat(text("view-title")).isEqualTo("Popular on Cinema");
        shot("01-anonymous-feed");

        String login = "journey-" + UUID.randomUUID().toString().substring(0, 8);
        click(By.id("show-register"));
        fillCredentials(login);
        shot("02-register-form");
        click(By.id("auth-submit"));
        await(driver -> text("signed-in-as").equals("Signed in as " + login));
        click(By.id("logout"));
        await(driver -> browser.findElement(By.id("show-login")).isDisplayed() && text("view-title").equals("Popular on Cinema"));

        click(By.id("show-login"));
        fillCredentials(login);
        click(By.id("auth-submit"));
        await(driver -> text("view-title").equals("Your feed"));
        awaitCards();
        shot("03-logged-in");

        List<String> liked = cards().stream().limit(3).map(Card::id).toList();
        for (String film : liked) {
            press(film, "like");
            await(driver -> "true".equals(button(film, "like").getAttribute("aria-pressed")));
        }
        shot("04-liked-three");

        press(liked.getFirst(), "more");
        await(driver -> text("notice").startsWith("Looking for more films like"));
        shot("05-more-like-this");

        awaitFeed(feed -> feed.stream().anyMatch(card -> PERSONAL.contains(card.source())));
        List<Card> feed = cards();
        List<Card> personal = feed.stream().filter(card -> PERSONAL.contains(card.source())).toList();
        assertThat(personal).extracting(Card::reason).as("personal cards' reasons").allMatch(reason -> !reason.isBlank());
        assertThat(feed).extracting(Card::id).as("no liked film in the feed").doesNotContainAnyElementsOf(liked);
        shot("06-personal-feed");

        String disliked = personal.getFirst().id();
        press(disliked, "dislike");
        await(driver -> browser.findElements(By.cssSelector("#view [data-film-id='" + disliked + "']")).isEmpty());
        shot("07-disliked-gone");
        // and it stays gone once the feed has been computed again
        await(driver -> !browser.findElement(By.id("preparing")).isDisplayed());
        browser.navigate().refresh();
        awaitCards();
        assertThat(cards()).extracting(Card::id).doesNotContain(disliked);

        click(By.id("logout"));
        await(driver -> text("view-title").equals("Popular on Cinema"));
        awaitCards();
        assertThat(cards()).extracting(Card::source).allMatch("popular"::equals);
        assertThat(browser.findElement(By.id("signed-in-as")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#view button[aria-pressed='true']"))).as("the viewer's verdicts are gone").isEmpty();
        shot("08-logged-out");
    }

    private void fillCredentials(String login) {
        WebElement name = browser.findElement(By.id("auth-login"));
        name.clear();
        name.sendKeys(login);
        WebElement password = browser.findElement(By.id("auth-password"));
        password.clear();
        password.sendKeys("journey-password-1");
    }

    /** Waits for the feed to satisfy {@code wanted}, reloading the page every 10 s meanwhile. */
    private void awaitFeed(Predicate<List<Card>> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> wanted.test(cards()));
                return;
            } catch (TimeoutException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                browser.navigate().refresh();
                awaitCards();
            }
        }
    }

    private void awaitCards() {
        await(driver -> !cards().isEmpty());
    }

    /** A film card as the page shows it. */
    private record Card(String id, String source, String reason) {
    }

    /** The cards on the page, read in one script call (the page may redraw them at any time). */
    @SuppressWarnings("unchecked")
    private List<Card> cards() {
        List<List<String>> cards = (List<List<String>>) ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll('#view li.card')].map(card =>
                    [card.dataset.filmId, card.dataset.source || '', (card.querySelector('.reason') || {}).textContent || '']);""");
        return cards.stream().map(card -> new Card(card.get(0), card.get(1), card.get(2))).toList();
    }

    private WebElement button(String film, String action) {
        return browser.findElement(By.cssSelector("#view [data-film-id='" + film + "'] button[data-action='" + action + "']"));
    }

    /** Presses a film's button; the feed may be drawn anew meanwhile (it follows the recommendations), so it is found again then. */
    private void press(String film, String action) {
        await(driver -> {
            button(film, action).click();
            return true;
        });
    }

    private void click(By by) {
        await(driver -> driver.findElement(by).isDisplayed());
        browser.findElement(by).click();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void await(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(condition);
    }

    private void shot(String name) throws Exception {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
