package com.mulerun.chat.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The convention of chat completion observations; implement it (or extend
 * {@link DefaultChatCompletionObservationConvention}) to change names or keys.
 *
 * @see ChatCompletionObservationDocumentation
 */
public interface ChatCompletionObservationConvention extends ObservationConvention<ChatCompletionObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ChatCompletionObservationContext;
	}

}
