package com.mulerun.chat.observation;

/**
 * Every observation, key and metric name of the chat completion instrumentation, in one
 * place.
 *
 * <p>
 * The names follow the OpenTelemetry GenAI semantic conventions v1.41.1 (status:
 * development), which still rename attributes from time to time: when they do, only this
 * enum changes. Names of this client that the conventions do not define start with
 * {@code mulerun.}.
 */
public enum GenAiNames {

	/** The name of the observation: {@code gen_ai.client.operation}. */
	OPERATION("gen_ai.client.operation"),

	/** The operation, always {@code chat} here: {@code gen_ai.operation.name}. */
	OPERATION_NAME("gen_ai.operation.name"),

	/** The provider, always {@code mulerun} here: {@code gen_ai.provider.name}. */
	PROVIDER_NAME("gen_ai.provider.name"),

	/** The model of the request: {@code gen_ai.request.model}. */
	REQUEST_MODEL("gen_ai.request.model"),

	/** The model that answered: {@code gen_ai.response.model}. */
	RESPONSE_MODEL("gen_ai.response.model"),

	/** The host of the API: {@code server.address}. */
	SERVER_ADDRESS("server.address"),

	/** The port of the API: {@code server.port}. */
	SERVER_PORT("server.port"),

	/** The type of the error the call ended with: {@code error.type}. */
	ERROR_TYPE("error.type"),

	/** The sampling temperature: {@code gen_ai.request.temperature}. */
	REQUEST_TEMPERATURE("gen_ai.request.temperature"),

	/** The nucleus sampling probability: {@code gen_ai.request.top_p}. */
	REQUEST_TOP_P("gen_ai.request.top_p"),

	/** The upper bound of generated tokens: {@code gen_ai.request.max_tokens}. */
	REQUEST_MAX_TOKENS("gen_ai.request.max_tokens"),

	/** The frequency penalty: {@code gen_ai.request.frequency_penalty}. */
	REQUEST_FREQUENCY_PENALTY("gen_ai.request.frequency_penalty"),

	/** The presence penalty: {@code gen_ai.request.presence_penalty}. */
	REQUEST_PRESENCE_PENALTY("gen_ai.request.presence_penalty"),

	/** The stop sequences: {@code gen_ai.request.stop_sequences}. */
	REQUEST_STOP_SEQUENCES("gen_ai.request.stop_sequences"),

	/** The seed: {@code gen_ai.request.seed}. */
	REQUEST_SEED("gen_ai.request.seed"),

	/** The number of choices asked for: {@code gen_ai.request.choice.count}. */
	REQUEST_CHOICE_COUNT("gen_ai.request.choice.count"),

	/** Whether the call streams: {@code gen_ai.request.stream}. */
	REQUEST_STREAM("gen_ai.request.stream"),

	/** The id of the completion: {@code gen_ai.response.id}. */
	RESPONSE_ID("gen_ai.response.id"),

	/** The finish reasons of the choices: {@code gen_ai.response.finish_reasons}. */
	RESPONSE_FINISH_REASONS("gen_ai.response.finish_reasons"),

	/**
	 * The time to the first chunk of a stream, in seconds:
	 * {@code gen_ai.response.time_to_first_chunk}.
	 */
	RESPONSE_TIME_TO_FIRST_CHUNK("gen_ai.response.time_to_first_chunk"),

	/** The prompt tokens: {@code gen_ai.usage.input_tokens}. */
	USAGE_INPUT_TOKENS("gen_ai.usage.input_tokens"),

	/** The completion tokens: {@code gen_ai.usage.output_tokens}. */
	USAGE_OUTPUT_TOKENS("gen_ai.usage.output_tokens"),

	/**
	 * The reasoning tokens among the completion tokens:
	 * {@code gen_ai.usage.reasoning.output_tokens}.
	 */
	USAGE_REASONING_OUTPUT_TOKENS("gen_ai.usage.reasoning.output_tokens"),

	/**
	 * The prompt tokens read from the cache:
	 * {@code gen_ai.usage.cache_read.input_tokens}.
	 */
	USAGE_CACHE_READ_INPUT_TOKENS("gen_ai.usage.cache_read.input_tokens"),

	/**
	 * The messages sent, as JSON (only with content recording):
	 * {@code gen_ai.input.messages}.
	 */
	INPUT_MESSAGES("gen_ai.input.messages"),

	/**
	 * The messages received, as JSON (only with content recording):
	 * {@code gen_ai.output.messages}.
	 */
	OUTPUT_MESSAGES("gen_ai.output.messages"),

	/**
	 * Set to {@code true} when the subscriber cancelled the call:
	 * {@code mulerun.cancelled}.
	 */
	CANCELLED("mulerun.cancelled"),

	/**
	 * The tag of the token usage metric telling input from output:
	 * {@code gen_ai.token.type}.
	 */
	TOKEN_TYPE("gen_ai.token.type"),

	/** The duration metric, in seconds: {@code gen_ai.client.operation.duration}. */
	CLIENT_OPERATION_DURATION("gen_ai.client.operation.duration"),

	/** The token usage metric: {@code gen_ai.client.token.usage}. */
	CLIENT_TOKEN_USAGE("gen_ai.client.token.usage"),

	/**
	 * The time to first chunk metric of streams, in seconds:
	 * {@code gen_ai.client.operation.time_to_first_chunk}.
	 */
	CLIENT_OPERATION_TIME_TO_FIRST_CHUNK("gen_ai.client.operation.time_to_first_chunk"),

	/**
	 * The time between consecutive chunks of streams, in seconds:
	 * {@code gen_ai.client.operation.time_per_output_chunk}.
	 */
	CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK("gen_ai.client.operation.time_per_output_chunk"),

	/** The name of the observation of a tool execution: {@code gen_ai.tool.execution}. */
	TOOL_EXECUTION("gen_ai.tool.execution"),

	/** The name of the tool: {@code gen_ai.tool.name}. */
	TOOL_NAME("gen_ai.tool.name"),

	/** The type of the tool, {@code function}: {@code gen_ai.tool.type}. */
	TOOL_TYPE("gen_ai.tool.type"),

	/** The id of the tool call: {@code gen_ai.tool.call.id}. */
	TOOL_CALL_ID("gen_ai.tool.call.id"),

	/**
	 * The arguments of the tool call (only with content recording):
	 * {@code gen_ai.tool.call.arguments}.
	 */
	TOOL_CALL_ARGUMENTS("gen_ai.tool.call.arguments"),

	/**
	 * The result of the tool call (only with content recording):
	 * {@code gen_ai.tool.call.result}.
	 */
	TOOL_CALL_RESULT("gen_ai.tool.call.result");

	private final String value;

	GenAiNames(String value) {
		this.value = value;
	}

	/**
	 * Returns the name as it is recorded.
	 * @return the name
	 */
	public String value() {
		return this.value;
	}

}
