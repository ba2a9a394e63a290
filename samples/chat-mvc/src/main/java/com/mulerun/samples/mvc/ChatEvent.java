package com.mulerun.samples.mvc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mulerun.chat.error.MuleRunApiException;
import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.model.Usage;
import org.jspecify.annotations.Nullable;

/**
 * One server-sent event of a streamed answer: a text {@code delta}, the {@code usage},
 * {@code done} with the model and the finish reason, or an {@code error}. Members that do
 * not apply are left out of the JSON.
 *
 * @param type {@code delta}, {@code usage}, {@code done} or {@code error}
 * @param text the text a {@code delta} adds
 * @param promptTokens the prompt tokens of a {@code usage}
 * @param completionTokens the completion tokens of a {@code usage}
 * @param totalTokens the total tokens of a {@code usage}
 * @param model the model that answered, in {@code done}
 * @param finishReason why the answer ended, in {@code done}
 * @param message the readable message of an {@code error}
 * @param status the HTTP status behind an {@code error}, when the API answered with one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatEvent(String type, @Nullable String text, @Nullable Integer promptTokens,
		@Nullable Integer completionTokens, @Nullable Integer totalTokens, @Nullable String model,
		@Nullable String finishReason, @Nullable String message, @Nullable Integer status) {

	static ChatEvent delta(String text) {
		return new ChatEvent("delta", text, null, null, null, null, null, null, null);
	}

	static ChatEvent usage(Usage usage) {
		return new ChatEvent("usage", null, usage.promptTokens(), usage.completionTokens(), usage.totalTokens(), null,
				null, null, null);
	}

	static ChatEvent done(@Nullable String model, @Nullable String finishReason) {
		return new ChatEvent("done", null, null, null, null, model, finishReason, null, null);
	}

	static ChatEvent error(MuleRunException ex) {
		Integer status = (ex instanceof MuleRunApiException apiError) ? apiError.statusCode() : null;
		return new ChatEvent("error", null, null, null, null, null, null, ex.getMessage(), status);
	}

}
