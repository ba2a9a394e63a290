package com.mulerun.chat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.StreamOptions;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.codec.DecoderException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The entry point of the MuleRun client: creates chat completions blocking, reactively, or as a stream.
 *
 * <p>A call goes through these steps: the template's defaults fill in what the request does not set (the model,
 * default options), the interceptors run in order, the request is validated (nothing is sent when it is
 * invalid), serialised once, observed, and sent over {@link WebClient} with retries; the response is decoded
 * (JSON, or server-sent-event frames into chunks) and every failure surfaces as a {@link MuleRunException}.
 * A stream is retried only until its first chunk reaches the subscriber, so no token is ever delivered twice.
 *
 * <p>Create one with {@link #builder()} or let the Spring Boot starter auto-configure it. Instances are
 * immutable and thread-safe.
 */
public class ChatCompletionTemplate implements ChatCompletionOperations, AutoCloseable {

	/** The default base URL of the MuleRun API. */
	public static final String DEFAULT_BASE_URL = "https://api.mulerun.com";

	/** The default path of the chat completions endpoint. */
	public static final String DEFAULT_COMPLETIONS_PATH = "/v1/chat/completions";

	/** The default model, used when neither the request nor the defaults name one. */
	public static final String DEFAULT_MODEL = "gpt-5";

	/** The default maximum size of a non-streaming response body: 16 MB. */
	public static final int DEFAULT_MAX_RESPONSE_SIZE = 16 * 1024 * 1024;

	private static final Logger logger = LoggerFactory.getLogger(ChatCompletionTemplate.class);

	private final WebClient webClient;

	private final @Nullable ConnectionProvider ownedConnectionProvider;

	private final String baseUrl;

	private final String completionsPath;

	private final URI completionsUri;

	private final boolean reactorNetty;

	private final ChatCompletionRequest defaults;

	private final Timeouts timeouts;

	private final RetryPolicy retryPolicy;

	private final boolean validation;

	private final boolean includeUsage;

	private final int maxEventSize;

	private final int maxResponseSize;

	private final List<ChatCompletionInterceptor> interceptors;

	private final Scheduler scheduler;

	private final ChatCompletionObserver observer;

	private final ObjectWriter requestWriter;

	private final ObjectReader completionReader;

	private final ObjectReader chunkReader;

	ChatCompletionTemplate(Builder builder) {
		this.baseUrl = stripTrailingSlash(builder.baseUrl);
		this.completionsPath = builder.completionsPath;
		// resolved once: a URI template expanded per call costs more than the rest of building the request
		this.completionsUri = URI.create(this.baseUrl
				+ (this.completionsPath.startsWith("/") ? this.completionsPath : "/" + this.completionsPath));
		String model = (builder.defaults.model() != null) ? builder.defaults.model() : builder.defaultModel;
		this.defaults = builder.defaults.mutate().model(model).build();
		this.timeouts = builder.timeouts;
		this.retryPolicy = builder.retryPolicy;
		this.validation = builder.validation;
		this.includeUsage = builder.includeUsage;
		this.maxEventSize = builder.maxEventSize;
		this.maxResponseSize = builder.maxResponseSize;
		this.interceptors = List.copyOf(builder.interceptors);
		this.scheduler = builder.scheduler;
		JsonMapper mapper = builder.jsonMapper;
		this.requestWriter = mapper.writerFor(ChatCompletionRequest.class);
		this.completionReader = mapper.readerFor(ChatCompletion.class);
		this.chunkReader = mapper.readerFor(ChatCompletionChunk.class);
		URI uri = URI.create(this.baseUrl);
		String serverAddress = (uri.getHost() != null) ? uri.getHost() : "";
		int serverPort = (uri.getPort() != -1) ? uri.getPort() : ("http".equals(uri.getScheme()) ? 80 : 443);
		this.observer = new ChatCompletionObserver(builder.observationRegistry, builder.observationConvention,
				serverAddress, serverPort, builder.observationIncludeContent);
		ClientHttpConnector connector = builder.connector;
		ConnectionProvider ownedProvider = null;
		if (connector == null && builder.webClientBuilder == null) {
			ownedProvider = newConnectionProvider();
			connector = reactorConnector(ownedProvider, this.timeouts.connect(), builder.proxy);
		}
		this.ownedConnectionProvider = ownedProvider;
		this.reactorNetty = connector instanceof ReactorClientHttpConnector;
		this.webClient = buildWebClient(builder, connector);
	}

	private WebClient buildWebClient(Builder builder, @Nullable ClientHttpConnector connector) {
		WebClient.Builder webClientBuilder = (builder.webClientBuilder != null) ? builder.webClientBuilder.clone()
				: WebClient.builder();
		if (connector != null) {
			webClientBuilder.clientConnector(connector);
		}
		String apiKey = builder.apiKey;
		return webClientBuilder.baseUrl(this.baseUrl)
			.defaultHeaders((headers) -> {
				builder.defaultHeaders.forEach(headers::addAll);
				if (apiKey != null && !apiKey.isBlank()) {
					headers.setBearerAuth(apiKey);
				}
			})
			.build();
	}

	/**
	 * Creates the connection pool of the connector used when no {@link WebClient.Builder} or connector is given.
	 * @return the pool
	 */
	private static ConnectionProvider newConnectionProvider() {
		return ConnectionProvider.builder("mulerun")
			.maxConnections(500)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(30))
			.evictInBackground(Duration.ofSeconds(60))
			.build();
	}

	/**
	 * Creates a Reactor Netty connector over the given pool with the connect timeout and the optional proxy.
	 * @param connectionProvider the connection pool
	 * @param connectTimeout the connect timeout
	 * @param proxy the proxy, or {@code null}
	 * @return the connector
	 */
	public static ClientHttpConnector reactorConnector(ConnectionProvider connectionProvider, Duration connectTimeout,
			@Nullable ProxySettings proxy) {
		HttpClient httpClient = HttpClient.create(connectionProvider)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
		if (proxy != null) {
			httpClient = proxy.applyTo(httpClient);
		}
		return new ReactorClientHttpConnector(httpClient);
	}

	/**
	 * Releases the connection pool the template created for itself (when it was given neither a connector nor a
	 * {@link WebClient.Builder}); Spring calls it when the context closes. Calls made afterwards fail.
	 */
	@Override
	public void close() {
		if (this.ownedConnectionProvider != null) {
			this.ownedConnectionProvider.dispose();
		}
	}

	/**
	 * Returns a builder with the defaults: {@value #DEFAULT_BASE_URL}, {@value #DEFAULT_COMPLETIONS_PATH}, model
	 * {@value #DEFAULT_MODEL}, {@link Timeouts#DEFAULTS}, {@link RetryPolicy#DEFAULTS}.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public ChatCompletion create(ChatCompletionRequest request, CallOptions options) {
		ChatCompletion completion = createMono(request, options).block();
		if (completion == null) {
			throw new MuleRunException("The call completed without a chat completion");
		}
		return completion;
	}

	@Override
	public Mono<ChatCompletion> createMono(ChatCompletionRequest request, CallOptions options) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(options, "options must not be null");
		return Mono.defer(() -> callChain(0, prepare(request, false), options));
	}

	@Override
	public Flux<ChatCompletionChunk> stream(ChatCompletionRequest request, CallOptions options) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(options, "options must not be null");
		return Flux.defer(() -> streamChain(0, prepare(request, true), options));
	}

	private ChatCompletionRequest prepare(ChatCompletionRequest request, boolean stream) {
		ChatCompletionRequest merged = request.withDefaults(this.defaults);
		if (stream) {
			if (!Boolean.TRUE.equals(merged.stream())
					|| (merged.streamOptions() == null && this.includeUsage)) {
				ChatCompletionRequest.Builder builder = merged.mutate().stream(true);
				if (merged.streamOptions() == null && this.includeUsage) {
					builder.streamOptions(new StreamOptions(true, null, null));
				}
				merged = builder.build();
			}
		}
		else if (merged.stream() != null) {
			merged = merged.mutate().stream(null).build();
		}
		return merged;
	}

	private Mono<ChatCompletion> callChain(int index, ChatCompletionRequest request, CallOptions options) {
		if (index < this.interceptors.size()) {
			ChatCompletionInterceptor interceptor = this.interceptors.get(index);
			return Mono.defer(() -> interceptor.intercept(request, options,
					(nextRequest, nextOptions) -> callChain(index + 1, nextRequest, nextOptions)));
		}
		return Mono.defer(() -> {
			validate(request, false);
			byte[] body = serialize(request);
			return this.observer.observe(request, exchange(body, options));
		});
	}

	private Flux<ChatCompletionChunk> streamChain(int index, ChatCompletionRequest request, CallOptions options) {
		if (index < this.interceptors.size()) {
			ChatCompletionInterceptor interceptor = this.interceptors.get(index);
			return Flux.defer(() -> interceptor.interceptStream(request, options,
					(nextRequest, nextOptions) -> streamChain(index + 1, nextRequest, nextOptions)));
		}
		return Flux.defer(() -> {
			validate(request, true);
			byte[] body = serialize(request);
			return this.observer.observeStream(request, (aggregateSink) -> exchangeStream(body, options, aggregateSink));
		});
	}

	private void validate(ChatCompletionRequest request, boolean streaming) {
		if (this.validation) {
			ChatCompletionRequestValidator.INSTANCE.validate(request, streaming);
		}
	}

	private byte[] serialize(ChatCompletionRequest request) {
		try {
			return this.requestWriter.writeValueAsBytes(request);
		}
		catch (JacksonException ex) {
			throw new MuleRunException("Could not serialise the chat completion request: " + ex.getOriginalMessage(),
					ex);
		}
	}

	private Mono<ChatCompletion> exchange(byte[] body, CallOptions options) {
		Duration responseTimeout = (options.responseTimeout() != null) ? options.responseTimeout()
				: this.timeouts.response();
		Duration overallTimeout = (options.overallTimeout() != null) ? options.overallTimeout()
				: this.timeouts.overall();
		RetryPolicy policy = (options.retryPolicy() != null) ? options.retryPolicy() : this.retryPolicy;
		Mono<ChatCompletion> attempt = Mono.defer(() -> {
			AtomicBoolean headersArrived = new AtomicBoolean();
			Mono<ChatCompletion> call = request(body, options, MediaType.APPLICATION_JSON,
					this.reactorNetty ? responseTimeout : null)
				.exchangeToMono((response) -> {
					headersArrived.set(true);
					return readCompletion(response);
				});
			if (!this.reactorNetty) {
				call = call.timeout(responseTimeout(responseTimeout, headersArrived), Mono.defer(() -> Mono
					.error(new MuleRunTimeoutException(MuleRunTimeoutException.Kind.RESPONSE, responseTimeout))));
			}
			return call.onErrorMap((error) -> translateTransportError(error, headersArrived.get(), responseTimeout));
		});
		return attempt.retryWhen(retry(policy))
			.timeout(overallTimeout, Mono.defer(() -> Mono
				.error(new MuleRunTimeoutException(MuleRunTimeoutException.Kind.OVERALL, overallTimeout))),
					this.scheduler);
	}

	private Flux<ChatCompletionChunk> exchangeStream(byte[] body, CallOptions options,
			Consumer<ChatCompletionAggregator> aggregateSink) {
		Duration responseTimeout = (options.responseTimeout() != null) ? options.responseTimeout()
				: this.timeouts.response();
		Duration idleTimeout = (options.streamIdleTimeout() != null) ? options.streamIdleTimeout()
				: this.timeouts.streamIdle();
		RetryPolicy policy = (options.retryPolicy() != null) ? options.retryPolicy() : this.retryPolicy;
		AtomicBoolean delivered = new AtomicBoolean();
		Flux<ChatCompletionChunk> attempt = Flux.defer(() -> {
			AtomicBoolean headersArrived = new AtomicBoolean();
			return request(body, options, MediaType.TEXT_EVENT_STREAM, null).exchangeToFlux((response) -> {
				headersArrived.set(true);
				return readChunks(response, idleTimeout, aggregateSink);
			})
				.timeout(responseTimeout(responseTimeout, headersArrived), (chunk) -> Mono.never(),
						Flux.defer(() -> Flux.error(
								new MuleRunTimeoutException(MuleRunTimeoutException.Kind.RESPONSE, responseTimeout))))
				.onErrorMap((error) -> translateTransportError(error, headersArrived.get(), responseTimeout));
		});
		Retry retry = retry(policy);
		Retry beforeFirstChunk = Retry.from((signals) -> retry.generateCompanion(signals
			.handle((signal, sink) -> {
				if (delivered.get()) {
					sink.error(signal.failure());
				}
				else {
					sink.next(signal);
				}
			})));
		return attempt.retryWhen(beforeFirstChunk).doOnNext((chunk) -> delivered.set(true));
	}

	/**
	 * Builds the request; with Reactor Netty the time until the response headers is bounded by the connection's
	 * own response timeout (a timer on the event loop, not one more scheduled task per call).
	 */
	private WebClient.RequestHeadersSpec<?> request(byte[] body, CallOptions options, MediaType accept,
			@Nullable Duration nativeResponseTimeout) {
		WebClient.RequestBodySpec spec = this.webClient.post().uri(this.completionsUri);
		if (nativeResponseTimeout != null) {
			spec = spec.httpRequest((request) -> {
				if (request.getNativeRequest() instanceof HttpClientRequest nettyRequest) {
					nettyRequest.responseTimeout(nativeResponseTimeout);
				}
			});
		}
		return spec
			.headers((headers) -> options.headers().forEach(headers::addAll))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(accept)
			.bodyValue(body);
	}

	private Mono<Long> responseTimeout(Duration timeout, AtomicBoolean headersArrived) {
		return Mono.delay(timeout, this.scheduler).flatMap((tick) -> headersArrived.get() ? Mono.never() : Mono.just(tick));
	}

	private Retry retry(RetryPolicy policy) {
		return MuleRunRetry.of(policy, this.scheduler, (signal) -> {
			if (logger.isDebugEnabled()) {
				logger.debug("Retrying chat completion call (retry " + (signal.totalRetries() + 1) + ") after: "
						+ signal.failure().getMessage());
			}
		});
	}

	private Mono<ChatCompletion> readCompletion(ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return readBody(response).map((bytes) -> {
			if (status >= 400) {
				throw ApiErrors.create(status, headers, bytes);
			}
			return parseCompletion(status, headers, bytes);
		});
	}

	private ChatCompletion parseCompletion(int status, HttpHeaders headers, byte[] bytes) {
		ChatCompletion completion;
		try {
			completion = this.completionReader.readValue(bytes);
		}
		catch (JacksonException ex) {
			MuleRunApiException error = ApiErrors.fromSuccessBody(status, headers, bytes);
			if (error != null) {
				throw error;
			}
			throw new MuleRunMalformedResponseException(
					"the body is not a valid chat completion (" + ex.getOriginalMessage() + ")", status,
					ApiErrors.requestId(headers), bytes, ex);
		}
		if (completion.choices() == null) {
			MuleRunApiException error = ApiErrors.fromSuccessBody(status, headers, bytes);
			if (error != null) {
				throw error;
			}
			throw new MuleRunMalformedResponseException("the body has no choices", status, ApiErrors.requestId(headers),
					bytes, null);
		}
		return completion;
	}

	private Mono<byte[]> readBody(ClientResponse response) {
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), this.maxResponseSize)
			.map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new MuleRunMalformedResponseException("the body is larger than " + this.maxResponseSize
							+ " bytes (mulerun.http.max-in-memory-size)", response.statusCode().value(),
							ApiErrors.requestId(response.headers().asHttpHeaders()), new byte[0], ex));
	}

	private Flux<ChatCompletionChunk> readChunks(ClientResponse response, Duration idleTimeout,
			Consumer<ChatCompletionAggregator> aggregateSink) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		if (status >= 400) {
			return readBody(response).flatMapMany((bytes) -> Flux.error(ApiErrors.create(status, headers, bytes)));
		}
		MediaType contentType = headers.getContentType();
		if (contentType != null && !MediaType.TEXT_EVENT_STREAM.isCompatibleWith(contentType)) {
			return readBody(response).flatMapMany((bytes) -> {
				MuleRunApiException error = ApiErrors.fromSuccessBody(status, headers, bytes);
				return Flux.error((error != null) ? error : new MuleRunMalformedResponseException(
						"expected an event stream but the response is " + contentType, status, ApiErrors.requestId(headers),
						bytes, null));
			});
		}
		ChunkStreamDecoder decoder = new ChunkStreamDecoder(this.maxEventSize, this.chunkReader, status, headers);
		aggregateSink.accept(decoder.aggregate());
		IdleWatch idle = new IdleWatch(idleTimeout, this.scheduler);
		return watchIdle(response.body(BodyExtractors.toDataBuffers()), idle)
			.onErrorResume(IdleSignal.class, (signal) -> decoder.isDone() ? Flux.empty()
					: Flux.error(new MuleRunTimeoutException(MuleRunTimeoutException.Kind.STREAM_IDLE, idleTimeout)))
			// few network reads ahead: a subscriber that requests slowly holds back the reads
			.concatMap((buffer) -> decode(decoder, buffer), 1)
			.doOnNext((chunk) -> idle.delivered())
			.doOnRequest(idle::requested)
			.concatWith(Mono.fromRunnable(decoder::endOfInput))
			// a transport failure after [DONE] changes nothing; before it, the stream is incomplete
			.onErrorResume(ChatCompletionTemplate::isTransportFailure,
					(error) -> decoder.isDone() ? Flux.empty() : Flux.error(decoder.interrupted(error)))
			.doOnDiscard(DataBuffer.class, DataBufferUtils::release);
	}

	/**
	 * Decodes one network read and releases it; chunks completed before a failure in the same read are
	 * emitted before the failure.
	 */
	private static Flux<ChatCompletionChunk> decode(ChunkStreamDecoder decoder, DataBuffer buffer) {
		List<ChatCompletionChunk> chunks;
		try {
			chunks = decoder.decode(buffer);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		RuntimeException failure = decoder.takeFailure();
		Flux<ChatCompletionChunk> decoded = chunks.isEmpty() ? Flux.empty()
				: (chunks.size() == 1) ? Flux.just(chunks.get(0)) : Flux.fromIterable(chunks);
		return (failure != null) ? decoded.concatWith(Flux.error(failure)) : decoded;
	}

	/**
	 * Fails the body with an {@link IdleSignal} once no data arrived for the idle timeout while the subscriber was
	 * waiting for a chunk: time in which the subscriber requested nothing does not count, so a slow subscriber
	 * never causes an idle timeout. One timer per stream, rescheduled only when it fires early: nothing is
	 * scheduled or cancelled per network read.
	 */
	private Flux<DataBuffer> watchIdle(Flux<DataBuffer> body, IdleWatch idle) {
		return Flux.defer(() -> {
			Sinks.Empty<Void> fired = Sinks.empty();
			Disposable.Swap timer = Disposables.swap();
			Runnable check = new Runnable() {

				@Override
				public void run() {
					long remaining = idle.remainingNanos();
					if (remaining <= 0) {
						fired.tryEmitError(IdleSignal.INSTANCE);
					}
					else {
						timer.update(ChatCompletionTemplate.this.scheduler.schedule(this, remaining,
								TimeUnit.NANOSECONDS));
					}
				}

			};
			Flux<DataBuffer> reads = body.doOnNext((buffer) -> idle.dataArrived()).doFinally((signal) -> {
				timer.dispose();
				fired.tryEmitEmpty();
			});
			return Flux.merge(1, reads, fired.asMono().then(Mono.<DataBuffer>empty()))
				.doOnSubscribe((subscription) -> timer
					.update(this.scheduler.schedule(check, idle.idleNanos, TimeUnit.NANOSECONDS)))
				.doFinally((signal) -> timer.dispose());
		});
	}

	/**
	 * Signals internally that a stream went idle; turned into a {@link MuleRunTimeoutException} or, after
	 * {@code [DONE]}, into completion.
	 */
	private static final class IdleSignal extends RuntimeException {

		private static final long serialVersionUID = 1L;

		static final IdleSignal INSTANCE = new IdleSignal();

		private IdleSignal() {
			super("stream idle", null, false, false);
		}

	}

	private Throwable translateTransportError(Throwable error, boolean headersArrived, Duration responseTimeout) {
		if (error instanceof MuleRunException) {
			return error;
		}
		if (error instanceof ReadTimeoutException || error.getCause() instanceof ReadTimeoutException) {
			return new MuleRunTimeoutException(MuleRunTimeoutException.Kind.RESPONSE, responseTimeout, error);
		}
		if (error instanceof WebClientRequestException requestException) {
			Throwable cause = requestException.getCause();
			if (cause instanceof ConnectTimeoutException) {
				return new MuleRunTimeoutException(MuleRunTimeoutException.Kind.CONNECT, this.timeouts.connect(),
						cause);
			}
			return new MuleRunConnectionException("Could not send the request to " + this.baseUrl
					+ this.completionsPath + ": " + describe(cause), true, requestException);
		}
		if (error instanceof TimeoutException) {
			return new MuleRunTimeoutException(MuleRunTimeoutException.Kind.RESPONSE, responseTimeout, error);
		}
		if (isTransportFailure(error)) {
			String when = headersArrived ? "while reading the response" : "before the response";
			return new MuleRunConnectionException("Connection failed " + when + ": " + describe(error),
					!headersArrived, error);
		}
		return error;
	}

	/**
	 * Tells whether a failure comes from the network or the HTTP codec (reset, premature close, a malformed
	 * chunk) rather than from the client's own code.
	 */
	private static boolean isTransportFailure(Throwable error) {
		if (error instanceof IOException || error instanceof ChannelException || error instanceof DecoderException) {
			return true;
		}
		String name = error.getClass().getName();
		return name.startsWith("io.netty.") || name.startsWith("reactor.netty.");
	}

	private static String describe(@Nullable Throwable cause) {
		if (cause == null) {
			return "unknown cause";
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/**
	 * Returns the base URL calls are sent to.
	 * @return the base URL
	 */
	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Returns the model used when a request names none.
	 * @return the default model
	 */
	public String defaultModel() {
		return Objects.requireNonNull(this.defaults.model());
	}

	@Override
	public String toString() {
		return "ChatCompletionTemplate[baseUrl=" + this.baseUrl + this.completionsPath + ", defaultModel="
				+ this.defaults.model() + ", interceptors=" + this.interceptors.size() + "]";
	}

	/**
	 * The subscriber's demand on a stream: how many chunks it requested and did not receive yet, and since when.
	 */
	private static final class IdleWatch {

		final long idleNanos;

		private final Scheduler clock;

		private long outstanding;

		private long demandSince;

		private long lastData;

		IdleWatch(Duration idleTimeout, Scheduler clock) {
			this.idleNanos = idleTimeout.toNanos();
			this.clock = clock;
		}

		synchronized void requested(long count) {
			if (this.outstanding == 0) {
				this.demandSince = this.clock.now(TimeUnit.NANOSECONDS);
			}
			this.outstanding = Operators.addCap(this.outstanding, count);
		}

		synchronized void dataArrived() {
			this.lastData = this.clock.now(TimeUnit.NANOSECONDS);
		}

		synchronized void delivered() {
			if (this.outstanding > 0 && this.outstanding != Long.MAX_VALUE) {
				this.outstanding--;
			}
		}

		/**
		 * Returns how much longer the stream may go without data: the whole timeout while the subscriber wants
		 * no chunk, else what is left of it since the subscriber's current demand began.
		 */
		synchronized long remainingNanos() {
			if (this.outstanding == 0) {
				return this.idleNanos;
			}
			// waiting since the later of: the current demand began, the last data arrived; capped, so that a clock
			// set back delays the timeout by at most one period
			long waitingSince = Math.max(this.demandSince, this.lastData);
			return Math.min(this.idleNanos, this.idleNanos - (this.clock.now(TimeUnit.NANOSECONDS) - waitingSince));
		}

	}

	/**
	 * Builds a {@link ChatCompletionTemplate}. Not thread-safe.
	 */
	public static final class Builder {

		private @Nullable String apiKey;

		private String baseUrl = DEFAULT_BASE_URL;

		private String completionsPath = DEFAULT_COMPLETIONS_PATH;

		private String defaultModel = DEFAULT_MODEL;

		private ChatCompletionRequest defaults = ChatCompletionRequest.EMPTY;

		private Timeouts timeouts = Timeouts.DEFAULTS;

		private RetryPolicy retryPolicy = RetryPolicy.DEFAULTS;

		private boolean validation = true;

		private boolean includeUsage = true;

		private int maxEventSize = com.mulerun.chat.sse.SseFrameDecoder.DEFAULT_MAX_EVENT_SIZE;

		private int maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;

		private final Map<String, List<String>> defaultHeaders = new LinkedHashMap<>();

		private final List<ChatCompletionInterceptor> interceptors = new ArrayList<>();

		private @Nullable ProxySettings proxy;

		private WebClient.@Nullable Builder webClientBuilder;

		private @Nullable ClientHttpConnector connector;

		private Scheduler scheduler = Schedulers.parallel();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private com.mulerun.chat.observation.@Nullable ChatCompletionObservationConvention observationConvention;

		private boolean observationIncludeContent;

		private JsonMapper jsonMapper = ChatJson.mapper();

		private Builder() {
		}

		/**
		 * Sets the API key sent as a bearer token. It is never logged or printed.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Sets the base URL.
		 * @param baseUrl the base URL, such as {@code https://api.mulerun.com}
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl must not be null");
			return this;
		}

		/**
		 * Sets the path of the chat completions endpoint, relative to the base URL.
		 * @param completionsPath the path
		 * @return this builder
		 */
		public Builder completionsPath(String completionsPath) {
			this.completionsPath = Objects.requireNonNull(completionsPath, "completionsPath must not be null");
			return this;
		}

		/**
		 * Sets the model used when a request names none.
		 * @param defaultModel the model id
		 * @return this builder
		 */
		public Builder defaultModel(String defaultModel) {
			this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel must not be null");
			return this;
		}

		/**
		 * Sets default request options: every field a request does not set is taken from them (and is sent only
		 * when set here).
		 * @param defaults the defaults
		 * @return this builder
		 */
		public Builder defaultOptions(ChatCompletionRequest defaults) {
			this.defaults = Objects.requireNonNull(defaults, "defaults must not be null");
			return this;
		}

		/**
		 * Sets the timeouts.
		 * @param timeouts the timeouts
		 * @return this builder
		 */
		public Builder timeouts(Timeouts timeouts) {
			this.timeouts = Objects.requireNonNull(timeouts, "timeouts must not be null");
			return this;
		}

		/**
		 * Sets the retry policy.
		 * @param retryPolicy the policy
		 * @return this builder
		 */
		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
			return this;
		}

		/**
		 * Sets whether requests are validated before they are sent.
		 * @param validation whether to validate
		 * @return this builder
		 */
		public Builder validation(boolean validation) {
			this.validation = validation;
			return this;
		}

		/**
		 * Sets whether streams ask for usage ({@code stream_options.include_usage}) when the request does not set
		 * stream options.
		 * @param includeUsage whether to ask for usage
		 * @return this builder
		 */
		public Builder includeUsage(boolean includeUsage) {
			this.includeUsage = includeUsage;
			return this;
		}

		/**
		 * Sets the maximum size of one server-sent event.
		 * @param maxEventSize the size in bytes
		 * @return this builder
		 */
		public Builder maxEventSize(int maxEventSize) {
			this.maxEventSize = maxEventSize;
			return this;
		}

		/**
		 * Sets the maximum size of a non-streaming response body.
		 * @param maxResponseSize the size in bytes
		 * @return this builder
		 */
		public Builder maxResponseSize(int maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
			return this;
		}

		/**
		 * Adds a header sent with every call.
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder defaultHeader(String name, String value) {
			this.defaultHeaders.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			return this;
		}

		/**
		 * Adds an interceptor; interceptors run in the order they are added.
		 * @param interceptor the interceptor
		 * @return this builder
		 */
		public Builder interceptor(ChatCompletionInterceptor interceptor) {
			this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor must not be null"));
			return this;
		}

		/**
		 * Adds interceptors, in order.
		 * @param interceptors the interceptors
		 * @return this builder
		 */
		public Builder interceptors(List<? extends ChatCompletionInterceptor> interceptors) {
			interceptors.forEach(this::interceptor);
			return this;
		}

		/**
		 * Sets the proxy of the default connector (ignored when a connector or a {@link WebClient.Builder} is
		 * given).
		 * @param proxy the proxy, or {@code null}
		 * @return this builder
		 */
		public Builder proxy(@Nullable ProxySettings proxy) {
			this.proxy = proxy;
			return this;
		}

		/**
		 * Sets the {@link WebClient.Builder} to build on; it is cloned, never changed.
		 * @param webClientBuilder the builder, or {@code null} for a new one
		 * @return this builder
		 */
		public Builder webClientBuilder(WebClient.@Nullable Builder webClientBuilder) {
			this.webClientBuilder = webClientBuilder;
			return this;
		}

		/**
		 * Sets the HTTP connector, replacing the default Reactor Netty one.
		 * @param connector the connector, or {@code null}
		 * @return this builder
		 */
		public Builder clientConnector(@Nullable ClientHttpConnector connector) {
			this.connector = connector;
			return this;
		}

		/**
		 * Sets the scheduler of retry delays and timeouts (tests use a virtual-time scheduler).
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
			return this;
		}

		/**
		 * Sets the registry calls are observed with.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry,
					"observationRegistry must not be null");
			return this;
		}

		/**
		 * Sets a custom observation convention.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(
				com.mulerun.chat.observation.@Nullable ChatCompletionObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Sets whether observations record the prompt and completion text ({@code gen_ai.input.messages},
		 * {@code gen_ai.output.messages}); off by default, since messages can hold personal or secret data.
		 * @param observationIncludeContent whether to record message content
		 * @return this builder
		 */
		public Builder observationIncludeContent(boolean observationIncludeContent) {
			this.observationIncludeContent = observationIncludeContent;
			return this;
		}

		/**
		 * Sets the JSON mapper (by default {@link ChatJson#mapper()}).
		 * @param jsonMapper the mapper
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
			return this;
		}

		/**
		 * Builds the template.
		 * @return the template
		 */
		public ChatCompletionTemplate build() {
			return new ChatCompletionTemplate(this);
		}

		@Override
		public String toString() {
			return "ChatCompletionTemplate.Builder[baseUrl=" + this.baseUrl + ", apiKey="
					+ ((this.apiKey != null) ? Redaction.REDACTED : "null") + "]";
		}

	}

}
