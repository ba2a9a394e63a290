package com.mulerun.chat.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The convention of tool execution observations; implement it (or extend
 * {@link DefaultToolExecutionObservationConvention}) to change names or keys.
 *
 * @see ToolExecutionObservationDocumentation
 */
public interface ToolExecutionObservationConvention extends ObservationConvention<ToolExecutionObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ToolExecutionObservationContext;
	}

}
