package com.mulerun.chat.interceptor;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionInterceptor;
import com.mulerun.chat.error.Redaction;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.ChunkChoice;
import com.mulerun.chat.model.Usage;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;

/**
 * Logs chat completion calls through SLF4J (logger {@value #LOGGER_NAME}), never with
 * credentials.
 *
 * <p>
 * What is logged:
 * <ul>
 * <li>{@code INFO}: one line per call when it ends: the model, whether it streamed, the
 * status ({@code ok} or {@code cancelled}), the duration, the token usage, the finish
 * reasons and the response id, never any content.</li>
 * <li>{@code WARN}: instead of that line, when the call fails: the same summary with the
 * exception's class and message.</li>
 * <li>{@code DEBUG}, only when created with {@code includeBodies = true}: the request
 * JSON with the call's extra headers when the call starts, and the response JSON when it
 * ends; for a stream that is the aggregate of its chunks, logged once (never chunk by
 * chunk), a partial aggregate when the stream fails or is cancelled.</li>
 * </ul>
 *
 * <p>
 * Credentials: headers are only ever logged redacted ({@code Authorization},
 * {@code Proxy-Authorization}, {@code api-key}, {@code x-api-key},
 * {@code x-goog-api-key}, {@code Cookie} and {@code Set-Cookie} become
 * {@value #REDACTED}), and every logged line is scrubbed of anything that looks like a
 * bearer token ({@code Bearer …}), a secret key ({@code sk-…}) or a JSON credential field
 * ({@code "api_key": "…"}).
 *
 * <p>
 * Streams are observed without buffering: without bodies only the chunk count, the usage,
 * the finish reasons and the id are kept; a {@link ChatCompletionAggregator} is used only
 * when the body is logged.
 *
 * <p>
 * Order: {@link #DEFAULT_ORDER} is close to {@link Ordered#LOWEST_PRECEDENCE}, so this
 * interceptor runs inside the others (after application interceptors with a default
 * order): it logs the request as it is sent and the response as it was received, before
 * other interceptors transform it, and its duration is that of the exchange. A call
 * failed by an outer interceptor before it reaches this one is therefore not logged; give
 * this interceptor a smaller order to log outermost.
 *
 * <p>
 * Instances are immutable and thread-safe.
 */
public class LoggingChatCompletionInterceptor implements ChatCompletionInterceptor, Ordered {

	/** The name of the logger this interceptor logs with. */
	public static final String LOGGER_NAME = "com.mulerun.chat.interceptor.LoggingChatCompletionInterceptor";

