package com.mulerun.chat.http;

import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.error.ApiErrors;
import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunClientTimeoutException;
import com.mulerun.chat.error.MuleRunConnectionException;
import com.mulerun.chat.error.MuleRunQuotaExceededException;
import com.mulerun.chat.error.MuleRunRateLimitException;
import com.mulerun.chat.error.MuleRunServerException;
import com.mulerun.chat.error.MuleRunStreamException;
import com.mulerun.chat.error.MuleRunValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.util.retry.Retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MuleRunRetry} and {@link RetrySettings}, on virtual time.
 */
class MuleRunRetryTests {

	private static final DoubleSupplier NO_JITTER = () -> 0.0;

	private static final DoubleSupplier FULL_JITTER = () -> 1.0;

	private final AtomicInteger attempts = new AtomicInteger();

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	@Test
	void retryableFailuresAreRetriedWithExponentialBackoffUntilSuccess() {
		Supplier<Mono<String>> call = () -> failingTimes(2, () -> apiError(503, HttpHeaders.EMPTY));

		StepVerifier
			.withVirtualTime(() -> call.get().retryWhen(retry(RetrySettings.DEFAULTS, NO_JITTER)), () -> this.scheduler,
					Long.MAX_VALUE)
			.expectSubscription()
			.then(() -> assertThat(this.attempts).hasValue(1))
			.expectNoEvent(Duration.ofMillis(499))
			.then(() -> assertThat(this.attempts).hasValue(1))
			.thenAwait(Duration.ofMillis(1))
			.then(() -> assertThat(this.attempts).hasValue(2))
			.expectNoEvent(Duration.ofMillis(999))
			.then(() -> assertThat(this.attempts).hasValue(2))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.verifyComplete();
		assertThat(this.attempts).hasValue(3);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 422 })
	void clientErrorsAreNotRetried(int status) {
		StepVerifier
			.withVirtualTime(() -> failingTimes(5, () -> apiError(status, HttpHeaders.EMPTY))
				.retryWhen(retry(RetrySettings.DEFAULTS, NO_JITTER)), () -> this.scheduler, Long.MAX_VALUE)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MuleRunApiException.class)
				.extracting((e) -> ((MuleRunApiException) e).statusCode())
				.isEqualTo(status))
			.verify(Duration.ofSeconds(5));
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void aStreamThatBrokeBeforeItsFirstChunkIsRetryableButNotOneThatDeliveredChunks() {
		assertThat(MuleRunRetry.isRetryable(MuleRunStreamException.connectionClosed(0, false, null, null))).isTrue();
		assertThat(MuleRunRetry.isRetryable(MuleRunStreamException.connectionClosed(3, true, null, null))).isFalse();
	}

	@Test
	void rateLimitIsRetried() {
		StepVerifier
			.withVirtualTime(() -> failingTimes(1, () -> apiError(429, HttpHeaders.EMPTY))
				.retryWhen(retry(RetrySettings.DEFAULTS, NO_JITTER)), () -> this.scheduler, Long.MAX_VALUE)
			.thenAwait(Duration.ofMillis(500))
			.expectNext("ok")
			.verifyComplete();
		assertThat(this.attempts).hasValue(2);
	}

	@Test
	void quotaExceededIsNotRetried() {
		byte[] body = "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\"}}"
			.getBytes(StandardCharsets.UTF_8);

		StepVerifier
			.withVirtualTime(() -> failingTimes(5, () -> ApiErrors.create(429, HttpHeaders.EMPTY, body))
				.retryWhen(retry(RetrySettings.DEFAULTS, NO_JITTER)), () -> this.scheduler, Long.MAX_VALUE)
			.expectError(MuleRunQuotaExceededException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void shouldRetryFalseIsHonoured() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("x-should-retry", "false");

		StepVerifier
			.withVirtualTime(() -> failingTimes(5, () -> apiError(503, headers))
				.retryWhen(retry(RetrySettings.DEFAULTS, NO_JITTER)), () -> this.scheduler, Long.MAX_VALUE)
			.expectError(MuleRunServerException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void serverRequestedDelayIsHonouredWithoutJitter() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("retry-after", "3");

		StepVerifier
			.withVirtualTime(() -> failingTimes(1, () -> apiError(429, headers))
				.retryWhen(retry(RetrySettings.DEFAULTS, FULL_JITTER)), () -> this.scheduler, Long.MAX_VALUE)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(2999))
			.then(() -> assertThat(this.attempts).hasValue(1))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.verifyComplete();
	}

	@ParameterizedTest
	@ValueSource(strings = { "retry-after: 0", "retry-after: -5", "retry-after-ms: 0", "retry-after: 99999999999",
			"retry-after: Thu, 01 Jan 1970 00:00:00 GMT" })
	void aServerDelayThatIsNotPositiveOrAbsurdFallsBackToTheComputedBackoff(String header) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(header.substring(0, header.indexOf(':')), header.substring(header.indexOf(':') + 1).strip());
		MuleRunApiException failure = apiError(503, headers);
		Retry retry = retry(RetrySettings.DEFAULTS, NO_JITTER);

		assertThat(((MuleRunRetry) retry).delayFor(failure, 0)).isEqualTo(Duration.ofMillis(500));
		assertThat(((MuleRunRetry) retry).delayFor(failure, 2)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aZeroRetryAfterDoesNotRetryImmediately() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("retry-after", "0");

		StepVerifier
			.withVirtualTime(() -> failingTimes(1, () -> apiError(429, headers))
				.retryWhen(retry(RetrySettings.DEFAULTS, NO_JITTER)), () -> this.scheduler, Long.MAX_VALUE)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(499))
			.then(() -> assertThat(this.attempts).hasValue(1))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.verifyComplete();
	}

	@Test
	void serverRequestedDelayIsCappedAtMaxServerDelay() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("retry-after", "3600");
		RetrySettings policy = RetrySettings.DEFAULTS.withMaxServerDelay(Duration.ofSeconds(60));

		StepVerifier
			.withVirtualTime(() -> failingTimes(1, () -> apiError(503, headers)).retryWhen(retry(policy, NO_JITTER)),
					() -> this.scheduler, Long.MAX_VALUE)
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(59))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("ok")
			.verifyComplete();
		assertThat(this.attempts).hasValue(2);
	}

	@Test
	void jitterShortensTheBackoffByAtMostTheJitterFraction() {
		List<Double> randoms = new ArrayList<>(List.of(1.0, 1.0));
		DoubleSupplier sequence = () -> randoms.remove(0);

		StepVerifier
			.withVirtualTime(() -> failingTimes(2, () -> apiError(500, HttpHeaders.EMPTY))
				.retryWhen(retry(RetrySettings.DEFAULTS, sequence)), () -> this.scheduler, Long.MAX_VALUE)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(374))
			.thenAwait(Duration.ofMillis(1))
			.then(() -> assertThat(this.attempts).hasValue(2))
			.expectNoEvent(Duration.ofMillis(749))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.verifyComplete();
		assertThat(randoms).isEmpty();
	}

	@Test
	void backoffGrowsByTheMultiplierAndIsCappedAtMaxBackoff() {
		RetrySettings policy = RetrySettings.DEFAULTS;

		assertThat(List.of(policy.backoff(0, 0), policy.backoff(1, 0), policy.backoff(2, 0), policy.backoff(3, 0),
				policy.backoff(4, 0), policy.backoff(5, 0), policy.backoff(30, 0)))
			.containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
					Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8));
		assertThat(policy.backoff(5, 1.0)).isEqualTo(Duration.ofSeconds(6));
		assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(1750));
	}

	@Test
	void delaysStayWithinTheJitterBoundsWithTheDefaultRandom() {
		MuleRunRetry retry = (MuleRunRetry) MuleRunRetry.of(RetrySettings.DEFAULTS, this.scheduler, null);
		MuleRunApiException failure = apiError(503, HttpHeaders.EMPTY);

		for (int i = 0; i < 200; i++) {
			assertThat(retry.delayFor(failure, 0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
			assertThat(retry.delayFor(failure, 6)).isBetween(Duration.ofMillis(6000), Duration.ofMillis(8000));
		}
	}

	@Test
	void exhaustedRetriesPropagateTheLastFailureWithEarlierOnesSuppressed() {
		List<MuleRunApiException> failures = new ArrayList<>();
		Supplier<MuleRunApiException> next = () -> {
			MuleRunApiException ex = apiError(502, HttpHeaders.EMPTY);
			failures.add(ex);
			return ex;
		};

		StepVerifier
			.withVirtualTime(() -> failingTimes(10, next).retryWhen(retry(RetrySettings.DEFAULTS, NO_JITTER)),
					() -> this.scheduler, Long.MAX_VALUE)
			.thenAwait(Duration.ofSeconds(10))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isSameAs(failures.get(2));
				assertThat(ex.getSuppressed()).containsExactly(failures.get(0), failures.get(1));
			})
			.verify(Duration.ofSeconds(5));
		assertThat(this.attempts).hasValue(3);
	}

	@Test
	void nonRetryableFailureAfterRetriesKeepsTheEarlierOnesSuppressed() {
		MuleRunApiException first = apiError(503, HttpHeaders.EMPTY);
		MuleRunApiException second = apiError(400, HttpHeaders.EMPTY);
		List<MuleRunApiException> sequence = new ArrayList<>(List.of(first, second));

		StepVerifier
			.withVirtualTime(
					() -> failingTimes(2, () -> sequence.remove(0)).retryWhen(retry(RetrySettings.DEFAULTS, NO_JITTER)),
					() -> this.scheduler, Long.MAX_VALUE)
			.thenAwait(Duration.ofSeconds(1))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isSameAs(second);
				assertThat(ex.getSuppressed()).containsExactly(first);
			})
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void theSameFailureInstanceIsNotSuppressedIntoItself() {
		MuleRunApiException same = apiError(500, HttpHeaders.EMPTY);

		StepVerifier
			.withVirtualTime(() -> failingTimes(10, () -> same).retryWhen(retry(RetrySettings.DEFAULTS, NO_JITTER)),
					() -> this.scheduler, Long.MAX_VALUE)
			.thenAwait(Duration.ofSeconds(10))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isSameAs(same);
				assertThat(ex.getSuppressed()).isEmpty();
			})
			.verify(Duration.ofSeconds(5));
		assertThat(this.attempts).hasValue(3);
	}

	@Test
	void onRetryIsCalledBeforeEachRetry() {
		List<Long> retries = new ArrayList<>();
		List<Throwable> causes = new ArrayList<>();
		Retry retry = MuleRunRetry.of(RetrySettings.DEFAULTS, this.scheduler, (signal) -> {
			retries.add(signal.totalRetries());
			causes.add(signal.failure());
		});

		StepVerifier
			.withVirtualTime(() -> failingTimes(2, () -> apiError(429, HttpHeaders.EMPTY)).retryWhen(retry),
					() -> this.scheduler, Long.MAX_VALUE)
			.thenAwait(Duration.ofSeconds(2))
			.expectNext("ok")
			.verifyComplete();
		assertThat(retries).containsExactly(0L, 1L);
		assertThat(causes).allSatisfy((cause) -> assertThat(cause).isInstanceOf(MuleRunRateLimitException.class));
	}

	@Test
	void noneNeverRetries() {
		StepVerifier
			.withVirtualTime(() -> failingTimes(1, () -> apiError(503, HttpHeaders.EMPTY))
				.retryWhen(retry(RetrySettings.none(), NO_JITTER)), () -> this.scheduler, Long.MAX_VALUE)
			.expectError(MuleRunServerException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void maxRetriesBoundsTheNumberOfAttempts() {
		StepVerifier
			.withVirtualTime(
					() -> failingTimes(10, () -> apiError(503, HttpHeaders.EMPTY))
						.retryWhen(retry(RetrySettings.DEFAULTS.withMaxRetries(4), NO_JITTER)),
					() -> this.scheduler, Long.MAX_VALUE)
			.thenAwait(Duration.ofMinutes(1))
			.expectError(MuleRunServerException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.attempts).hasValue(5);
	}

	@Test
	void retryabilityFollowsTheKindOfFailure() {
		byte[] transientEvent = "{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}"
			.getBytes(StandardCharsets.UTF_8);
		byte[] permanentEvent = "{\"error\":{\"message\":\"Bad tool schema\",\"type\":\"invalid_request_error\"}}"
			.getBytes(StandardCharsets.UTF_8);

		assertThat(MuleRunRetry.isRetryable(new MuleRunConnectionException("Connection refused", true, null))).isTrue();
		assertThat(MuleRunRetry.isRetryable(new MuleRunConnectionException("Connection reset", false, null))).isFalse();
		assertThat(MuleRunRetry.isRetryable(
				new MuleRunClientTimeoutException(MuleRunClientTimeoutException.Kind.CONNECT, Duration.ofSeconds(1))))
			.isTrue();
		assertThat(MuleRunRetry.isRetryable(
				new MuleRunClientTimeoutException(MuleRunClientTimeoutException.Kind.RESPONSE, Duration.ofSeconds(1))))
			.isTrue();
		assertThat(MuleRunRetry.isRetryable(new MuleRunClientTimeoutException(
				MuleRunClientTimeoutException.Kind.STREAM_IDLE, Duration.ofSeconds(1))))
			.isFalse();
		assertThat(MuleRunRetry.isRetryable(
				new MuleRunClientTimeoutException(MuleRunClientTimeoutException.Kind.OVERALL, Duration.ofSeconds(1))))
			.isFalse();
		assertThat(MuleRunRetry.isRetryable(new MuleRunValidationException(
				List.of(new MuleRunValidationException.Violation("messages", "must not be empty")))))
			.isFalse();
		assertThat(MuleRunRetry
			.isRetryable(ApiErrors.fromStreamEvent(HttpHeaders.EMPTY, transientEvent, 0, transientEvent.length, false)))
			.isTrue();
		assertThat(MuleRunRetry
			.isRetryable(ApiErrors.fromStreamEvent(HttpHeaders.EMPTY, permanentEvent, 0, permanentEvent.length, false)))
			.isFalse();
		assertThat(MuleRunRetry.isRetryable(new IllegalStateException("boom"))).isFalse();
	}

	@Test
	void connectTimeoutIsRetriedButStreamIdleTimeoutIsNot() {
		StepVerifier
			.withVirtualTime(
					() -> failingTimes(1,
							() -> new MuleRunClientTimeoutException(MuleRunClientTimeoutException.Kind.CONNECT,
									Duration.ofSeconds(5)))
						.retryWhen(retry(RetrySettings.DEFAULTS, NO_JITTER)),
					() -> this.scheduler, Long.MAX_VALUE)
			.thenAwait(Duration.ofMillis(500))
			.expectNext("ok")
			.verifyComplete();
		assertThat(this.attempts).hasValue(2);

		this.attempts.set(0);
		StepVerifier
			.withVirtualTime(
					() -> failingTimes(1,
							() -> new MuleRunClientTimeoutException(MuleRunClientTimeoutException.Kind.STREAM_IDLE,
									Duration.ofSeconds(5)))
						.retryWhen(retry(RetrySettings.DEFAULTS, NO_JITTER)),
					() -> this.scheduler, Long.MAX_VALUE)
			.expectError(MuleRunClientTimeoutException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void policyValidationNamesTheInvalidField() {
		Duration second = Duration.ofSeconds(1);
		assertThatIllegalArgumentException().isThrownBy(() -> RetrySettings.DEFAULTS.withMaxRetries(-1))
			.withMessageContaining("maxRetries");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetrySettings.DEFAULTS.withInitialBackoff(second.negated()))
			.withMessageContaining("initialBackoff");
		assertThatIllegalArgumentException().isThrownBy(() -> RetrySettings.DEFAULTS.withMaxBackoff(null))
			.withMessageContaining("maxBackoff");
		assertThatIllegalArgumentException().isThrownBy(() -> RetrySettings.DEFAULTS.withMultiplier(0.5))
			.withMessageContaining("multiplier");
		assertThatIllegalArgumentException().isThrownBy(() -> RetrySettings.DEFAULTS.withJitter(1.5))
			.withMessageContaining("jitter");
		assertThatIllegalArgumentException().isThrownBy(() -> RetrySettings.DEFAULTS.withJitter(Double.NaN))
			.withMessageContaining("jitter");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetrySettings.DEFAULTS.withMaxServerDelay(second.negated()))
			.withMessageContaining("maxServerDelay");
	}

	@Test
	void defaultsAreAsDocumented() {
		assertThat(RetrySettings.DEFAULTS).isEqualTo(
				new RetrySettings(2, Duration.ofMillis(500), Duration.ofSeconds(8), 2.0, 0.25, Duration.ofSeconds(60)));
		assertThat(RetrySettings.none().maxRetries()).isZero();
	}

	private Mono<String> failingTimes(int failures, Supplier<? extends Throwable> failure) {
		return Mono
			.defer(() -> (this.attempts.incrementAndGet() <= failures) ? Mono.error(failure.get()) : Mono.just("ok"));
	}

	private Retry retry(RetrySettings policy, DoubleSupplier random) {
		return MuleRunRetry.of(policy, this.scheduler, null, random);
	}

	private static MuleRunApiException apiError(int status, HttpHeaders headers) {
		byte[] body = ("{\"error\":{\"message\":\"failure " + status + "\",\"type\":\"t\"}}")
			.getBytes(StandardCharsets.UTF_8);
		return ApiErrors.create(status, headers, body);
	}

}
