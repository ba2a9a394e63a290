package com.mulerun.chat.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documents the observation of chat completion calls and its keys.
 *
 * <p>
 * The name ({@code gen_ai.client.operation}) and the contextual name ({@code chat
 * {model}}) come from the convention, {@link DefaultChatCompletionObservationConvention}
 * unless one is configured, so that a custom convention can change them: this
 * documentation therefore does not override {@link #getName()} or
 * {@link #getContextualName()} (either would replace the convention's value).
 */
public enum ChatCompletionObservationDocumentation implements ObservationDocumentation {

	/**
	 * One chat completion call, blocking, reactive or streamed, from subscription to the
	 * last chunk, the error or the cancellation; retries are part of it.
	 */
	CHAT_COMPLETION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultChatCompletionObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * The low cardinality keys: every one is always present, with {@code none} when there
	 * is no value.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The operation, {@code chat}. */
		OPERATION_NAME(GenAiNames.OPERATION_NAME),

		/** The provider, {@code mulerun}. */
		PROVIDER_NAME(GenAiNames.PROVIDER_NAME),

		/** The model of the request. */
		REQUEST_MODEL(GenAiNames.REQUEST_MODEL),

		/** The model that answered, {@code none} when no response arrived. */
		RESPONSE_MODEL(GenAiNames.RESPONSE_MODEL),

		/** The host of the API. */
		SERVER_ADDRESS(GenAiNames.SERVER_ADDRESS),

		/** The port of the API. */
		SERVER_PORT(GenAiNames.SERVER_PORT),

		/**
		 * The simple class name of the exception the call ended with ({@code _OTHER} when
		 * it has none), or {@code none} when the call succeeded or was cancelled (a
		 * cancellation is not an error).
		 */
		ERROR_TYPE(GenAiNames.ERROR_TYPE);

		private final GenAiNames name;

		LowCardinalityKeyNames(GenAiNames name) {
			this.name = name;
		}

		@Override
		public String asString() {
			return this.name.value();
		}

	}

	/**
	 * The high cardinality keys: each is present only when it has a value.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The sampling temperature. */
		REQUEST_TEMPERATURE(GenAiNames.REQUEST_TEMPERATURE),

		/** The nucleus sampling probability. */
		REQUEST_TOP_P(GenAiNames.REQUEST_TOP_P),

		/**
		 * The upper bound of generated tokens: {@code max_completion_tokens}, else
		 * {@code max_tokens}.
		 */
		REQUEST_MAX_TOKENS(GenAiNames.REQUEST_MAX_TOKENS),

		/** The frequency penalty. */
		REQUEST_FREQUENCY_PENALTY(GenAiNames.REQUEST_FREQUENCY_PENALTY),

		/** The presence penalty. */
		REQUEST_PRESENCE_PENALTY(GenAiNames.REQUEST_PRESENCE_PENALTY),

		/** The stop sequences, as a JSON array of strings. */
		REQUEST_STOP_SEQUENCES(GenAiNames.REQUEST_STOP_SEQUENCES),

		/** The seed. */
		REQUEST_SEED(GenAiNames.REQUEST_SEED),

		/**
		 * The number of choices asked for, when the request sets {@code n} to another
		 * value than 1.
		 */
		REQUEST_CHOICE_COUNT(GenAiNames.REQUEST_CHOICE_COUNT),

		/** Whether the call streams, {@code true} or {@code false}. */
		REQUEST_STREAM(GenAiNames.REQUEST_STREAM),

		/** The id of the completion. */
		RESPONSE_ID(GenAiNames.RESPONSE_ID),

		/**
		 * The finish reasons of the choices, in choice order, as a JSON array of strings.
		 */
		RESPONSE_FINISH_REASONS(GenAiNames.RESPONSE_FINISH_REASONS),

		/** The seconds from the start of the call to the first chunk of a stream. */
		RESPONSE_TIME_TO_FIRST_CHUNK(GenAiNames.RESPONSE_TIME_TO_FIRST_CHUNK),

		/** The prompt tokens. */
		USAGE_INPUT_TOKENS(GenAiNames.USAGE_INPUT_TOKENS),

		/** The completion tokens. */
		USAGE_OUTPUT_TOKENS(GenAiNames.USAGE_OUTPUT_TOKENS),

		/** The reasoning tokens among the completion tokens. */
		USAGE_REASONING_OUTPUT_TOKENS(GenAiNames.USAGE_REASONING_OUTPUT_TOKENS),

		/** The prompt tokens read from the cache. */
		USAGE_CACHE_READ_INPUT_TOKENS(GenAiNames.USAGE_CACHE_READ_INPUT_TOKENS),

		/**
		 * The messages sent, as OpenTelemetry input messages JSON; only when content
		 * recording is on.
		 */
		INPUT_MESSAGES(GenAiNames.INPUT_MESSAGES),

		/**
		 * The messages received, as OpenTelemetry output messages JSON; only when content
		 * recording is on.
		 */
		OUTPUT_MESSAGES(GenAiNames.OUTPUT_MESSAGES),

		/**
		 * {@code true} when the subscriber cancelled the call (a stream taken partly, a
		 * timeout of the caller); the usage and response keys then describe what was
		 * received until then.
		 */
		CANCELLED(GenAiNames.CANCELLED);

		private final GenAiNames name;

		HighCardinalityKeyNames(GenAiNames name) {
			this.name = name;
		}

		@Override
		public String asString() {
			return this.name.value();
		}

		@Override
		public boolean isRequired() {
			return false;
		}

	}

}
