package com.mulerun.chat.structured;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The convention of structured-output observations; implement it (or extend
 * {@link DefaultStructuredOutputObservationConvention}) to change names or keys.
 *
 * @see StructuredOutputObservationDocumentation
 */
public interface StructuredOutputObservationConvention
		extends ObservationConvention<StructuredOutputObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof StructuredOutputObservationContext;
	}

}
