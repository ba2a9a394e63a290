package com.mulerun.chat.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documents the observation of one tool execution of the tool loop and its keys. Its
 * parent is the chat completion observation of the answer that asked for the call.
 */
public enum ToolExecutionObservationDocumentation implements ObservationDocumentation {

	/**
	 * One tool call: the listeners, the binding of the arguments and the tool itself,
	 * until the result is ready.
	 */
	EXECUTE_TOOL {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultToolExecutionObservationConvention.class;
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

		/** The operation, {@code execute_tool}. */
		OPERATION_NAME(GenAiNames.OPERATION_NAME),

		/** The name of the tool. */
		TOOL_NAME(GenAiNames.TOOL_NAME),

		/** The type of the tool, {@code function}. */
		TOOL_TYPE(GenAiNames.TOOL_TYPE),

		/**
		 * The type of the failure (see
		 * {@link ToolExecutionObservationContext#getErrorType()}), or {@code none}.
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
	 * The high cardinality keys, present only when they have a value.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The id of the call. */
		TOOL_CALL_ID(GenAiNames.TOOL_CALL_ID),

		/** The arguments; only when content recording is on. */
		TOOL_CALL_ARGUMENTS(GenAiNames.TOOL_CALL_ARGUMENTS),

		/** The result sent back to the model; only when content recording is on. */
		TOOL_CALL_RESULT(GenAiNames.TOOL_CALL_RESULT);

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
