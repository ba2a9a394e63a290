package com.mulerun.chat.observation;

import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.Stop;
import com.mulerun.chat.model.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link ChatCompletionObservationConvention}, with the names of the
 * OpenTelemetry GenAI semantic conventions (see {@link GenAiNames}).
 *
 * <p>
 * Every key comes from its own {@code protected} method, so a subclass can change one key
 * and keep the others. Low cardinality keys are always present: a key without a value
 * (the response model of a failed call, the error type of a successful one) has the value
 * {@value #NONE}, since a metric needs the same tags on every recording. High cardinality
 * keys are present only when they have a value.
 *
 * <p>
 * The OpenTelemetry conventions do not count a cancellation as an error: a cancelled call
 * has {@code error.type} {@value #NONE} and the high cardinality key
 * {@code mulerun.cancelled=true}.
 *
 * <p>
 * The prompt and the completion ({@code gen_ai.input.messages},
 * {@code gen_ai.output.messages}, as the JSON of the OpenTelemetry message schemas) are
 * recorded only when the context
 * {@linkplain ChatCompletionObservationContext#isIncludeContent() includes content}; no
 * other key holds text of a message.
 */
public class DefaultChatCompletionObservationConvention implements ChatCompletionObservationConvention {

	/** The shared instance. */
	public static final DefaultChatCompletionObservationConvention INSTANCE = new DefaultChatCompletionObservationConvention();

	/** The value of a low cardinality key that has no value. */
	public static final String NONE = "none";

	/** The operation name of chat completions. */
	public static final String OPERATION_CHAT = "chat";

	/** The provider name of MuleRun. */
	public static final String PROVIDER_MULERUN = "mulerun";

	/** The error type of an exception without a simple class name. */
	public static final String OTHER_ERROR = "_OTHER";

	/**
	 * Creates the convention; use {@link #INSTANCE} unless you extend it.
	 */
	public DefaultChatCompletionObservationConvention() {
	}

	@Override
	public String getName() {
		return GenAiNames.OPERATION.value();
	}

	@Override
	public String getContextualName(ChatCompletionObservationContext context) {
		String model = context.getRequest().model();
		return (model != null && !model.isEmpty()) ? OPERATION_CHAT + " " + model : OPERATION_CHAT;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ChatCompletionObservationContext context) {
		return KeyValues.of(operationName(context), providerName(context), requestModel(context),
				responseModel(context), serverAddress(context), serverPort(context), errorType(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ChatCompletionObservationContext context) {
		List<KeyValue> keyValues = new ArrayList<>(20);
		add(keyValues, requestTemperature(context));
		add(keyValues, requestTopP(context));
		add(keyValues, requestMaxTokens(context));
		add(keyValues, requestFrequencyPenalty(context));
		add(keyValues, requestPresencePenalty(context));
		add(keyValues, requestStopSequences(context));
		add(keyValues, requestSeed(context));
		add(keyValues, requestChoiceCount(context));
		add(keyValues, requestStream(context));
		add(keyValues, responseId(context));
		add(keyValues, responseFinishReasons(context));
		add(keyValues, responseTimeToFirstChunk(context));
		add(keyValues, usageInputTokens(context));
		add(keyValues, usageOutputTokens(context));
		add(keyValues, usageReasoningOutputTokens(context));
		add(keyValues, usageCacheReadInputTokens(context));
		add(keyValues, cancelled(context));
		if (context.isIncludeContent()) {
			add(keyValues, inputMessages(context));
			add(keyValues, outputMessages(context));
		}
		return KeyValues.of(keyValues);
	}

	private static void add(List<KeyValue> keyValues, @Nullable KeyValue keyValue) {
		if (keyValue != null) {
			keyValues.add(keyValue);
		}
	}

	/**
	 * Returns {@code gen_ai.operation.name}: {@value #OPERATION_CHAT}.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue operationName(ChatCompletionObservationContext context) {
		return KeyValue.of(GenAiNames.OPERATION_NAME.value(), OPERATION_CHAT);
	}

	/**
	 * Returns {@code gen_ai.provider.name}: {@value #PROVIDER_MULERUN}.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue providerName(ChatCompletionObservationContext context) {
		return KeyValue.of(GenAiNames.PROVIDER_NAME.value(), PROVIDER_MULERUN);
	}

	/**
	 * Returns {@code gen_ai.request.model}: the model of the request as sent.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue requestModel(ChatCompletionObservationContext context) {
		return KeyValue.of(GenAiNames.REQUEST_MODEL.value(), ObservationValues.orNone(context.getRequest().model()));
	}

	/**
	 * Returns {@code gen_ai.response.model}: the model of the response, {@value #NONE}
	 * when none arrived.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue responseModel(ChatCompletionObservationContext context) {
		ChatCompletion response = context.getResponse();
		String model = (response != null) ? response.model() : null;
		return KeyValue.of(GenAiNames.RESPONSE_MODEL.value(), ObservationValues.orNone(model));
	}

	/**
	 * Returns {@code server.address}: the host of the API.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue serverAddress(ChatCompletionObservationContext context) {
		return KeyValue.of(GenAiNames.SERVER_ADDRESS.value(), ObservationValues.orNone(context.getServerAddress()));
	}

	/**
	 * Returns {@code server.port}: the port of the API.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue serverPort(ChatCompletionObservationContext context) {
		return KeyValue.of(GenAiNames.SERVER_PORT.value(), Integer.toString(context.getServerPort()));
	}

	/**
	 * Returns {@code error.type}: the simple class name of the error
	 * ({@value #OTHER_ERROR} for an anonymous class), {@value #NONE} when the call did
	 * not fail.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue errorType(ChatCompletionObservationContext context) {
		Throwable error = context.getError();
		String type = NONE;
		if (error != null) {
			String name = error.getClass().getSimpleName();
			type = name.isEmpty() ? OTHER_ERROR : name;
		}
		return KeyValue.of(GenAiNames.ERROR_TYPE.value(), type);
	}

	/**
	 * Returns {@code gen_ai.request.temperature}, when the request sets it.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue requestTemperature(ChatCompletionObservationContext context) {
		return ObservationValues.keyValue(GenAiNames.REQUEST_TEMPERATURE, context.getRequest().temperature());
	}

	/**
	 * Returns {@code gen_ai.request.top_p}, when the request sets it.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue requestTopP(ChatCompletionObservationContext context) {
		return ObservationValues.keyValue(GenAiNames.REQUEST_TOP_P, context.getRequest().topP());
	}

	/**
	 * Returns {@code gen_ai.request.max_tokens}: {@code max_completion_tokens}, else
	 * {@code max_tokens}.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue requestMaxTokens(ChatCompletionObservationContext context) {
		ChatCompletionRequest request = context.getRequest();
		Integer maxTokens = (request.maxCompletionTokens() != null) ? request.maxCompletionTokens()
				: request.maxTokens();
		return ObservationValues.keyValue(GenAiNames.REQUEST_MAX_TOKENS, maxTokens);
	}

	/**
	 * Returns {@code gen_ai.request.frequency_penalty}, when the request sets it.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue requestFrequencyPenalty(ChatCompletionObservationContext context) {
		return ObservationValues.keyValue(GenAiNames.REQUEST_FREQUENCY_PENALTY,
				context.getRequest().frequencyPenalty());
	}

	/**
	 * Returns {@code gen_ai.request.presence_penalty}, when the request sets it.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue requestPresencePenalty(ChatCompletionObservationContext context) {
		return ObservationValues.keyValue(GenAiNames.REQUEST_PRESENCE_PENALTY, context.getRequest().presencePenalty());
	}

	/**
	 * Returns {@code gen_ai.request.stop_sequences} as a JSON array of strings, when the
	 * request sets them.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue requestStopSequences(ChatCompletionObservationContext context) {
		Stop stop = context.getRequest().stop();
		if (stop == null || stop.sequences().isEmpty()) {
			return null;
		}
		return KeyValue.of(GenAiNames.REQUEST_STOP_SEQUENCES.value(), ObservationJson.stringArray(stop.sequences()));
	}

	/**
	 * Returns {@code gen_ai.request.seed}, when the request sets it.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue requestSeed(ChatCompletionObservationContext context) {
		return ObservationValues.keyValue(GenAiNames.REQUEST_SEED, context.getRequest().seed());
	}

	/**
	 * Returns {@code gen_ai.request.choice.count}, when the request sets {@code n} to
	 * another value than 1 (as the OpenTelemetry conventions ask).
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue requestChoiceCount(ChatCompletionObservationContext context) {
		Integer n = context.getRequest().n();
		return (n != null && n != 1) ? ObservationValues.keyValue(GenAiNames.REQUEST_CHOICE_COUNT, n) : null;
	}

	/**
	 * Returns {@code gen_ai.request.stream}: {@code true} or {@code false}.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue requestStream(ChatCompletionObservationContext context) {
		return KeyValue.of(GenAiNames.REQUEST_STREAM.value(), Boolean.toString(context.isStreaming()));
	}

	/**
	 * Returns {@code gen_ai.response.id}, when a response with an id arrived.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue responseId(ChatCompletionObservationContext context) {
		ChatCompletion response = context.getResponse();
		return (response != null)
				? ObservationValues.keyValue(GenAiNames.RESPONSE_ID, ObservationValues.emptyToNull(response.id()))
				: null;
	}

	/**
	 * Returns {@code gen_ai.response.finish_reasons} as a JSON array of strings in choice
	 * order, when a choice has one.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue responseFinishReasons(ChatCompletionObservationContext context) {
		ChatCompletion response = context.getResponse();
		if (response == null || response.choices() == null) {
			return null;
		}
		String finishReasons = ObservationJson.finishReasons(response.choices());
		return (finishReasons != null) ? KeyValue.of(GenAiNames.RESPONSE_FINISH_REASONS.value(), finishReasons) : null;
	}

	/**
	 * Returns {@code gen_ai.response.time_to_first_chunk} in seconds, for a stream whose
	 * first chunk arrived.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue responseTimeToFirstChunk(ChatCompletionObservationContext context) {
		Duration timeToFirstChunk = context.getTimeToFirstChunk();
		return (timeToFirstChunk != null) ? KeyValue.of(GenAiNames.RESPONSE_TIME_TO_FIRST_CHUNK.value(),
				ObservationValues.seconds(timeToFirstChunk)) : null;
	}

	/**
	 * Returns {@code gen_ai.usage.input_tokens}: the prompt tokens of the usage.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue usageInputTokens(ChatCompletionObservationContext context) {
		Usage usage = usage(context);
		return (usage != null) ? ObservationValues.keyValue(GenAiNames.USAGE_INPUT_TOKENS, usage.promptTokens()) : null;
	}

	/**
	 * Returns {@code gen_ai.usage.output_tokens}: the completion tokens of the usage.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue usageOutputTokens(ChatCompletionObservationContext context) {
		Usage usage = usage(context);
		return (usage != null) ? ObservationValues.keyValue(GenAiNames.USAGE_OUTPUT_TOKENS, usage.completionTokens())
				: null;
	}

	/**
	 * Returns {@code gen_ai.usage.reasoning.output_tokens}: the reasoning tokens of the
	 * usage.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue usageReasoningOutputTokens(ChatCompletionObservationContext context) {
		Usage usage = usage(context);
		if (usage == null || usage.completionTokensDetails() == null) {
			return null;
		}
		return ObservationValues.keyValue(GenAiNames.USAGE_REASONING_OUTPUT_TOKENS,
				usage.completionTokensDetails().reasoningTokens());
	}

	/**
	 * Returns {@code gen_ai.usage.cache_read.input_tokens}: the cached prompt tokens of
	 * the usage.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue usageCacheReadInputTokens(ChatCompletionObservationContext context) {
		Usage usage = usage(context);
		if (usage == null || usage.promptTokensDetails() == null) {
			return null;
		}
		return ObservationValues.keyValue(GenAiNames.USAGE_CACHE_READ_INPUT_TOKENS,
				usage.promptTokensDetails().cachedTokens());
	}

	/**
	 * Returns {@code mulerun.cancelled=true} when the subscriber cancelled the call.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue cancelled(ChatCompletionObservationContext context) {
		return context.isCancelled() ? KeyValue.of(GenAiNames.CANCELLED.value(), "true") : null;
	}

	/**
	 * Returns {@code gen_ai.input.messages}: the messages of the request as OpenTelemetry
	 * input messages JSON
	 * ({@code [{"role":"user","parts":[{"type":"text","content":"..."}]}]}). Called only
	 * when content is recorded.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue inputMessages(ChatCompletionObservationContext context) {
		List<ChatMessage> messages = context.getRequest().messagesOrEmpty();
		return messages.isEmpty() ? null
				: KeyValue.of(GenAiNames.INPUT_MESSAGES.value(), ObservationJson.inputMessages(messages));
	}

	/**
	 * Returns {@code gen_ai.output.messages}: the choices of the response as
	 * OpenTelemetry output messages JSON
	 * ({@code [{"role":"assistant","parts":[...],"finish_reason":"stop"}]}). Called only
	 * when content is recorded.
	 * @param context the context
	 * @return the key value, or {@code null}
	 */
	protected @Nullable KeyValue outputMessages(ChatCompletionObservationContext context) {
		ChatCompletion response = context.getResponse();
		if (response == null || response.choices() == null || response.choices().isEmpty()) {
			return null;
		}
		return KeyValue.of(GenAiNames.OUTPUT_MESSAGES.value(), ObservationJson.outputMessages(response.choices()));
	}

	private static @Nullable Usage usage(ChatCompletionObservationContext context) {
		ChatCompletion response = context.getResponse();
		return (response != null) ? response.usage() : null;
	}

}
