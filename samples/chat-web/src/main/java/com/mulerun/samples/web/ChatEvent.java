package com.mulerun.samples.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One event of the stream the page reads: a text {@code delta}, a {@code tool} the model
 * calls, the {@code usage}, an {@code error} or {@code done}. Members that do not apply
 * to the type are left out of the JSON.
 *
 * @param type {@code delta}, {@code tool}, {@code usage}, {@code error} or {@code done}
 * @param text the text a {@code delta} adds, or the name of the tool of a {@code tool}
 * @param promptTokens the prompt tokens of a {@code usage}
 * @param completionTokens the completion tokens of a {@code usage}
 * @param totalTokens the total tokens of a {@code usage}
 * @param message the readable message of an {@code error}
 * @param status the HTTP status behind an {@code error}, when the API answered with one
 * @param finishReason why the answer ended, in a {@code done}
 * @param model the model that answered, in a {@code done}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatEvent(String type, @Nullable String text, @Nullable Integer promptTokens,
		@Nullable Integer completionTokens, @Nullable Integer totalTokens, @Nullable String message,
		@Nullable Integer status, @Nullable String finishReason, @Nullable String model) {

	/**
	 * Creates a {@code delta} event.
	 * @param text the text the answer grows by
	 * @return the event
	 */
	public static ChatEvent delta(String text) {
		return new ChatEvent("delta", text, null, null, null, null, null, null, null);
	}

	/**
	 * Creates a {@code tool} event: the model calls a tool, which the template runs
	 * before the answer goes on.
	 * @param name the tool's name
	 * @return the event
	 */
	public static ChatEvent tool(String name) {
		return new ChatEvent("tool", name, null, null, null, null, null, null, null);
	}

	/**
	 * Creates a {@code usage} event.
	 * @param promptTokens the prompt tokens, or {@code null} when not reported
	 * @param completionTokens the completion tokens, or {@code null} when not reported
	 * @param totalTokens the total tokens, or {@code null} when not reported
	 * @return the event
	 */
	public static ChatEvent usage(@Nullable Integer promptTokens, @Nullable Integer completionTokens,
			@Nullable Integer totalTokens) {
		return new ChatEvent("usage", null, promptTokens, completionTokens, totalTokens, null, null, null, null);
	}

	/**
	 * Creates an {@code error} event.
	 * @param message the readable message
	 * @param status the HTTP status, or {@code null}
	 * @return the event
	 */
	public static ChatEvent error(String message, @Nullable Integer status) {
		return new ChatEvent("error", null, null, null, null, message, status, null, null);
	}

	/**
	 * Creates a {@code done} event.
	 * @param model the model that answered, or {@code null} when not reported
	 * @param finishReason why the answer ended, or {@code null} when not reported
	 * @return the event
	 */
	public static ChatEvent done(@Nullable String model, @Nullable String finishReason) {
		return new ChatEvent("done", null, null, null, null, null, null, finishReason, model);
	}

}
