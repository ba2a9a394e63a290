package com.mulerun.chat;

import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunAuthenticationException;
import com.mulerun.chat.error.MuleRunBadRequestException;
import com.mulerun.chat.error.MuleRunContentFilterException;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.error.MuleRunNotFoundException;
import com.mulerun.chat.error.MuleRunQuotaExceededException;
import com.mulerun.chat.error.MuleRunRateLimitException;
import com.mulerun.chat.error.MuleRunServerException;
import com.mulerun.chat.error.MuleRunStreamErrorEventException;
import com.mulerun.chat.error.MuleRunStreamException;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.FinishReason;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers shared by the end-to-end tests of {@link ChatCompletionTemplate}: corpus
 * fixtures and their expectations, a bounded wait without {@code Thread.sleep}, a log
 * capture and a scheduler that records the delays it is asked for.
 */
final class TemplateTestSupport {

	static final JsonMapper MAPPER = ChatJson.mapper();

	static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder().userMessage("Hi").build();

	private static volatile @Nullable JsonNode expectations;

	private TemplateTestSupport() {
	}

	// --- corpus
	// ----------------------------------------------------------------------------------------------

	static byte[] corpus(String name) {
		try (InputStream in = TemplateTestSupport.class.getResourceAsStream("/corpus/" + name)) {
			if (in == null) {
				throw new IllegalStateException("Missing corpus file " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode cases() {
		JsonNode loaded = expectations;
		if (loaded == null) {
			loaded = MAPPER.readTree(new String(corpus("expectations.json"), StandardCharsets.UTF_8)).get("cases");
			expectations = loaded;
		}
		return loaded;
	}

	static JsonNode corpusCase(String name) {
		return cases().get(name);
	}

	static List<String> corpusNames(String kind) {
		List<String> names = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : cases().properties()) {
			if (kind.equals(entry.getValue().get("kind").asString())) {
				names.add(entry.getKey());
			}
		}
		names.sort(null);
		return names;
	}

	static @Nullable String text(@Nullable JsonNode node) {
		return (node == null || node.isNull() || node.isMissingNode()) ? null : node.asString();
	}

	/**
	 * Asserts that a completion (aggregated or not) matches the {@code expect} node of a
	 * corpus case: id, usage and, per choice, content, refusal, reasoning, tool calls,
	 * images and finish reason.
	 */
	static void assertCompletion(ChatCompletion result, JsonNode expect) {
		if (expect.has("responseId")) {
			assertThat(result.id()).as("responseId").isEqualTo(text(expect.get("responseId")));
		}
		if (expect.has("model")) {
			assertThat(result.model()).as("model").isEqualTo(text(expect.get("model")));
		}
		if (expect.has("created") && !expect.get("created").isNull()) {
			assertThat(result.created()).as("created").isEqualTo(expect.get("created").asLong());
		}
		if (expect.has("usage")) {
			assertUsage(result.usage(), expect.get("usage"));
		}
		if (expect.has("finish_reasons_raw")) {
			assertFinishReasons(result.choices(), expect);
		}
		JsonNode choices = expect.get("choices");
		if (choices == null) {
			return;
		}
		assertThat(result.choices()).as("choices").hasSize(choices.size());
		for (int i = 0; i < choices.size(); i++) {
			assertChoice(result.choices().get(i), choices.get(i));
		}
	}

	/**
	 * Asserts that every member the expectations list is in the usage with the same
	 * value; a member the usage model moved into a details object (such as
	 * {@code cached_tokens}) is looked up there.
	 */
	private static void assertUsage(@Nullable Usage usage, JsonNode expected) {
		if (expected.isNull()) {
			assertThat(usage).as("usage").isNull();
			return;
		}
		assertThat(usage).as("usage").isNotNull();
		JsonNode actual = MAPPER.valueToTree(usage);
		for (Map.Entry<String, JsonNode> member : expected.properties()) {
			JsonNode value = actual.get(member.getKey());
			if (value == null) {
				for (JsonNode nested : actual.values()) {
					if (nested.isObject() && nested.has(member.getKey())) {
						value = nested.get(member.getKey());
					}
				}
			}
			if (member.getValue().isNull()) {
				assertThat(value == null || value.isNull()).as("usage.%s is null", member.getKey()).isTrue();
			}
			else if (member.getValue().isNumber()) {
				assertThat(value).as("usage.%s", member.getKey()).isNotNull();
				assertThat(value.decimalValue()).as("usage.%s", member.getKey())
					.isEqualByComparingTo(member.getValue().decimalValue());
			}
			else {
				assertThat(value).as("usage.%s", member.getKey()).isEqualTo(member.getValue());
			}
		}
	}

	private static void assertFinishReasons(@Nullable List<Choice> choices, JsonNode expect) {
		JsonNode raw = expect.get("finish_reasons_raw");
		JsonNode normalized = expect.get("finish_reasons_normalized");
		assertThat(choices).hasSize(raw.size());
		for (int i = 0; i < raw.size(); i++) {
			FinishReason finish = choices.get(i).finishReason();
			assertThat((finish != null) ? finish.value() : null).as("raw finish reason %d", i)
				.isEqualTo(text(raw.get(i)));
			assertThat((finish != null) ? finish.normalized() : null).as("normalized finish reason %d", i)
				.isEqualTo(text(normalized.get(i)));
		}
	}

	private static void assertChoice(Choice choice, JsonNode expect) {
		assertThat(choice.indexOrZero()).isEqualTo(expect.get("index").asInt());
		assertThat(choice.message()).isNotNull();
		JsonNode content = expect.get("content");
		String text = choice.message().text();
		if (content == null || content.isNull()) {
			assertThat(text).as("content").isNullOrEmpty();
		}
		else if (content.isObject()) {
			assertDigest(text, content);
		}
		else {
			assertThat(text).as("content").isEqualTo(content.asString());
		}
		if (expect.has("refusal")) {
			assertThat(choice.message().refusal()).as("refusal").isEqualTo(text(expect.get("refusal")));
		}
		if (expect.has("reasoning")) {
			assertThat(choice.message().reasoning()).as("reasoning").isEqualTo(text(expect.get("reasoning")));
		}
		JsonNode toolCalls = expect.get("tool_calls");
		if (toolCalls != null) {
			assertToolCalls(choice.message().toolCallsOrEmpty(), toolCalls);
		}
		else {
			assertThat(choice.message().toolCallsOrEmpty()).as("tool calls").isEmpty();
		}
		if (expect.has("images")) {
			assertThat(imageCount(choice)).as("images").isEqualTo(expect.get("images").size());
		}
		FinishReason finish = choice.finishReason();
		Object raw = (finish != null) ? finish.wireValue() : null;
		if (expect.has("finish_reason_raw")) {
			assertThat(raw).as("raw finish reason").isEqualTo(text(expect.get("finish_reason_raw")));
		}
		assertThat((finish != null) ? finish.normalized() : null).as("finish reason")
			.isEqualTo(text(expect.get("finish_reason")));
	}

	private static int imageCount(Choice choice) {
		Object images = choice.message().extra().get("images");
		if (images instanceof List<?> list) {
			return list.size();
		}
		if (choice.message().content() instanceof com.mulerun.chat.model.MessageContent.Parts parts) {
			return (int) parts.parts().stream().filter(com.mulerun.chat.model.ImagePart.class::isInstance).count();
		}
		return 0;
	}

	private static void assertToolCalls(List<ToolCall> actual, JsonNode expected) {
		assertThat(actual).as("tool calls").hasSize(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			JsonNode expectedCall = expected.get(i);
			assertThat(actual.get(i)).isInstanceOf(FunctionToolCall.class);
			FunctionToolCall call = (FunctionToolCall) actual.get(i);
			assertThat(call.id()).as("tool call id").isEqualTo(text(expectedCall.get("id")));
			assertThat(call.function().name()).as("tool call name").isEqualTo(text(expectedCall.get("name")));
			JsonNode arguments = expectedCall.get("arguments");
			if (arguments.isObject()) {
				assertDigest(call.function().arguments(), arguments);
			}
			else {
				assertThat(call.function().arguments()).as("arguments").isEqualTo(arguments.asString());
			}
		}
	}

	static void assertDigest(@Nullable String text, JsonNode digest) {
		assertThat(text).isNotNull();
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		assertThat(text.codePointCount(0, text.length())).isEqualTo(digest.get("codePoints").asInt());
		assertThat(utf8).hasSize(digest.get("utf8Bytes").asInt());
		try {
			String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));
			assertThat(sha).isEqualTo(digest.get("sha256").asString());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Maps the corpus' error class names onto the exception classes of the client.
	 */
	static Class<? extends MuleRunException> exceptionClass(String corpusClass) {
		String name = corpusClass.split(" ")[0];
		return switch (name) {
			case "BadRequestError" -> MuleRunBadRequestException.class;
			case "ContentFilterError" -> MuleRunContentFilterException.class;
			case "AuthenticationError" -> MuleRunAuthenticationException.class;
			case "RateLimitError" -> MuleRunRateLimitException.class;
			case "QuotaExceededError" -> MuleRunQuotaExceededException.class;
			case "ServerError" -> MuleRunServerException.class;
			case "NotFoundError" -> MuleRunNotFoundException.class;
			case "StreamError" -> MuleRunStreamErrorEventException.class;
			case "IncompleteStreamError" -> MuleRunStreamException.class;
			default -> throw new IllegalArgumentException("Unknown corpus error class " + corpusClass);
		};
	}

	/**
	 * Asserts that an API exception carries what the corpus' {@code expect.error} node
	 * states.
	 */
	static void assertApiError(Throwable failure, JsonNode expect) {
		JsonNode error = expect.get("error");
		assertThat(failure).isExactlyInstanceOf(exceptionClass(error.get("class").asString()));
		MuleRunApiException ex = (MuleRunApiException) failure;
		assertThat(ex.httpStatus()).as("httpStatus").isEqualTo(error.get("httpStatus").asInt());
		int effective = error.has("effectiveStatus") ? error.get("effectiveStatus").asInt()
				: error.get("httpStatus").asInt();
		assertThat(ex.statusCode()).as("statusCode").isEqualTo(effective);
		if (error.has("type")) {
			assertThat(ex.errorType()).as("type").isEqualTo(text(error.get("type")));
		}
		if (error.has("code")) {
			assertThat(ex.errorCode()).as("code").isEqualTo(text(error.get("code")));
		}
		if (error.has("param")) {
			assertThat(ex.errorParam()).as("param").isEqualTo(text(error.get("param")));
		}
		if (error.has("message")) {
			assertThat(ex.providerMessage()).as("message").isEqualTo(error.get("message").asString());
		}
		if (error.has("messageStartsWith")) {
			assertThat(ex.providerMessage()).as("message").startsWith(error.get("messageStartsWith").asString());
		}
		JsonNode requestId = error.has("requestId") ? error.get("requestId") : expect.get("requestId");
		if (requestId != null) {
			assertThat(ex.requestId()).as("requestId").isEqualTo(text(requestId));
		}
		if (error.has("retryAfterMs")) {
			assertThat(ex.retryAfter()).as("retryAfter")
				.isEqualTo(Duration.ofMillis(error.get("retryAfterMs").asLong()));
		}
		assertThat(ex.getMessage()).doesNotContain("sk-test");
	}

	// --- waiting
	// ----------------------------------------------------------------------------------------------

	/**
	 * Waits until the condition holds, polling every few milliseconds, and fails after
	 * {@code max}.
	 */
	static void await(Duration max, String description, BooleanSupplier condition) {
		long deadline = System.nanoTime() + max.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Timed out after " + max.toMillis() + " ms waiting until " + description);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
	}

	/**
	 * Waits until the value returned by the supplier has not changed for {@code quiet},
	 * at most {@code max}.
	 */
	static long awaitStable(Duration quiet, Duration max, java.util.function.LongSupplier value) {
		long deadline = System.nanoTime() + max.toNanos();
		long last = value.getAsLong();
		long since = System.nanoTime();
		while (System.nanoTime() - since < quiet.toNanos()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Value still changing after " + max.toMillis() + " ms: " + last);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			long current = value.getAsLong();
			if (current != last) {
				last = current;
				since = System.nanoTime();
			}
		}
		return last;
	}

	// --- logs
	// -------------------------------------------------------------------------------------------------

	/**
	 * Captures WARN and ERROR events of every logger while open.
	 */
	static final class WarningCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

		final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

		private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

		WarningCapture() {
			setName("warning-capture");
			setContext(this.root.getLoggerContext());
			start();
			this.root.addAppender(this);
		}

		@Override
		protected void append(ILoggingEvent event) {
			if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
				this.events.add(event);
			}
		}

		List<String> messages() {
			return this.events.stream()
				.map((event) -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage())
				.toList();
		}

		@Override
		public void close() {
			this.root.detachAppender(this);
			stop();
		}

	}

	// --- connection pool
	// -------------------------------------------------------------------------------------

	/**
	 * A connection pool whose metrics the test can read, and a connector using it.
	 */
	static final class MeteredPool implements ConnectionProvider.MeterRegistrar, AutoCloseable {

		private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

		final ConnectionProvider provider;

		MeteredPool(String name, int maxConnections) {
			this.provider = ConnectionProvider.builder(name)
				.maxConnections(maxConnections)
				.pendingAcquireMaxCount(-1)
				.metrics(true, () -> this)
				.build();
		}

		ClientHttpConnector connector() {
			return new ReactorClientHttpConnector(HttpClient.create(this.provider));
		}

		@Override
		public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
				ConnectionPoolMetrics metrics) {
			this.pools.put(id + remoteAddress, metrics);
		}

		/** Connections currently lent out by the pool, over every remote address. */
		int acquired() {
			return this.pools.values().stream().mapToInt(ConnectionPoolMetrics::acquiredSize).sum();
		}

		/** Connections the pool holds (idle or lent out). */
		int allocated() {
			return this.pools.values().stream().mapToInt(ConnectionPoolMetrics::allocatedSize).sum();
		}

		void awaitNoneAcquired() {
			await(Duration.ofSeconds(5), "every pooled connection is released", () -> acquired() == 0);
		}

		@Override
		public void close() {
			this.provider.disposeLater().block(Duration.ofSeconds(5));
		}

	}

	// --- virtual time
	// -----------------------------------------------------------------------------------------

	/**
	 * A virtual-time scheduler that records every delay it is asked to schedule.
	 */
	static final class RecordingScheduler extends VirtualTimeScheduler {

		final List<Duration> delays = new CopyOnWriteArrayList<>();

		RecordingScheduler() {
			super(false);
		}

		@Override
		public reactor.core.Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			this.delays.add(Duration.ofNanos(unit.toNanos(delay)));
			return super.schedule(task, delay, unit);
		}

		/**
		 * Returns the recorded delays other than the given timeouts.
		 */
		List<Duration> delaysExcept(Duration... timeouts) {
			List<Duration> result = new ArrayList<>(this.delays);
			result.removeAll(List.of(timeouts));
			result.removeIf(Duration::isZero);
			return result;
		}

	}

}
