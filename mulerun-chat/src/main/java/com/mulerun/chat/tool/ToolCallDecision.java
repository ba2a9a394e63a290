package com.mulerun.chat.tool;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link ToolCallListener} decides before a tool call: let it run, or veto it with
 * a reason that is sent to the model instead of the tool's result.
 */
public final class ToolCallDecision {

	private static final ToolCallDecision PROCEED = new ToolCallDecision(null);

	private final @Nullable String vetoReason;

	private ToolCallDecision(@Nullable String vetoReason) {
		this.vetoReason = vetoReason;
	}

	/**
	 * Lets the call run.
	 * @return the decision
	 */
	public static ToolCallDecision proceed() {
		return PROCEED;
	}

	/**
	 * Vetoes the call; the model receives {@code {"error": "The call was refused:
	 * <reason>"}}.
	 * @param reason why, in words meant for the model
	 * @return the decision
	 */
	public static ToolCallDecision veto(String reason) {
		return new ToolCallDecision(Objects.requireNonNull(reason, "reason must not be null"));
	}

	/**
	 * Returns whether the call is vetoed.
	 * @return whether it is vetoed
	 */
	public boolean isVetoed() {
		return this.vetoReason != null;
	}

	/**
	 * Returns the reason of a veto.
	 * @return the reason, or {@code null} when the call may run
	 */
	public @Nullable String vetoReason() {
		return this.vetoReason;
	}

	@Override
	public String toString() {
		return (this.vetoReason != null) ? "ToolCallDecision[veto: " + this.vetoReason + "]"
				: "ToolCallDecision[proceed]";
	}

}
