package com.mulerun.chat.tool;

/**
 * What the loop does when a tool call fails (unknown tool, arguments that are not valid
 * JSON or do not bind, a tool that throws or times out).
 */
public enum ToolFailurePolicy {

	/**
	 * Send the failure to the model as the tool's result, {@code {"error": "..."}}, so it
	 * can correct itself (the default). Vetoed calls are always reported this way.
	 */
	REPORT_TO_MODEL,

	/**
	 * End the call with a {@link com.mulerun.chat.error.MuleRunToolExecutionException}.
	 */
	RETHROW

}
