package com.mulerun.chat;

import com.mulerun.chat.auth.ApiKeyResolver;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.http.ChatCompletionTransport;
import com.mulerun.chat.http.ModelFallback;
import com.mulerun.chat.interceptor.InterceptorChain;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatModels;
import com.mulerun.chat.observation.ChatCompletionObserver;
import com.mulerun.chat.stream.ChatCompletionAggregator;
import com.mulerun.chat.stream.SseFrameDecoder;
import com.mulerun.chat.structured.ChatEntity;
import com.mulerun.chat.structured.StructuredOutput;
import com.mulerun.chat.tool.ChatTools;
import com.mulerun.chat.tool.ToolLoop;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.function.SingletonSupplier;

/**
 * The entry point of the MuleRun client: creates chat completions blocking, reactively,
 * or as a stream.
 *
 * <p>
 * The template composes the steps of a call and holds no mechanism itself:
 * <ol>
 * <li>the {@link RequestPreparer} fills in the template's defaults (the model, default
 * options) and the {@code stream} flag of the call style;</li>
 * <li>the {@link InterceptorChain} runs the {@link ChatCompletionInterceptor}s in
 * order;</li>
 * <li>the request is validated (nothing is sent when it is invalid) and serialised
 * once;</li>
 * <li>the {@link ChatCompletionObserver} observes the call (Micrometer, OpenTelemetry
 * GenAI names);</li>
 * <li>the {@link ApiKeyResolver} decides the key of the request (the call's, an
 * {@link com.mulerun.chat.auth.ApiKeyProvider}'s, or the configured one), and the
 * {@link ModelFallback} sends the request to the next fallback model when a model fails
 * before anything reached the caller;</li>
 * <li>the {@link ChatCompletionTransport} sends it over {@code WebClient} with timeouts
 * and retries, decodes the answer (JSON, or server-sent events into chunks) and turns
 * every failure into a {@link MuleRunException}.</li>
 * </ol>
 * A stream is retried only until its first chunk reaches the subscriber, so no token is
 * ever delivered twice. Structured output ({@code entity}, {@code createEntity},
 * {@code streamEntities}) is delegated to a {@link StructuredOutput} that calls back into
 * this template.
 *
 * <p>
 * A call with tools ({@link CallOptions#tools()}, else the builder's default tools) runs
 * the {@link ToolLoop} over these steps: each round of the conversation is one call as
 * above.
 *
 * <p>
 * Create one with {@link #builder()} or let the Spring Boot starter auto-configure it.
 * Instances are immutable and thread-safe.
 */
public class ChatCompletionTemplate implements ChatCompletionOperations, AutoCloseable {

	/** The default base URL of the MuleRun API. */
	public static final String DEFAULT_BASE_URL = "https://api.mulerun.com";

	/** The default path of the chat completions endpoint. */
	public static final String DEFAULT_COMPLETIONS_PATH = "/v1/chat/completions";

	/** The default model, used when neither the request nor the defaults name one. */
	public static final String DEFAULT_MODEL = ChatModels.GPT_5;

	/** The default maximum size of a non-streaming response body: 16 MB. */
	public static final int DEFAULT_MAX_RESPONSE_SIZE = 16 * 1024 * 1024;

	/** The default maximum size of one server-sent event: 16 MB. */
	public static final int DEFAULT_MAX_EVENT_SIZE = SseFrameDecoder.DEFAULT_MAX_EVENT_SIZE;

	private final RequestPreparer preparer;

	private final InterceptorChain interceptors;

	private final ChatCompletionObserver observer;

	private final ChatCompletionTransport transport;

	private final ApiKeyResolver apiKeys;

	private final ModelFallback fallback;

	private final @Nullable Disposable ownedResources;

	private final String baseUrl;

	private final URI completionsUri;

	/**
	 * Created on the first structured-output call: its schema generator, reading mapper
	 * and Bean Validation bootstrap cost start-up time that applications without
	 * structured output should not pay.
	 */
	private final SingletonSupplier<StructuredOutput> structuredOutput;

	private final @Nullable ChatTools defaultTools;

	private final ToolLoop toolLoop;

	ChatCompletionTemplate(RequestPreparer preparer, InterceptorChain interceptors, ChatCompletionObserver observer,
			ChatCompletionTransport transport, ApiKeyResolver apiKeys, ModelFallback fallback,
			@Nullable Disposable ownedResources, String baseUrl, URI completionsUri,
			Function<ChatCompletionOperations, StructuredOutput> structuredOutput, @Nullable ChatTools defaultTools,
			ToolLoop toolLoop) {
		this.defaultTools = defaultTools;
		this.toolLoop = toolLoop;
		this.preparer = preparer;
		this.interceptors = interceptors;
		this.observer = observer;
		this.transport = transport;
		this.apiKeys = apiKeys;
		this.fallback = fallback;
		this.ownedResources = ownedResources;
		this.baseUrl = baseUrl;
		this.completionsUri = completionsUri;
		this.structuredOutput = SingletonSupplier.of(() -> structuredOutput.apply(this));
	}

	/**
	 * Returns a builder with the defaults: {@value #DEFAULT_BASE_URL},
	 * {@value #DEFAULT_COMPLETIONS_PATH}, model {@value #DEFAULT_MODEL},
	 * {@link Timeouts#DEFAULTS}, {@link RetrySettings#DEFAULTS}.
	 * @return the builder
	 */
	public static ChatCompletionTemplateBuilder builder() {
		return new ChatCompletionTemplateBuilder();
	}

