package com.mulerun.chat.structured;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.error.MuleRunStructuredOutputException;
import com.mulerun.chat.error.MuleRunStructuredOutputException.Reason;
import com.mulerun.chat.model.AssistantMessage;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.Choice;
import com.mulerun.chat.model.ChunkChoice;
import com.mulerun.chat.model.Delta;
import com.mulerun.chat.model.FinishReason;
import com.mulerun.chat.model.FunctionToolCall;
import com.mulerun.chat.model.ToolCall;
import com.mulerun.chat.model.ToolCallDelta;
import com.mulerun.chat.structured.AnswerReader.InvalidAnswerException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;

/**
 * The structured-output engine behind {@code entity}, {@code createEntity} and
 * {@code streamEntities} of {@link ChatCompletionOperations}: it shapes the request for
 * the {@linkplain StructuredOutputMode mode}, calls the operations it sits on, parses the
 * answer back into the Java type, validates it, and repairs a failed parse by sending the
 * error back to the model when repair attempts are configured.
 *
 * <p>
 * {@link com.mulerun.chat.ChatCompletionTemplate} holds one, built from its
 * {@link JsonMapper}, default model, settings and observation registry. Schemas are
 * generated once per type. Instances are thread-safe.
 */
public final class StructuredOutput {

	private final ChatCompletionOperations operations;

	private final JsonMapper mapper;

	private final JsonSchemaGenerator schemas;

	private final AnswerReader reader;

	private final String defaultModel;

	private final StructuredOutputSettings settings;

	private final ObservationRegistry observationRegistry;

	private final ConcurrentMap<Type, TypeInfo> types = new ConcurrentHashMap<>();

	/**
	 * Creates the engine.
	 * @param operations the operations the calls go through
	 * @param mapper the mapper that reads the values; a copy is derived that also reads
	 * maps from entry arrays and fails on a missing property and on {@code null} for a
	 * primitive
	 * @param defaultModel the model of a request that names none, which
	 * {@link StructuredOutputMode#AUTO} decides by
	 * @param settings the mode and repair attempts
	 * @param observationRegistry the registry of the structured-output observations
	 */
	public StructuredOutput(ChatCompletionOperations operations, JsonMapper mapper, String defaultModel,
			StructuredOutputSettings settings, ObservationRegistry observationRegistry) {
		this.operations = Objects.requireNonNull(operations, "operations must not be null");
		Objects.requireNonNull(mapper, "mapper must not be null");
		// the schema requires every property and allows null only where the type does
		this.mapper = mapper.rebuild()
			.addModule(new MapEntriesModule())
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
					DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
			.build();
		this.schemas = new JsonSchemaGenerator(mapper);
		this.reader = new AnswerReader(this.mapper, BeanValidation.ifAvailable());
		this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel must not be null");
		this.settings = Objects.requireNonNull(settings, "settings must not be null");
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry must not be null");
	}

	/**
	 * Returns the schema generator, which caches the schema of every type asked for.
	 * @return the generator
	 */
	public JsonSchemaGenerator schemaGenerator() {
		return this.schemas;
	}

