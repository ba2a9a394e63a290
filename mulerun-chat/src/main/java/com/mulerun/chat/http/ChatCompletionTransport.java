package com.mulerun.chat.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.Timeouts;
import com.mulerun.chat.error.MuleRunClientTimeoutException;
import com.mulerun.chat.error.Redaction;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import com.mulerun.chat.stream.ChunkStreamReader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends serialised requests to the chat completions endpoint and reads the answers: one
 * exchange per attempt with the response timeout, retries as the {@link RetrySettings}
 * allow (a stream only until its first chunk reached the caller, so nothing is delivered
 * twice), the overall timeout of non-streaming calls, and every failure translated into a
 * typed exception. Thread-safe.
 */
public final class ChatCompletionTransport {

	private final WebClient webClient;

	private final URI completionsUri;

	private final Timeouts timeouts;

	private final RetrySettings retrySettings;

	private final Scheduler scheduler;

	private final ResponseBodies bodies;

	private final ChunkStreamReader chunks;

	private final TransportFailures failures;

	/**
	 * Creates a transport.
	 * @param webClient the client, with the base URL, credentials and default headers set
	 * @param completionsUri the absolute URI of the endpoint
	 * @param settings the limits, timeouts and retry settings
	 */
	public ChatCompletionTransport(WebClient webClient, URI completionsUri, Settings settings) {
		this.webClient = webClient;
		this.completionsUri = completionsUri;
		this.timeouts = settings.timeouts();
		this.retrySettings = settings.retrySettings();
		this.scheduler = settings.scheduler();
		this.bodies = new ResponseBodies(settings.jsonMapper(), settings.maxResponseSize(), settings.errorHints());
		this.chunks = new ChunkStreamReader(settings.jsonMapper(), settings.maxEventSize(), settings.scheduler());
		this.failures = new TransportFailures(settings.errorHints(), settings.timeouts().connect());
	}

	/**
	 * Creates the client of a transport: a clone of the given builder (or a new one) with
	 * the connector, the base URL, the default headers and the configured API key as the
	 * bearer token; the credentials are remembered for redaction.
	 * @param webClientBuilder the builder to clone, or {@code null}
	 * @param connector the connector, or {@code null} for the builder's
	 * @param base the base URL
	 * @param defaultHeaders headers sent with every call
	 * @param apiKey the configured API key, or {@code null}
	 * @return the client
	 */
	public static WebClient webClient(WebClient.@Nullable Builder webClientBuilder,
			@Nullable ClientHttpConnector connector, String base, Map<String, List<String>> defaultHeaders,
			@Nullable String apiKey) {
		WebClient.Builder builder = (webClientBuilder != null) ? webClientBuilder.clone() : WebClient.builder();
		if (connector != null) {
			builder.clientConnector(connector);
		}
		Map<String, List<String>> headers = new LinkedHashMap<>(defaultHeaders);
		Redaction.rememberSecret(apiKey);
		Redaction.rememberCredentialHeaders(headers);
		return builder.baseUrl(base).defaultHeaders((defaults) -> {
			headers.forEach(defaults::addAll);
			if (apiKey != null && !apiKey.isBlank()) {
				defaults.setBearerAuth(apiKey);
			}
		}).build();
	}

	/**
	 * Sends a non-streaming request.
	 * @param body the serialised request
	 * @param options the per-call options
	 * @return the completion
	 */
	public Mono<ChatCompletion> exchange(byte[] body, CallOptions options) {
		Duration responseTimeout = or(options.responseTimeout(), this.timeouts.response());
		Duration overallTimeout = or(options.overallTimeout(), this.timeouts.overall());
		Mono<ChatCompletion> attempt = Mono.defer(() -> {
			// the response timeout cancels the exchange: a timer inside the connection
			// (Reactor Netty's responseTimeout) would end it with an error that the HTTP
			// client also logs as a WARN stack trace
			ResponseDeadline deadline = responseDeadline(responseTimeout);
			Mono<ChatCompletion> exchange = request(body, options, MediaType.APPLICATION_JSON).exchangeToMono(
					(response) -> deadline.arrive() ? this.bodies.completion(response, options) : Mono.empty());
			return deadline.apply(exchange)
				.onErrorMap((error) -> this.failures.translate(error, deadline.arrived(), responseTimeout));
		});
		return attempt.retryWhen(retry(options))
			.timeout(overallTimeout,
					Mono.error(() -> timeout(MuleRunClientTimeoutException.Kind.OVERALL, overallTimeout)),
					this.scheduler);
	}

