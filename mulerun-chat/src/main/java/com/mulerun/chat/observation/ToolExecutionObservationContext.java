package com.mulerun.chat.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of the observation of one tool execution of the tool loop: the tool, the
 * call, and (when content recording is on) its arguments and result.
 */
public class ToolExecutionObservationContext extends Observation.Context {

	/**
	 * The Reactor context key of a {@code Consumer<Observation>} that the chat completion
	 * observation of a call is handed to when it starts; the tool loop uses it to make
	 * the executions of a round children of the observation of the answer that asked for
	 * them.
	 */
	public static final String CHAT_OBSERVATION_SINK_KEY = ToolExecutionObservationContext.class.getName()
			+ ".chatObservationSink";

	private final String toolName;

	private final String toolCallId;

	private final String arguments;

	private final boolean includeContent;

	private @Nullable String result;

	private @Nullable String errorType;

	/**
	 * Creates a context.
	 * @param toolName the name of the tool the model called
	 * @param toolCallId the id of the call
	 * @param arguments the arguments as the model generated them
	 * @param includeContent whether the arguments and the result may be recorded
	 */
	public ToolExecutionObservationContext(String toolName, String toolCallId, String arguments,
			boolean includeContent) {
		this.toolName = toolName;
		this.toolCallId = toolCallId;
		this.arguments = arguments;
		this.includeContent = includeContent;
	}

	/**
	 * Returns the name of the tool the model called.
	 * @return the name
	 */
	public String getToolName() {
		return this.toolName;
	}

	/**
	 * Returns the id of the call.
	 * @return the id
	 */
	public String getToolCallId() {
		return this.toolCallId;
	}

	/**
	 * Returns the arguments as the model generated them; record them only when
	 * {@link #isIncludeContent()}.
	 * @return the arguments
	 */
	public String getArguments() {
		return this.arguments;
	}

	/**
	 * Whether the arguments and the result may be recorded; off by default since they can
	 * hold personal data.
	 * @return whether content is recorded
	 */
	public boolean isIncludeContent() {
		return this.includeContent;
	}

	/**
	 * Returns what was sent back to the model; record it only when
	 * {@link #isIncludeContent()}.
	 * @return the result, or {@code null} before the call ended or when it was cancelled
	 */
	public @Nullable String getResult() {
		return this.result;
	}

	/**
	 * Sets what was sent back to the model.
	 * @param result the result
	 */
	public void setResult(@Nullable String result) {
		this.result = result;
	}

	/**
	 * Returns the type of the failure: the simple class name of what the tool threw, or
	 * {@code tool_not_found}, {@code invalid_arguments}, {@code vetoed}, {@code timeout}.
	 * @return the error type, or {@code null} when the call succeeded
	 */
	public @Nullable String getErrorType() {
		return this.errorType;
	}

	/**
	 * Sets the type of the failure.
	 * @param errorType the error type, or {@code null}
	 */
	public void setErrorType(@Nullable String errorType) {
		this.errorType = errorType;
	}

}