	@Override
	public ChatCompletion create(ChatCompletionRequest request, CallOptions options) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(options, "options must not be null");
		ChatTools tools = toolsOf(options);
		// with tools on a thread that may block, the caller's thread runs the blocking
		// tools itself (ToolLoop.callOnCaller)
		ChatCompletion completion = (tools != null && !Schedulers.isInNonBlockingThread())
				? this.toolLoop.callOnCaller(request, options, tools, this::callOnce)
				: createMono(request, options).block();
		if (completion == null) {
			throw new MuleRunException("The call completed without a chat completion");
		}
		return completion;
	}

	@Override
	public Mono<ChatCompletion> createMono(ChatCompletionRequest request, CallOptions options) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(options, "options must not be null");
		return Mono.defer(() -> {
			ChatTools tools = toolsOf(options);
			return (tools != null) ? this.toolLoop.call(request, options, tools, this::callOnce)
					: callOnce(request, options);
		});
	}

	private Mono<ChatCompletion> callOnce(ChatCompletionRequest request, CallOptions options) {
		return this.interceptors.call(this.preparer.prepare(request, false), options, (prepared, callOptions) -> {
			byte[] body = this.preparer.encode(prepared, false);
			return this.observer.observe(prepared, exchange(prepared, body, callOptions));
		});
	}

	@Override
	public Flux<ChatCompletionChunk> stream(ChatCompletionRequest request, CallOptions options) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(options, "options must not be null");
		return Flux.defer(() -> {
			ChatTools tools = toolsOf(options);
			return (tools != null) ? this.toolLoop.stream(request, options, tools, this::streamOnce)
					: streamOnce(request, options);
		});
	}

	private Flux<ChatCompletionChunk> streamOnce(ChatCompletionRequest request, CallOptions options) {
		return this.interceptors.stream(this.preparer.prepare(request, true), options, (prepared, callOptions) -> {
			byte[] body = this.preparer.encode(prepared, true);
			return this.observer.observeStream(prepared,
					(aggregateSink) -> exchangeStream(prepared, body, callOptions, aggregateSink));
		});
	}

	private Mono<ChatCompletion> exchange(ChatCompletionRequest request, byte[] body, CallOptions options) {
		return this.fallback.mono(request, options, (attempt) -> {
			byte[] sent = (attempt == request) ? body : this.preparer.encode(attempt, false);
			return this.apiKeys.mono(attempt, options, (keyed) -> this.transport.exchange(sent, keyed));
		});
	}

	private Flux<ChatCompletionChunk> exchangeStream(ChatCompletionRequest request, byte[] body, CallOptions options,
			Consumer<ChatCompletionAggregator> aggregateSink) {
		return this.fallback.flux(request, options, (attempt) -> {
			byte[] sent = (attempt == request) ? body : this.preparer.encode(attempt, true);
			return this.apiKeys.flux(attempt, options,
					(keyed) -> this.transport.exchangeStream(sent, keyed, aggregateSink));
		});
	}

	/**
	 * Returns the models a call falls back to when its model fails and the call sets none
	 * of its own.
	 * @return the fallback models, in order
	 */
	public List<String> fallbackModels() {
		return this.fallback.models();
	}

	/**
	 * Streams a chat completion and gives the {@link ChatCompletion} its chunks add up
	 * to; with default tools, each round is streamed and aggregated on its own and the
	 * result is the final round's answer.
	 * @param request the request
	 * @return the aggregate
	 */
	@Override
	public Mono<ChatCompletion> streamAggregated(ChatCompletionRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		return Mono.defer(() -> {
			ChatTools tools = toolsOf(CallOptions.NONE);
			return (tools != null)
					? this.toolLoop.call(request, CallOptions.NONE, tools,
							(round, options) -> ChatCompletionAggregator.aggregate(streamOnce(round, options)))
					: ChatCompletionAggregator.aggregate(streamOnce(request, CallOptions.NONE));
		});
	}

	/**
	 * Returns the tools of a call (its own, else the default tools), or {@code null} when
	 * it has none.
	 */
	private @Nullable ChatTools toolsOf(CallOptions options) {
		ChatTools tools = (options.tools() != null) ? options.tools() : this.defaultTools;
		return (tools != null && !tools.isEmpty()) ? tools : null;
	}

	@Override
	public <T> Mono<ChatEntity<T>> createEntityMono(ChatCompletionRequest request, ParameterizedTypeReference<T> type,
			CallOptions options) {
		Objects.requireNonNull(type, "type must not be null");
		return structuredOutput().createEntity(request, type.getType(), options);
	}

	@Override
	public <T> Flux<T> streamEntities(ChatCompletionRequest request, Class<T> elementType, CallOptions options) {
		return structuredOutput().streamEntities(request, elementType, options);
	}

	private StructuredOutput structuredOutput() {
		return this.structuredOutput.obtain();
	}

	/**
	 * Releases the connection pool the template created for itself (when it was given
	 * neither a connector nor a {@code WebClient.Builder}); Spring calls it when the
	 * context closes. Calls made afterwards fail.
	 */
	@Override
	public void close() {
		if (this.ownedResources != null) {
			this.ownedResources.dispose();
		}
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
		return this.preparer.defaultModel();
	}

	@Override
	public String toString() {
		return "ChatCompletionTemplate[baseUrl=" + this.completionsUri + ", defaultModel=" + defaultModel()
				+ ", fallbackModels=" + fallbackModels() + ", interceptors=" + this.interceptors.size() + "]";
	}

}