	/**
	 * Sends a streaming request.
	 * @param body the serialised request
	 * @param options the per-call options
	 * @param aggregateSink receives the aggregate of each attempt's stream
	 * @return the chunks
	 */
	public Flux<ChatCompletionChunk> exchangeStream(byte[] body, CallOptions options,
			Consumer<ChatCompletionAggregator> aggregateSink) {
		Duration responseTimeout = or(options.responseTimeout(), this.timeouts.response());
		Duration idleTimeout = or(options.streamIdleTimeout(), this.timeouts.streamIdle());
		AtomicBoolean delivered = new AtomicBoolean();
		Flux<ChatCompletionChunk> attempt = Flux.defer(() -> {
			ResponseDeadline deadline = responseDeadline(responseTimeout);
			Flux<ChatCompletionChunk> exchange = request(body, options, MediaType.TEXT_EVENT_STREAM)
				.exchangeToFlux((response) -> {
					if (!deadline.arrive()) {
						return Flux.empty();
					}
					if (!ResponseBodies.isEventStream(response)) {
						return this.bodies.notAnEventStream(response, aggregateSink, options);
					}
					return this.chunks.read(response.body(BodyExtractors.toDataBuffers()),
							response.statusCode().value(), response.headers().asHttpHeaders(), idleTimeout,
							TransportFailures::isTransportFailure, aggregateSink);
				});
			return deadline.apply(exchange)
				.onErrorMap((error) -> this.failures.translate(error, deadline.arrived(), responseTimeout));
		});
		Retry retry = retry(options);
		Retry beforeFirstChunk = Retry.from((signals) -> retry.generateCompanion(signals.handle((signal, sink) -> {
			if (delivered.get()) {
				sink.error(signal.failure());
			}
			else {
				sink.next(signal);
			}
		})));
		Flux<ChatCompletionChunk> stream = attempt.retryWhen(beforeFirstChunk).doOnNext((chunk) -> delivered.set(true));
		Duration maxDuration = this.timeouts.streamMaxDuration();
		if (maxDuration == null) {
			return stream;
		}
		// a deadline for the whole stream: comments keep the idle timer from firing, this
		// one they do not reset
		return stream.takeUntilOther(Mono.delay(maxDuration, this.scheduler)
			.then(Mono.error(() -> timeout(MuleRunClientTimeoutException.Kind.STREAM_MAX_DURATION, maxDuration))));
	}

	private WebClient.RequestHeadersSpec<?> request(byte[] body, CallOptions options, MediaType accept) {
		return this.webClient.post().uri(this.completionsUri).headers((headers) -> {
			options.headers().forEach(headers::addAll);
			String apiKey = options.apiKey();
			if (apiKey != null) {
				// replaces the configured key, a default header of the client, for this
				// request only
				headers.setBearerAuth(apiKey);
			}
		}).contentType(MediaType.APPLICATION_JSON).accept(accept).bodyValue(body);
	}

	private ResponseDeadline responseDeadline(Duration timeout) {
		return new ResponseDeadline(timeout, this.scheduler,
				() -> timeout(MuleRunClientTimeoutException.Kind.RESPONSE, timeout));
	}

	private Retry retry(CallOptions options) {
		return MuleRunRetry.of(or(options.retrySettings(), this.retrySettings), this.scheduler, null);
	}

	private static MuleRunClientTimeoutException timeout(MuleRunClientTimeoutException.Kind kind, Duration timeout) {
		return new MuleRunClientTimeoutException(kind, timeout);
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * What a transport is configured with besides its client.
	 *
	 * @param timeouts the timeouts
	 * @param retrySettings the retry settings of calls that set none
	 * @param jsonMapper the mapper responses are read with
	 * @param maxResponseSize the maximum size of a non-streaming body in bytes
	 * @param maxEventSize the maximum size of one server-sent event in bytes
	 * @param scheduler the scheduler of timeouts and retry delays
	 * @param errorHints the hints error messages end with
	 */
	public record Settings(Timeouts timeouts, RetrySettings retrySettings, JsonMapper jsonMapper, int maxResponseSize,
			int maxEventSize, Scheduler scheduler, ErrorHints errorHints) {
	}

}
