package com.mulerun.chat.tool;

/**
 * Hears about each tool call of the loop: before it runs (and may veto it, for human
 * approval or an authorisation check) and after it, with the result sent back to the
 * model.
 *
 * <p>
 * Both methods run on the thread the tool runs on: for a blocking tool a worker thread,
 * or the caller's own thread under a blocking {@code create} (so {@link #beforeExecution}
 * may block, waiting for an approval), the caller's thread for a reactive tool. A
 * listener that throws in {@link #beforeExecution} fails that call like a tool that
 * throws; an exception from {@link #afterExecution} is logged and ignored.
 */
public interface ToolCallListener {

	/**
	 * Called before a tool call runs, after its tool was found.
	 * @param invocation the call
	 * @return {@link ToolCallDecision#proceed()} to run it, or a veto
	 */
	default ToolCallDecision beforeExecution(ToolInvocation invocation) {
		return ToolCallDecision.proceed();
	}

	/**
	 * Called after a tool call, with what is sent back to the model (also for a failed or
	 * vetoed call).
	 * @param invocation the call
	 * @param result the result
	 */
	default void afterExecution(ToolInvocation invocation, ToolCallResult result) {
	}

}