	/**
	 * Asks for a value of the given type and gives it with the completion it came from.
	 * @param <T> the type
	 * @param request the user's request
	 * @param type the type, a {@link Class} or a parameterized type
	 * @param options options of this call, which may override the mode and the repair
	 * attempts
	 * @return the value and the completion; a {@link MuleRunStructuredOutputException}
	 * when the answer cannot become the type
	 */
	public <T> Mono<ChatEntity<T>> createEntity(ChatCompletionRequest request, Type type, CallOptions options) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(options, "options must not be null");
		return Mono.defer(() -> {
			Call call = new Call(request, type, options, false);
			return observe(call.observation, this.<T>attempt(call, call.shaped, 0));
		});
	}

	/**
	 * Asks for a list of the given element type and emits each element as soon as its
	 * JSON is complete in the stream. Repair attempts do not apply: elements already
	 * emitted cannot be taken back.
	 * @param <T> the element type
	 * @param request the user's request
	 * @param elementType the element type
	 * @param options options of this call, which may override the mode
	 * @return the elements; a {@link MuleRunStructuredOutputException} after the last
	 * good element when the stream is refused, cut off, filtered or an element is invalid
	 */
	public <T> Flux<T> streamEntities(ChatCompletionRequest request, Class<T> elementType, CallOptions options) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(elementType, "elementType must not be null");
		Objects.requireNonNull(options, "options must not be null");
		Type listType = ResolvableType.forClassWithGenerics(List.class, elementType).getType();
		return Flux.defer(() -> {
			Call call = new Call(request, listType, options, true);
			ElementStream<T> stream = new ElementStream<>(call, this.mapper.constructType(elementType));
			Flux<T> elements = this.operations.stream(call.shaped, options)
				.<T>handle(stream::onChunk)
				.concatWith(Mono.defer(stream::onComplete));
			return observe(call.observation, elements);
		});
	}

	private <T> Mono<ChatEntity<T>> attempt(Call call, ChatCompletionRequest request, int repairs) {
		return this.operations.createMono(request, call.options).flatMap((completion) -> {
			Answer answer = answer(call, completion);
			try {
				boolean tolerant = call.mode != StructuredOutputMode.JSON_SCHEMA;
				T value = this.reader.read(answer.raw, call.javaType, call.wrapper, tolerant);
				return Mono.just(new ChatEntity<>(value, completion));
			}
			catch (InvalidAnswerException ex) {
				if (repairs < call.repairAttempts) {
					call.context.repairAttempted();
					call.observation.event(StructuredOutputObservationDocumentation.Events.REPAIR);
					return attempt(call, StructuredRequests.repair(request, answer.message, answer.toolCallId,
							call.name, ex.reason()), repairs + 1);
				}
				String after = (repairs == 0) ? ""
						: " after " + repairs + ((repairs == 1) ? " repair attempt" : " repair attempts");
				return Mono.error(call.invalid(after + ": " + ex.reason(), answer.raw, completion, ex));
			}
		});
	}

	/**
	 * Finds the answer in a completion: the forced tool call's arguments or the text;
	 * fails at once (no repair) on a refusal, a cut-off or a filtered answer.
	 */
	private Answer answer(Call call, ChatCompletion completion) {
		List<Choice> choices = (completion.choices() != null) ? completion.choices() : List.of();
		Choice choice = choices.isEmpty() ? null : choices.get(0);
		AssistantMessage message = (choice != null) ? choice.message() : null;
		String text = (message != null) ? message.text() : null;
		String refusal = (message != null) ? message.refusal() : null;
		String toolCallId = null;
		String raw = text;
		if (call.mode == StructuredOutputMode.TOOL_CALL && message != null) {
			for (ToolCall toolCall : message.toolCallsOrEmpty()) {
				if (toolCall instanceof FunctionToolCall function && call.name.equals(function.function().name())) {
					raw = function.function().arguments();
					toolCallId = function.id();
					break;
				}
			}
		}
		failOnStop(call, refusal, (choice != null) ? choice.finishReason() : null, raw, completion);
		return new Answer((raw != null) ? raw : "", message, toolCallId);
	}

	private static void failOnStop(Call call, @Nullable String refusal, @Nullable FinishReason finishReason,
			@Nullable String raw, @Nullable ChatCompletion completion) {
		if (refusal != null && !refusal.isBlank()) {
			throw new MuleRunStructuredOutputException(Reason.REFUSAL,
					"The model " + call.model + " refused to answer with a " + call.typeName + ": " + refusal, raw,
					completion, null);
		}
		String finish = (finishReason != null) ? finishReason.normalized() : "";
		String finishValue = (finishReason != null) ? finishReason.value() : "";
		if (finish.equals("length")) {
			throw new MuleRunStructuredOutputException(Reason.LENGTH,
					"The answer of " + call.model + " was cut off by the token limit (finish_reason " + finishValue
							+ ") before the " + call.typeName
							+ " was complete; raise max_completion_tokens or ask for less",
					raw, completion, null);
		}
		if (finish.equals("content_filter")) {
			throw new MuleRunStructuredOutputException(Reason.CONTENT_FILTER,
					"The answer of " + call.model + " was stopped by the provider's content filter (finish_reason "
							+ finishValue + ") before the " + call.typeName + " was complete",
					raw, completion, null);
		}
	}

	private <T> Mono<T> observe(Observation observation, Mono<T> mono) {
		return Mono.deferContextual((context) -> {
			start(observation, context.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
			// stopped before the value or the error goes downstream, so a blocked caller
			// sees the stopped observation
			return mono.onErrorMap(StructuredOutput::isForeign, StructuredOutput::wrap)
				.doOnSuccess((value) -> observation.stop())
				.doOnError((error) -> observation.error(error).stop())
				.doOnCancel(observation::stop)
				.contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private <T> Flux<T> observe(Observation observation, Flux<T> flux) {
		return Flux.deferContextual((context) -> {
			start(observation, context.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
			return flux.onErrorMap(StructuredOutput::isForeign, StructuredOutput::wrap)
				.doOnComplete(observation::stop)
				.doOnError((error) -> observation.error(error).stop())
				.doOnCancel(observation::stop)
				.contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private static boolean isForeign(Throwable error) {
		return !(error instanceof MuleRunException);
	}

	private static Throwable wrap(Throwable error) {
		return new MuleRunException("Structured output failed: " + error, error);
	}

	private void start(Observation observation, @Nullable Observation parent) {
		observation.parentObservation((parent != null) ? parent : this.observationRegistry.getCurrentObservation())
			.start();
	}

	/**
	 * What one structured-output call asks for, resolved once: the mode, the schema, the
	 * shaped request.
	 */
	private final class Call {

		final CallOptions options;

		final String model;

		final StructuredOutputMode mode;

		final int repairAttempts;

		final String typeName;

		final String name;

		final @Nullable String wrapper;

		final JavaType javaType;

		final ChatCompletionRequest shaped;

		final StructuredOutputObservationContext context;

		final Observation observation;

		Call(ChatCompletionRequest request, Type type, CallOptions options, boolean stream) {
			StructuredOutput outer = StructuredOutput.this;
			this.options = options;
			this.model = (request.model() != null) ? request.model() : outer.defaultModel;
			StructuredOutputMode requested = (options.structuredOutputMode() != null) ? options.structuredOutputMode()
					: outer.settings.mode();
			this.mode = requested.resolve(this.model);
			this.repairAttempts = (options.structuredOutputRepairAttempts() != null)
					? options.structuredOutputRepairAttempts() : outer.settings.repairAttempts();
			TypeInfo info = outer.typeInfo(type);
			this.typeName = info.typeName();
			this.name = info.schemaName();
			this.wrapper = info.wrapper();
			this.javaType = info.javaType();
			this.shaped = StructuredRequests.shape(request, this.mode, this.name, info.schema(), info.schemaJson());
			this.context = new StructuredOutputObservationContext(this.typeName, this.mode, stream);
			this.observation = StructuredOutputObservationDocumentation.STRUCTURED_OUTPUT.observation(null,
					DefaultStructuredOutputObservationConvention.INSTANCE, () -> this.context,
					outer.observationRegistry);
		}

		/**
		 * Returns the failure of an answer that is not a valid value of the type.
		 * @param detail what follows "The answer of {model} is not a valid {type}", such
		 * as ": property ..."
		 */
		MuleRunStructuredOutputException invalid(String detail, @Nullable String raw,
				@Nullable ChatCompletion completion, @Nullable Throwable cause) {
			return new MuleRunStructuredOutputException(Reason.INVALID,
					"The answer of " + this.model + " is not a valid " + this.typeName + detail, raw, completion,
					cause);
		}

	}

	/**
	 * What a type needs on every call, worked out on its first call: no schema work on
	 * the hot path.
	 */
	private record TypeInfo(String typeName, String schemaName, @Nullable String wrapper, JavaType javaType,
			Map<String, Object> schema, String schemaJson) {
	}

	private TypeInfo typeInfo(Type type) {
		return this.types.computeIfAbsent(type, (key) -> {
			try {
				Map<String, Object> schema = this.schemas.schemaFor(key);
				return new TypeInfo(StructuredRequests.typeName(key), StructuredRequests.schemaName(key),
						this.schemas.wrapperProperty(key), this.mapper.constructType(key), schema,
						this.mapper.writeValueAsString(schema));
			}
			catch (RuntimeException ex) {
				throw new MuleRunException("Cannot ask for a " + StructuredRequests.typeName(key)
						+ ": no JSON schema can be generated for it (" + ex.getMessage() + ")", ex);
			}
		});
	}

	/**
	 * The answer found in a completion.
	 */
	private record Answer(String raw, @Nullable AssistantMessage message, @Nullable String toolCallId) {
	}

	/**
	 * Follows one stream: feeds the text (or the forced tool call's arguments) to a
	 * splitter and parses each element it completes; remembers the refusal and the finish
	 * reason for the end.
	 */
	private final class ElementStream<T> {

		private final Call call;

		private final JavaType elementType;

		private final JsonElementSplitter splitter = new JsonElementSplitter();

		private final StringBuilder raw = new StringBuilder();

		private final StringBuilder refusal = new StringBuilder();

		private @Nullable FinishReason finishReason;

		private int index;

		ElementStream(Call call, JavaType elementType) {
			this.call = call;
			this.elementType = elementType;
		}

		void onChunk(ChatCompletionChunk chunk, SynchronousSink<T> sink) {
			ChunkChoice choice = firstChoice(chunk);
			if (choice == null) {
				return;
			}
			if (choice.finishReason() != null) {
				this.finishReason = choice.finishReason();
			}
			Delta delta = choice.delta();
			if (delta == null) {
				return;
			}
			if (delta.refusal() != null) {
				this.refusal.append(delta.refusal());
			}
			StringBuilder piece = new StringBuilder();
			if (delta.toolCalls() != null) {
				for (ToolCallDelta toolCall : delta.toolCalls()) {
					if (toolCall.function() != null && toolCall.function().arguments() != null) {
						piece.append(toolCall.function().arguments());
					}
				}
			}
			String text = delta.text();
			if (text != null) {
				piece.append(text);
			}
			if (piece.isEmpty()) {
				return;
			}
			this.raw.append(piece);
			for (String element : this.splitter.feed(piece)) {
				try {
					sink.next(StructuredOutput.this.reader.readElement(element, this.elementType, this.index++));
				}
				catch (InvalidAnswerException ex) {
					sink.error(this.call.invalid(": " + ex.reason(), this.raw.toString(), null, ex));
					return;
				}
			}
		}

		Mono<T> onComplete() {
			String rawContent = this.raw.toString();
			failOnStop(this.call, this.refusal.isEmpty() ? null : this.refusal.toString(), this.finishReason,
					rawContent, null);
			if (!this.splitter.isComplete()) {
				String problem = this.splitter.hasStarted() ? "the stream ended before the list was complete"
						: "the answer has no JSON object";
				return Mono.error(this.call.invalid(": " + problem, rawContent, null, null));
			}
			return Mono.empty();
		}

		private static @Nullable ChunkChoice firstChoice(ChatCompletionChunk chunk) {
			if (chunk.choices() == null) {
				return null;
			}
			for (ChunkChoice choice : chunk.choices()) {
				if (choice.indexOrZero() == 0) {
					return choice;
				}
			}
			return null;
		}

	}

}
