package com.mulerun.chat.observation;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link ToolExecutionObservationConvention}, with the names of the
 * OpenTelemetry GenAI semantic conventions: contextual name {@code execute_tool
 * {gen_ai.tool.name}}, operation {@code execute_tool}.
 *
 * <p>
 * Every key comes from its own {@code protected} method. The arguments and the result are
 * recorded only when the context
 * {@linkplain ToolExecutionObservationContext#isIncludeContent() includes content}.
 */
public class DefaultToolExecutionObservationConvention implements ToolExecutionObservationConvention {

	/** The shared instance. */
	public static final DefaultToolExecutionObservationConvention INSTANCE = new DefaultToolExecutionObservationConvention();

	/** The operation name of tool executions. */
	public static final String OPERATION_EXECUTE_TOOL = "execute_tool";

	/** The tool type of the tools of the loop. */
	public static final String TOOL_TYPE_FUNCTION = "function";

	/**
	 * Creates the convention; use {@link #INSTANCE} unless you extend it.
	 */
	public DefaultToolExecutionObservationConvention() {
	}

	@Override
	public String getName() {
		return GenAiNames.TOOL_EXECUTION.value();
	}

	@Override
	public String getContextualName(ToolExecutionObservationContext context) {
		return OPERATION_EXECUTE_TOOL + " " + context.getToolName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ToolExecutionObservationContext context) {
		return KeyValues.of(operationName(context), toolName(context), toolType(context), errorType(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ToolExecutionObservationContext context) {
		List<KeyValue> keyValues = new ArrayList<>(3);
		keyValues.add(toolCallId(context));
		if (context.isIncludeContent()) {
			keyValues.add(toolCallArguments(context));
			KeyValue result = toolCallResult(context);
			if (result != null) {
				keyValues.add(result);
			}
		}
		return KeyValues.of(keyValues);
	}

	/**
	 * Returns the key value of the operation name.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue operationName(ToolExecutionObservationContext context) {
		return KeyValue.of(GenAiNames.OPERATION_NAME.value(), OPERATION_EXECUTE_TOOL);
	}

	/**
	 * Returns the key value of the tool name.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue toolName(ToolExecutionObservationContext context) {
		return KeyValue.of(GenAiNames.TOOL_NAME.value(), context.getToolName());
	}

	/**
	 * Returns the key value of the tool type.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue toolType(ToolExecutionObservationContext context) {
		return KeyValue.of(GenAiNames.TOOL_TYPE.value(), TOOL_TYPE_FUNCTION);
	}

	/**
	 * Returns the key value of the error type.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue errorType(ToolExecutionObservationContext context) {
		String errorType = context.getErrorType();
		return KeyValue.of(GenAiNames.ERROR_TYPE.value(),
				(errorType != null) ? errorType : DefaultChatCompletionObservationConvention.NONE);
	}

	/**
	 * Returns the key value of the tool call id.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue toolCallId(ToolExecutionObservationContext context) {
		return KeyValue.of(GenAiNames.TOOL_CALL_ID.value(), context.getToolCallId());
	}

	/**
	 * Returns the key value of the tool call arguments (only called with content
	 * recording on).
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue toolCallArguments(ToolExecutionObservationContext context) {
		return KeyValue.of(GenAiNames.TOOL_CALL_ARGUMENTS.value(), context.getArguments());
	}

	/**
	 * Returns the key value of the tool call result (only called with content recording
	 * on).
	 * @param context the context
	 * @return the key value, or {@code null} when there is none
	 */
	protected @Nullable KeyValue toolCallResult(ToolExecutionObservationContext context) {
		String result = context.getResult();
		return (result != null) ? KeyValue.of(GenAiNames.TOOL_CALL_RESULT.value(), result) : null;
	}

}
