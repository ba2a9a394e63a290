package com.mulerun.chat.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A choice of a {@link ChatCompletion}: the message the model generated and why it
 * stopped.
 *
 * @param index the index of the choice in the list of choices
 * @param message the message the model generated
 * @param logprobs log probability information, when requested
 * @param finishReason why the model stopped generating tokens; {@code tool_calls} when
 * the message carries tool calls and the provider said {@code stop} (see
 * {@link FinishReason#withToolCalls()})
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Choice(@JsonProperty("index") @Nullable Integer index,
		@JsonProperty("message") @Nullable AssistantMessage message,
		@JsonProperty("logprobs") @Nullable Logprobs logprobs,
		@JsonProperty("finish_reason") @Nullable FinishReason finishReason,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code Choice}.
	 * @param index the index of the choice in the list of choices, or {@code null}
	 * @param message the message the model generated, or {@code null}
	 * @param logprobs log probability information, when requested, or {@code null}
	 * @param finishReason why the model stopped generating tokens, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public Choice(@Nullable Integer index, @Nullable AssistantMessage message, @Nullable Logprobs logprobs,
			@Nullable FinishReason finishReason, @Nullable Map<String, Object> extra) {
		this.index = index;
		this.message = message;
		this.logprobs = logprobs;
		this.finishReason = (finishReason != null && message != null && message.toolCalls() != null
				&& !message.toolCalls().isEmpty()) ? finishReason.withToolCalls() : finishReason;
		this.extra = ModelSupport.extra(extra);
	}

	/**
	 * Returns the index of the choice, 0 when the provider did not send one.
	 * @return the index
	 */
	public int indexOrZero() {
		return (this.index != null) ? this.index : 0;
	}

}
