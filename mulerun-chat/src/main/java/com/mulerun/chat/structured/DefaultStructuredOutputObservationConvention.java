package com.mulerun.chat.structured;

import java.util.Locale;

import com.mulerun.chat.structured.StructuredOutputObservationDocumentation.HighCardinalityKeyNames;
import com.mulerun.chat.structured.StructuredOutputObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default convention of structured-output observations: name
 * {@code mulerun.structured.output}, contextual name {@code structured <Type>}, keys as
 * {@link StructuredOutputObservationDocumentation} lists them.
 */
public class DefaultStructuredOutputObservationConvention implements StructuredOutputObservationConvention {

	/** A shared instance. */
	public static final DefaultStructuredOutputObservationConvention INSTANCE = new DefaultStructuredOutputObservationConvention();

	@Override
	public String getName() {
		return "mulerun.structured.output";
	}

	@Override
	public String getContextualName(StructuredOutputObservationContext context) {
		return "structured " + context.getTypeName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(StructuredOutputObservationContext context) {
		return KeyValues.of(type(context), mode(context), stream(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(StructuredOutputObservationContext context) {
		return KeyValues.of(repairAttempts(context));
	}

	/**
	 * Returns the key of the requested type.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue type(StructuredOutputObservationContext context) {
		return LowCardinalityKeyNames.TYPE.withValue(context.getTypeName());
	}

	/**
	 * Returns the key of the mode.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue mode(StructuredOutputObservationContext context) {
		return LowCardinalityKeyNames.MODE.withValue(context.getMode().name().toLowerCase(Locale.ROOT));
	}

	/**
	 * Returns the key that tells a stream.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue stream(StructuredOutputObservationContext context) {
		return LowCardinalityKeyNames.STREAM.withValue(Boolean.toString(context.isStream()));
	}

	/**
	 * Returns the key of the repair attempts.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue repairAttempts(StructuredOutputObservationContext context) {
		return HighCardinalityKeyNames.REPAIR_ATTEMPTS.withValue(Integer.toString(context.getRepairAttempts()));
	}

}
