package dev.cinema.platform;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A viewer's whole journey in a real browser (Debian's chromium through its chromium-driver) on the
 * page nginx serves: register, log in, like three films, "more like this", a personal feed with
 * reasons and none of the liked films, a dislike that takes a film away, log out, the anonymous
 * feed; the page keeps no token where a script could find it later, and a reload keeps the viewer
 * signed in. Screenshots of each step: {@code target/journey/}. Then two tabs of one browser whose
 * access token is refused at the same moment: they take turns at refreshing, and the viewer stays
 * signed in.
 */
@ExtendWith(Platform.class)
class BrowserJourneyIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    private static final Path SHOTS = Path.of("target", "journey");
    private static final Set<String> PERSONAL = Set.of("similar", "llm");
    /** Names this browser's requests in nginx's access log, where the refreshes it made are counted. */
    private static final String USER_AGENT = "BrowserJourneyIT/" + UUID.randomUUID();
    private static final Path ACCESS_LOG = Platform.LOGS.resolve("nginx-access.log");
    /** Where the page keeps who is signed in, shared by its tabs (and its BroadcastChannel's name). */
    private static final String SESSION_KEY = "cinema.session";
    private static final String SESSION_PATH = "/api/v1/auth/session";
    private static final Pattern REFRESH_LINE = Pattern.compile("\"POST /api/v1/auth/session/refresh [^\"]*\" (\\d{3}) ");
    /** What an access token looks like anywhere: a JWT, whose header is base64url JSON ({"…). */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.");
    private static final String PASSWORD = "journey-password-1";

    private static WebDriver browser;

    @BeforeAll
    static void browser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
                        "--user-agent=" + USER_AGENT,
                        // the two-tab test fires both tabs' requests on a timer: a window in the background must keep time
                        "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                        "--disable-backgrounding-occluded-windows");
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
        awaitFirstFeed();
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
        assertTheRefreshTokenIsAnHttpOnlyCookieAndNoTokenIsInStorage();

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
        // the access token went with the page; the cookie renews it, and the viewer is still signed in
        await(driver -> text("view-title").equals("Your feed"));
        awaitCards();
        assertThat(text("signed-in-as")).isEqualTo("Signed in as " + login);
        assertThat(cards()).extracting(Card::id).doesNotContain(disliked);

        click(By.id("logout"));
        await(driver -> text("view-title").equals("Popular on Cinema"));
        awaitCards();
        assertThat(cards()).extracting(Card::source).allMatch("popular"::equals);
        assertThat(browser.findElement(By.id("signed-in-as")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#view button[aria-pressed='true']"))).as("the viewer's verdicts are gone").isEmpty();
        shot("08-logged-out");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> refreshCookie() == null);
    }

    /**
     * The refresh token only in the browser's cookie jar, HttpOnly (out of the page's scripts' reach)
     * and sent only to the session endpoints; no token of any kind in localStorage or sessionStorage.
     */
    private void assertTheRefreshTokenIsAnHttpOnlyCookieAndNoTokenIsInStorage() {
        Map<String, Object> cookie = refreshCookie();
        assertThat(cookie).as("the refresh token cookie").isNotNull()
                .containsEntry("httpOnly", true).containsEntry("sameSite", "Strict").containsEntry("path", SESSION_PATH);
        String refreshToken = (String) cookie.get("value");
        assertThat(refreshToken).hasSizeGreaterThanOrEqualTo(43);
        @SuppressWarnings("unchecked")
        List<String> stored = (List<String>) script("""
                const values = [];
                for (const storage of [localStorage, sessionStorage]) {
                    for (let i = 0; i < storage.length; i++) values.push(storage.key(i) + '=' + storage.getItem(storage.key(i)));
                }
                return values;""");
        assertThat(stored).as("what localStorage and sessionStorage hold").isNotEmpty()
                .noneMatch(value -> value.contains(refreshToken)).noneMatch(value -> JWT.matcher(value).find());
        assertThat((String) script("return document.cookie")).as("the cookies a script can read")
                .contains("csrf_token=").doesNotContain("refresh_token").doesNotContain(refreshToken);
    }

    /** The refresh token cookie as the browser holds it (CDP shows HttpOnly ones too), or null when it holds none. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> refreshCookie() {
        Map<String, Object> answer = ((ChromeDriver) browser).executeCdpCommand("Network.getCookies",
                Map.of("urls", List.of(Platform.URL.resolve(SESSION_PATH + "/refresh").toString())));
        return ((List<Map<String, Object>>) answer.get("cookies")).stream()
                .filter(cookie -> "refresh_token".equals(cookie.get("name"))).findFirst().orElse(null);
    }

    /** How the page's tabs take turns at refreshing the tokens. */
    enum Turns {
        /** navigator.locks, which Chromium has on this page (a secure context: served from the machine itself) */
        WEB_LOCKS,
        /** the page's lease in IndexedDB, for browsers without Web Locks (hidden from the page here) */
        LEASE_IN_INDEXED_DB
    }

    /**
     * auth-service takes a refresh token presented twice for a stolen copy and revokes the whole session,
     * so two tabs refreshing together (one cookie sent twice) would log the viewer out: the page lets one
     * refresh at a time, and the other uses the access token it was handed or refreshes in its turn with
     * the cookie the first one received. Each tab sends two requests (the feed and a like) with the
     * refused token.
     */
    @ParameterizedTest
    @EnumSource(Turns.class)
    void twoTabsWhoseTokenIsRefusedAtOnceRefreshOnceAndStaySignedIn(Turns turns) throws Exception {
        String home = browser.getWindowHandle();
        String first = openTab(turns);
        String second = openTab(turns);
        try {
            String login = "tabs-" + UUID.randomUUID().toString().substring(0, 8);
            on(first);
            click(By.id("show-register"));
            fillCredentials(login);
            click(By.id("auth-submit"));
            await(driver -> text("signed-in-as").equals("Signed in as " + login));
            on(second);
            await(driver -> text("signed-in-as").equals("Signed in as " + login)); // told by the storage event
            await(driver -> text("view-title").equals("Your feed"));
            awaitCards();
            List<String> shownInSecond = cards().stream().map(Card::id).toList();
            on(first);
            await(driver -> text("view-title").equals("Your feed"));
            awaitCards();
            // two films both tabs show (each tab drew its feed at its own moment, and the ranking moves)
            List<String> films = cards().stream().map(Card::id).filter(shownInSecond::contains).limit(2).toList();
            assertThat(films).as("films both tabs show").hasSize(2);

            assumeTrue(Files.isRegularFile(ACCESS_LOG), "nginx's access log is not on this machine");
            // the test's own look at the viewer's likes (its own session: the page's tokens are out of reach)
            Http.Answer signedIn = Http.post("/api/v1/auth/login",
                    "{\"login\":\"" + login + "\",\"password\":\"" + PASSWORD + "\"}", null);
            assertThat(signedIn.status()).isEqualTo(200);
            String viewer = signedIn.json().get("access_token").asString();
            long logBefore = Files.size(ACCESS_LOG);
            String refreshBefore = (String) refreshCookie().get("value");
            // An access token as if it had expired (its signature does not match, so every service answers
            // 401), handed to every tab as the page hands on a renewed one: the tabs keep theirs in memory only.
            script("""
                    const session = JSON.parse(localStorage.getItem(arguments[0]));
                    window.spoiler = new BroadcastChannel(arguments[0]);
                    window.spoiler.postMessage({ id: session.id, access: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.refused' });""",
                    SESSION_KEY);
            // Both tabs fire at one instant of the machine's clock, far enough ahead for both to be told.
            long at = System.currentTimeMillis() + 2_000;
            fireAt(at, films.get(0));
            on(second);
            fireAt(at, films.get(1));

            // done when both likes are in, or when the session is gone (a refused refresh ends it)
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> !signedIn() || likedFilms(viewer).containsAll(films));
            } catch (ConditionTimeoutException stuck) {
                throw new AssertionError("neither both likes " + films + " in nor the session ended\n"
                        + whatTheTabsShow(List.of(first, second)) + "\nthe browser's requests:\n" + String.join("\n", requestsSince(logBefore)), stuck);
            }
            for (String tab : List.of(first, second)) {
                on(tab);
                assertThat(text("signed-in-as")).as("still signed in").isEqualTo("Signed in as " + login);
                await(driver -> text("view-title").equals("Your feed") && !cards().isEmpty());
                assertThat(text("error")).as("no request failed").isEmpty();
            }
            assertThat(likedFilms(viewer)).as("both tabs' likes, sent again after the refresh").containsAll(films);
            assertThat(refreshCookie().get("value")).as("the refresh token cookie renewed").isNotEqualTo(refreshBefore);
            // one refresh, or one per tab when the first one's access token reached the other after its turn
            assertThat(refreshesSince(logBefore)).as("refreshes the browser asked for (nginx's access log)")
                    .isNotEmpty().hasSizeLessThanOrEqualTo(2).containsOnly(200);
            // not revoked: a reloaded tab, with no access token, renews through the cookie and is still signed in
            on(first);
            browser.navigate().refresh();
            await(driver -> text("view-title").equals("Your feed") && !cards().isEmpty());
            assertThat(text("signed-in-as")).isEqualTo("Signed in as " + login);
            assertThat(text("error")).as("no request failed").isEmpty();

            String lastCookie = (String) refreshCookie().get("value");
            on(second);
            click(By.id("logout"));
            on(first);
            await(driver -> browser.findElement(By.id("show-login")).isDisplayed());
            assertThat(text("notice")).isEqualTo("You logged out in another tab.");
            assertThat(browser.findElement(By.id("signed-in-as")).isDisplayed()).isFalse();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> refreshCookie() == null);
            assertThat(Http.post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + lastCookie + "\"}", null).status())
                    .as("the session the page logged out of is revoked").isEqualTo(401);
        } finally {
            script("localStorage.clear()"); // the other tests start signed out
            ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
            for (String tab : List.of(first, second)) {
                browser.switchTo().window(tab).close();
            }
            browser.switchTo().window(home);
        }
    }

    /** A new window of this browser on the page (its tabs share localStorage); its handle. */
    private String openTab(Turns turns) {
        browser.switchTo().newWindow(WindowType.WINDOW);
        if (turns == Turns.LEASE_IN_INDEXED_DB) {
            ((ChromeDriver) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });"));
        }
        browser.get(Platform.URL.toString());
        awaitFirstFeed();
        assertThat(script("return navigator.locks === undefined")).as("Web Locks hidden").isEqualTo(turns == Turns.LEASE_IN_INDEXED_DB);
        return browser.getWindowHandle();
    }

    private void on(String tab) {
        browser.switchTo().window(tab);
    }

    /** At {@code at} (ms of the epoch) this tab likes the film and shows the feed again, as a click and a poll would. */
    private void fireAt(long at, String film) {
        script("""
                const [at, film] = arguments;
                setTimeout(() => {
                    const like = document.querySelector(`#view [data-film-id="${CSS.escape(film)}"] button[data-action="like"]`);
                    window.firedLike = like ? (like.disabled ? "button disabled" : "clicked") : "no such card";
                    like.click();
                    window.dispatchEvent(new HashChangeEvent('hashchange'));
                }, at - Date.now());""", at, film);
    }

    /** For a failure's message: what each tab shows, and what became of the like it fired. */
    private String whatTheTabsShow(List<String> tabs) {
        StringBuilder shown = new StringBuilder();
        for (String tab : tabs) {
            on(tab);
            shown.append("tab ").append(tab).append(": like ").append(script("return window.firedLike || 'not fired'"))
                    .append(", error \"").append(text("error")).append("\", notice \"").append(text("notice"))
                    .append("\", films ").append(cards().stream().map(Card::id).toList()).append('\n');
        }
        return shown.toString();
    }

    /** Whether the page (this tab's view of localStorage) has someone signed in. */
    private boolean signedIn() {
        return Boolean.TRUE.equals(script("return localStorage.getItem(arguments[0]) !== null", SESSION_KEY));
    }

    private static List<String> likedFilms(String access) {
        Http.Answer reactions = Http.get("/api/v1/reactions?page=0&size=100", access);
        if (reactions.status() == 401) {
            return List.of(); // the token refused until the tabs have renewed it
        }
        assertThat(reactions.status()).isEqualTo(200);
        return reactions.json().get("items").values().stream()
                .filter(reaction -> reaction.get("value").asString().equals("LIKE"))
                .map(reaction -> reaction.get("filmId").asString()).toList();
    }

    /** The lines of nginx's access log for this browser's requests since the log was {@code offset} bytes long. */
    private static List<String> requestsSince(long offset) throws Exception {
        String added;
        try (SeekableByteChannel log = Files.newByteChannel(ACCESS_LOG); InputStream rest = Channels.newInputStream(log.position(offset))) {
            added = new String(rest.readAllBytes(), StandardCharsets.UTF_8);
        }
        return added.lines().filter(line -> line.contains("\"" + USER_AGENT + "\"")).toList();
    }

    /** The statuses of the refreshes this browser asked nginx for since the access log was {@code offset} bytes long. */
    private static List<Integer> refreshesSince(long offset) throws Exception {
        // e.g. 127.0.0.1 [01/Dec/2026:10:00:00 +0000] "POST /api/v1/auth/refresh HTTP/1.1" 200 512 0.004 "BrowserJourneyIT/..." upstream=...
        return requestsSince(offset).stream()
                .map(REFRESH_LINE::matcher).filter(Matcher::find)
                .map(refresh -> Integer.valueOf(refresh.group(1)))
                .toList();
    }

    private Object script(String source, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(source, arguments);
    }

    private void fillCredentials(String login) {
        WebElement name = browser.findElement(By.id("auth-login"));
        name.clear();
        name.sendKeys(login);
        WebElement password = browser.findElement(By.id("auth-password"));
        password.clear();
        password.sendKeys(PASSWORD);
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

    /**
     * The page's first feed. Just after the platform has started, the feed may still answer 503 for
     * a moment (the page shows the error and no films): the page is loaded again then.
     */
    private void awaitFirstFeed() {
        awaitFeed(feed -> !feed.isEmpty());
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
