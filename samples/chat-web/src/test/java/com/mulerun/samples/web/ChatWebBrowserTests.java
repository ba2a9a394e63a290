package com.mulerun.samples.web;

import com.mulerun.chat.model.ChatModels;
import com.mulerun.chat.model.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import com.mulerun.test.MockMuleRunServer;
import com.mulerun.test.MockResponse;
import com.mulerun.test.autoconfigure.AutoConfigureMockMuleRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page in headless Chromium, driven by Selenium through Debian's {@code chromedriver}
 * (nothing is downloaded): the answer from the mock grows in the page as safe markdown,
 * Stop cancels it on the server, a long prompt and a second turn go in the POST body, a
 * failed call shows a readable error, and the page fits a phone. Screenshots go to
 * {@code target/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mulerun.offline.mode=never", "mulerun.retry.max-retries=0" })
@AutoConfigureMockMuleRun
@ExtendWith(OutputCaptureExtension.class)
class ChatWebBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final String ANSWER = """
			**Streams** arrive in pieces:

			- each token a small step,
			- the page grows with them.

			<img src=x onerror=alert(1)>""";

	private static final String ANSWER_TEXT = """
			Streams arrive in pieces:
			each token a small step,
			the page grows with them.
			<img src=x onerror=alert(1)>""";

	/**
	 * Selenium warns that it has no DevTools bindings for this Chromium version; the test
	 * needs none.
	 */
	private static final Logger CDP_VERSION_LOGGER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

	private static ChromeDriverService service;

	private static ChromeDriver driver;

	private static Path profile;

	@LocalServerPort
	int port;

	@Autowired
	MockMuleRunServer mockMuleRun;

	@BeforeAll
	static void startChromium() throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "Chromium not installed: "
				+ CHROMIUM + " and " + CHROMEDRIVER + " are needed (apt-get install -y chromium chromium-driver)");
		CDP_VERSION_LOGGER.setLevel(Level.SEVERE);
		profile = Files.createTempDirectory("chat-web-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
				"--disable-dev-shm-usage", "--window-size=1000,860", "--user-data-dir=" + profile);
		// an explicit driver and browser: Selenium Manager is never asked to find or
		// download one
		service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopChromium() throws IOException {
		if (driver != null) {
			driver.quit();
		}
		if (service != null) {
			service.stop();
		}
		if (profile != null) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	@BeforeEach
	void openThePage() {
		driver.get("http://127.0.0.1:" + this.port + "/");
		waitUpTo(Duration.ofSeconds(10)).until((browser) -> new Select(modelPicker()).getOptions().size() == 15);
	}

	@Test
	void offersTheFifteenSupportedModelsWithTheDefaultSelected() {
		Select picker = new Select(modelPicker());

		assertThat(picker.getOptions()).extracting(WebElement::getText).containsExactlyElementsOf(ChatModels.ALL);
		assertThat(picker.getFirstSelectedOption().getText()).isEqualTo("gpt-5");
	}

	@Test
	void streamsTheAnswerAsSafeMarkdownThenShowsTheModelTheFinishReasonAndTheUsage(CapturedOutput output)
			throws IOException {
		this.mockMuleRun.whenLastUserMessageContains("haiku")
			.respondWith(MockResponse.text(ANSWER).withChunkDelay(Duration.ofMillis(60)).withUsage(12, 34));
		new Select(modelPicker()).selectByValue("claude-sonnet-4-5");
		driver.findElement(By.id("prompt")).sendKeys("Write a haiku about streaming");

		driver.findElement(By.id("send")).click();
		String partial = waitUpTo(Duration.ofSeconds(10)).until((browser) -> {
			String text = answerText();
			return text.isEmpty() ? null : text;
		});
		String announcedWhileStreaming = announcer();
		waitUpTo(Duration.ofSeconds(15)).until((browser) -> "Done".equals(status()));

		assertThat(partial).isNotEqualTo(ANSWER_TEXT);
		assertThat(announcedWhileStreaming).isEmpty();
		assertThat(answerText()).isEqualTo(ANSWER_TEXT);
		WebElement answer = lastAnswer();
		assertThat(answer.findElement(By.tagName("strong")).getText()).isEqualTo("Streams");
		assertThat(answer.findElements(By.tagName("li"))).extracting(WebElement::getText)
			.containsExactly("each token a small step,", "the page grows with them.");
		assertThat(answer.findElements(By.tagName("img"))).isEmpty();
		assertThat(answer.getText()).contains("<img src=x onerror=alert(1)>");
		assertThat(driver.findElement(By.id("meta")).getText())
			.isEqualTo("Answered by claude-sonnet-4-5 · finish reason: stop");
		assertThat(driver.findElement(By.id("usage")).getText())
			.isEqualTo("Usage: 12 prompt + 34 completion = 46 tokens");
		assertThat(announcer()).isEqualToNormalizingWhitespace("Answer: " + ANSWER_TEXT);
		assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
		assertThat(this.mockMuleRun.lastRequest().model()).isEqualTo("claude-sonnet-4-5");
		assertThat(this.mockMuleRun.lastRecordedRequest().lastUserMessage()).isEqualTo("Write a haiku about streaming");
		assertThat(driver.findElement(By.id("prompt")).getAttribute("value")).isEmpty();
		screenshot("chat-web-screenshot.png");
	}

	@Test
	void stopEndsTheAnswerAndTheServerSeesTheCancel(CapturedOutput output) {
		this.mockMuleRun.whenAnyRequest()
			.respondWith(MockResponse.text("one two three four five six seven eight nine ten")
				.withChunkDelay(Duration.ofMillis(400)));
		driver.findElement(By.id("prompt")).sendKeys("Count slowly");
		assertThat(driver.findElement(By.id("stop")).isEnabled()).isFalse();

		driver.findElement(By.id("send")).click();
		waitUpTo(Duration.ofSeconds(10)).until((browser) -> !answerText().isEmpty());
		driver.findElement(By.id("stop")).click();
		waitUpTo(Duration.ofSeconds(10)).until((browser) -> "Stopped".equals(status()));

		assertThat(answerText()).startsWith("one").doesNotContain("ten");
		assertThat(driver.findElement(By.id("send")).isEnabled()).isTrue();
		assertThat(driver.findElement(By.id("stop")).isEnabled()).isFalse();
		waitUpTo(Duration.ofSeconds(10)).until((browser) -> output.getOut().contains("Answer stopped by the page"));
	}

	@Test
	void sendsASixThousandCharacterPromptThenASecondTurnWithTheHistoryAndStartsOverOnNewChat() {
		this.mockMuleRun.whenAnyRequest()
			.respondUsing((request) -> MockResponse.text("Answer " + request.messages().size()));
		String longPrompt = "Résumé ".repeat(857) + "end";
		WebElement prompt = driver.findElement(By.id("prompt"));
		driver.executeScript("arguments[0].value = arguments[1]", prompt, longPrompt);

		driver.findElement(By.id("send")).click();
		waitUpTo(Duration.ofSeconds(10)).until((browser) -> "Done".equals(status()));
		prompt.sendKeys("And a second question");
		prompt.sendKeys(Keys.CONTROL, Keys.ENTER);
		waitUpTo(Duration.ofSeconds(10)).until((browser) -> answerText().equals("Answer 3"));

		assertThat(longPrompt).hasSize(6002);
		assertThat(this.mockMuleRun.requests()).hasSize(2);
		assertThat(this.mockMuleRun.recordedRequests().get(0).lastUserMessage()).isEqualTo(longPrompt);
		assertThat(this.mockMuleRun.lastRequest().messages()).extracting((message) -> message.role().value())
			.containsExactly("user", "assistant", "user");
		assertThat(driver.findElements(By.cssSelector("#transcript .message"))).hasSize(4);

		driver.findElement(By.id("new-chat")).click();
		assertThat(driver.findElements(By.cssSelector("#transcript .message"))).isEmpty();
		assertThat(status()).isEqualTo("Idle");
		prompt.sendKeys("Fresh start");
		driver.findElement(By.id("send")).click();
		waitUpTo(Duration.ofSeconds(10)).until((browser) -> "Done".equals(status()));
		assertThat(answerText()).isEqualTo("Answer 1");
	}

	@Test
	void showsAReadableErrorAndGivesThePromptBackWhenTheCallFailsAndABlankPromptClearsTheStatus(CapturedOutput output)
			throws IOException {
		this.mockMuleRun.whenAnyRequest().respondWith(MockResponse.rateLimited(Duration.ofSeconds(20)));
		driver.findElement(By.id("prompt")).sendKeys("Hello?");

		driver.findElement(By.id("send")).click();
		waitUpTo(Duration.ofSeconds(10)).until((browser) -> driver.findElement(By.id("error")).isDisplayed());

		assertThat(driver.findElement(By.id("error")).getText())
			.startsWith("HTTP 429 (rate_limit_exceeded): Rate limit reached for requests. Please try again in 20s.");
		assertThat(status()).isEqualTo("Failed");
		assertThat(driver.findElements(By.cssSelector("#transcript .message"))).isEmpty();
		assertThat(driver.findElement(By.id("prompt")).getAttribute("value")).isEqualTo("Hello?");
		assertThat(driver.findElement(By.id("send")).isEnabled()).isTrue();
		assertThat(output.getOut()).containsOnlyOnce("MuleRun call failed: HTTP 429");
		screenshot("chat-web-error-screenshot.png");

		driver.findElement(By.id("prompt")).clear();
		driver.findElement(By.id("send")).click();
		assertThat(status()).isEqualTo("Idle");
		assertThat(driver.findElement(By.id("error")).getText()).isEqualTo("Type a prompt first.");
	}

	@Test
	void fitsA390PixelWideScreenAndKeepsTheFocusOrder() throws IOException {
		this.mockMuleRun.whenAnyRequest().respondWith(MockResponse.text(ANSWER).withUsage(12, 34));
		driver.manage().window().setSize(new Dimension(390, 844));
		try {
			driver.findElement(By.id("prompt")).sendKeys("Write a haiku about streaming");
			driver.findElement(By.id("send")).click();
			waitUpTo(Duration.ofSeconds(10)).until((browser) -> "Done".equals(status()));

			Number overflow = (Number) driver
				.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
			assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
			screenshot("chat-web-390px-screenshot.png");
			driver.executeScript("arguments[0].focus()", modelPicker());
			List<String> order = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				order.add(driver.switchTo().activeElement().getAttribute("id"));
				driver.switchTo().activeElement().sendKeys(Keys.TAB);
			}
			assertThat(order).containsExactly("model", "prompt", "send", "new-chat");
		}
		finally {
			driver.manage().window().setSize(new Dimension(1000, 860));
		}
	}

	@Test
	void showsTheToolRoundOfTheServerClockBeforeTheAnswer() throws IOException {
		this.mockMuleRun.whenLastUserMessageContains("server time")
			.respondWith(MockResponse.toolCall(ServerClockTools.NAME, "{}"),
					MockResponse.text("The server's clock says it is noon.").withChunkDelay(Duration.ofMillis(20)));
		driver.findElement(By.id("prompt")).sendKeys("What is the server time?");

		driver.findElement(By.id("send")).click();
		waitUpTo(Duration.ofSeconds(15)).until((browser) -> "Done".equals(status()));

		assertThat(driver.findElement(By.id("tools")).getText()).isEqualTo("Tools called: " + ServerClockTools.NAME);
		assertThat(answerText()).isEqualTo("The server's clock says it is noon.");
		assertThat(this.mockMuleRun.requestCount()).isEqualTo(2);
		screenshot("chat-web-tool-screenshot.png");
	}

	@Test
	void hasAFavicon() {
		assertThat(driver.findElement(By.cssSelector("link[rel=icon]")).getAttribute("href")).endsWith("/favicon.svg");
	}

	private static WebElement modelPicker() {
		return driver.findElement(By.id("model"));
	}

	private static WebElement lastAnswer() {
		List<WebElement> answers = driver.findElements(By.cssSelector("#transcript .message.assistant"));
		return answers.get(answers.size() - 1);
	}

	private static String answerText() {
		List<WebElement> answers = driver.findElements(By.cssSelector("#transcript .message.assistant"));
		return answers.isEmpty() ? "" : answers.get(answers.size() - 1).getText();
	}

	private static String announcer() {
		return (String) driver.executeScript("return document.getElementById('announcer').textContent");
	}

	private static String status() {
		return driver.findElement(By.id("status")).getText();
	}

	private static WebDriverWait waitUpTo(Duration timeout) {
		WebDriverWait wait = new WebDriverWait(driver, timeout);
		wait.pollingEvery(Duration.ofMillis(10));
		return wait;
	}

	private static void screenshot(String name) throws IOException {
		Path target = Path.of("target", name);
		Files.createDirectories(target.getParent());
		Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
		assertThat(List.of(Files.size(target))).allMatch((size) -> size > 1000);
	}

}
