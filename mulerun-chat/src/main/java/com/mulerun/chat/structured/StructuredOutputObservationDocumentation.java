package com.mulerun.chat.structured;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documents the observation of a structured-output call: it spans the chat completion
 * calls it makes (they are its children), carries the requested type and the mode, and
 * records each repair attempt as an event. No content is recorded here; the chat
 * completion observations record it when content recording is on.
 */
public enum StructuredOutputObservationDocumentation implements ObservationDocumentation {

	/**
	 * One structured-output call ({@code entity}, {@code createEntity},
	 * {@code streamEntities}), repairs included.
	 */
	STRUCTURED_OUTPUT {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultStructuredOutputObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

		@Override
		public Observation.Event[] getEvents() {
			return Events.values();
		}

	};

	/**
	 * The low cardinality keys.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * The simple name of the requested type, such as {@code Person} or
		 * {@code List<Person>}.
		 */
		TYPE {
			@Override
			public String asString() {
				return "mulerun.structured.type";
			}
		},

		/**
		 * The mode used: {@code json_schema}, {@code tool_call} or {@code json_object}.
		 */
		MODE {
			@Override
			public String asString() {
				return "mulerun.structured.mode";
			}
		},

		/**
		 * Whether the value was delivered as one ({@code false}) or streamed element by
		 * element ({@code true}).
		 */
		STREAM {
			@Override
			public String asString() {
				return "mulerun.structured.stream";
			}
		}

	}

	/**
	 * The high cardinality keys.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** How many repair attempts were made. */
		REPAIR_ATTEMPTS {
			@Override
			public String asString() {
				return "mulerun.structured.repair_attempts";
			}
		}

	}

	/**
	 * The events.
	 */
	public enum Events implements Observation.Event {

		/** An answer did not parse and was sent back to the model to correct. */
		REPAIR {
			@Override
			public String getName() {
				return "mulerun.structured.repair";
			}

			@Override
			public String getContextualName() {
				return "structured output repair attempt";
			}
		}

	}

}