	/** The default order: late, so that the log shows the request as it is sent. */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	/** The text that replaces a credential. */
	public static final String REDACTED = Redaction.REDACTED;

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=\\-]{8,}");

	private static final Pattern SECRET_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_\\-]{4,}");

	private static final Pattern CREDENTIAL_FIELD = Pattern
		.compile("(?i)(\"(?:authorization|proxy-authorization|api[-_]?key|x-api-key|x-goog-api-key|cookie|set-cookie"
				+ "|password|secret|client_secret|access_token|refresh_token)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

	private final boolean includeBodies;

	private final int order;

	/**
	 * Creates an interceptor that logs summaries only, with {@link #DEFAULT_ORDER}.
	 */
	public LoggingChatCompletionInterceptor() {
		this(false);
	}

	/**
	 * Creates an interceptor with {@link #DEFAULT_ORDER}.
	 * @param includeBodies whether to log request and response bodies at {@code DEBUG}
	 */
	public LoggingChatCompletionInterceptor(boolean includeBodies) {
		this(includeBodies, DEFAULT_ORDER);
	}

	/**
	 * Creates an interceptor.
	 * @param includeBodies whether to log request and response bodies at {@code DEBUG}
	 * @param order the order of this interceptor
	 */
	public LoggingChatCompletionInterceptor(boolean includeBodies, int order) {
		this.includeBodies = includeBodies;
		this.order = order;
	}

	/**
	 * Returns whether request and response bodies are logged at {@code DEBUG}.
	 * @return whether bodies are logged
	 */
	public boolean isIncludeBodies() {
		return this.includeBodies;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public Mono<ChatCompletion> intercept(ChatCompletionRequest request, CallOptions options, Chain chain) {
		if (!logger.isWarnEnabled()) {
			return chain.proceed(request, options);
		}
		return Mono.defer(() -> {
			boolean bodies = this.includeBodies && logger.isDebugEnabled();
			CallLog log = new CallLog(request, false, bodies);
			if (bodies) {
				logRequest(request, options);
			}
			return chain.proceed(request, options)
				.doOnSuccess(log::completed)
				.doOnError(log::failed)
				.doOnCancel(log::cancelled);
		});
	}

	@Override
	public Flux<ChatCompletionChunk> interceptStream(ChatCompletionRequest request, CallOptions options,
			StreamChain chain) {
		if (!logger.isWarnEnabled()) {
			return chain.proceed(request, options);
		}
		return Flux.defer(() -> {
			boolean bodies = this.includeBodies && logger.isDebugEnabled();
			CallLog log = new CallLog(request, true, bodies);
			if (bodies) {
				logRequest(request, options);
			}
			return chain.proceed(request, options)
				.doOnNext(log::chunk)
				.doOnComplete(log::streamCompleted)
				.doOnError(log::failed)
				.doOnCancel(log::cancelled);
		});
	}

	private static void logRequest(ChatCompletionRequest request, CallOptions options) {
		try {
			StringBuilder line = new StringBuilder("Chat completion request: model=").append(request.model())
				.append(" stream=")
				.append(Boolean.TRUE.equals(request.stream()));
			if (!options.headers().isEmpty()) {
				line.append(" headers=").append(redactHeaders(options.headers()));
			}
			line.append(" body=").append(ChatJson.mapper().writeValueAsString(request));
			logger.debug("{}", scrub(line.toString()));
		}
		catch (RuntimeException ex) {
			logger.debug("Chat completion request: could not be written as JSON ({})", ex.getClass().getSimpleName());
		}
	}

	/**
	 * Returns the headers with the value of every credential header replaced by
	 * {@value #REDACTED}.
	 * @param headers the headers
	 * @return the headers as they may be logged
	 */
	static Map<String, Object> redactHeaders(Map<String, List<String>> headers) {
		return Redaction.redactHeaders(headers);
	}

	/**
	 * Removes anything that looks like a credential from text that is about to be logged.
	 * @param text the text
	 * @return the text with bearer tokens, secret keys and JSON credential fields
	 * replaced
	 */
	static String scrub(String text) {
		String scrubbed = BEARER.matcher(text)
			.replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + " " + REDACTED));
		scrubbed = SECRET_KEY.matcher(scrubbed).replaceAll(Matcher.quoteReplacement(REDACTED));
		return CREDENTIAL_FIELD.matcher(scrubbed)
			.replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + "\"" + REDACTED + "\""));
	}

	/**
	 * The state of one logged call; it logs exactly once, on the first of completion,
	 * error or cancel.
	 */
	private static final class CallLog {

		private final long start = System.nanoTime();

		private final AtomicBoolean logged = new AtomicBoolean();

		private final @Nullable String model;

		private final boolean stream;

		private final boolean bodies;

		private final @Nullable ChatCompletionAggregator aggregator;

		private int chunks;

		private @Nullable String id;

		private @Nullable String responseModel;

		private @Nullable Usage usage;

		private final TreeMap<Integer, String> finishReasons = new TreeMap<>();

		CallLog(ChatCompletionRequest request, boolean stream, boolean bodies) {
			this.model = request.model();
			this.stream = stream;
			this.bodies = bodies;
			this.aggregator = (stream && bodies) ? new ChatCompletionAggregator() : null;
		}

		synchronized void chunk(ChatCompletionChunk chunk) {
			if (this.logged.get()) {
				return;
			}
			try {
				this.chunks++;
				if (this.aggregator != null) {
					this.aggregator.add(chunk);
				}
				if (this.id == null && chunk.id() != null && !chunk.id().isEmpty()) {
					this.id = chunk.id();
				}
				if (this.responseModel == null && chunk.model() != null && !chunk.model().isEmpty()) {
					this.responseModel = chunk.model();
				}
				if (chunk.usage() != null) {
					this.usage = chunk.usage();
				}
				if (chunk.choices() != null) {
					for (ChunkChoice choice : chunk.choices()) {
						if (choice != null && choice.finishReason() != null) {
							this.finishReasons.put(choice.indexOrZero(), choice.finishReason().value());
						}
					}
				}
			}
			catch (RuntimeException ex) {
				// logging must never fail the call
			}
		}

		void completed(@Nullable ChatCompletion completion) {
			if (!this.logged.compareAndSet(false, true)) {
				return;
			}
			try {
				if (completion != null) {
					this.id = completion.id();
					this.responseModel = completion.model();
					this.usage = completion.usage();
					if (completion.choices() != null) {
						for (Choice choice : completion.choices()) {
							if (choice != null && choice.finishReason() != null) {
								this.finishReasons.put(choice.indexOrZero(), choice.finishReason().value());
							}
						}
					}
				}
				logger.info("{}", scrub(summary("ok")));
				if (completion != null) {
					logResponse(completion, false);
				}
			}
			catch (RuntimeException ex) {
				// logging must never fail the call
			}
		}

		void streamCompleted() {
			synchronized (this) {
				if (!this.logged.compareAndSet(false, true)) {
					return;
				}
				try {
					logger.info("{}", scrub(summary("ok")));
					logAggregate(false);
				}
				catch (RuntimeException ex) {
					// logging must never fail the call
				}
			}
		}

		void failed(Throwable error) {
			synchronized (this) {
				if (!this.logged.compareAndSet(false, true)) {
					return;
				}
				try {
					String message = error.getMessage();
					logger.warn("{}", scrub(summary("error(" + error.getClass().getSimpleName() + ")")
							+ ((message != null) ? ": " + message : "")));
					logAggregate(true);
				}
				catch (RuntimeException ex) {
					// logging must never fail the call
				}
			}
		}

		void cancelled() {
			synchronized (this) {
				if (!this.logged.compareAndSet(false, true)) {
					return;
				}
				try {
					logger.info("{}", scrub(summary("cancelled")));
					logAggregate(true);
				}
				catch (RuntimeException ex) {
					// logging must never fail the call
				}
			}
		}

		private void logAggregate(boolean partial) {
			if (this.aggregator != null && this.aggregator.chunkCount() > 0) {
				logResponse(this.aggregator.result(), partial);
			}
		}

		private void logResponse(ChatCompletion completion, boolean partial) {
			if (!this.bodies || !logger.isDebugEnabled()) {
				return;
			}
			String label = (this.stream ? (partial ? "partial aggregate of the stream" : "aggregate of the stream")
					: "body");
			logger.debug("{}", scrub(
					"Chat completion response (" + label + "): " + ChatJson.mapper().writeValueAsString(completion)));
		}

		private String summary(String status) {
			long durationMs = (System.nanoTime() - this.start) / 1_000_000L;
			StringBuilder line = new StringBuilder("Chat completion model=")
				.append((this.model != null) ? this.model : this.responseModel)
				.append(" stream=")
				.append(this.stream)
				.append(" status=")
				.append(status)
				.append(" duration=")
				.append(durationMs)
				.append("ms");
			if (this.stream) {
				line.append(" chunks=").append(this.chunks);
			}
			line.append(" tokens=").append(tokens(this.usage));
			List<String> reasons = new ArrayList<>(this.finishReasons.values());
			line.append(" finish=").append(reasons);
			line.append(" id=").append(this.id);
			if (this.responseModel != null && this.model != null && !this.responseModel.equals(this.model)) {
				line.append(" responseModel=").append(this.responseModel);
			}
			return line.toString();
		}

		private static String tokens(@Nullable Usage usage) {
			if (usage == null) {
				return "n/a";
			}
			return "[prompt=" + usage.promptTokens() + ", completion=" + usage.completionTokens() + ", total="
					+ usage.totalTokens() + "]";
		}

	}

}
