package com.mulerun.chat.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A choice of a {@link ChatCompletionChunk}: a delta of the message and, on its last chunk, why it stopped.
 *
 * @param index the index of the choice in the list of choices
 * @param delta the part of the message this chunk adds
 * @param logprobs log probability information of the tokens of this chunk, when requested
 * @param finishReason why the model stopped generating tokens, on the last chunk of the choice
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChunkChoice(@JsonProperty("index") @Nullable Integer index, @JsonProperty("delta") @Nullable Delta delta, @JsonProperty("logprobs") @Nullable Logprobs logprobs, @JsonProperty("finish_reason") @Nullable FinishReason finishReason, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code ChunkChoice}.
	 * @param index the index of the choice in the list of choices, or {@code null}
	 * @param delta the part of the message this chunk adds, or {@code null}
	 * @param logprobs log probability information of the tokens of this chunk, when requested, or {@code null}
	 * @param finishReason why the model stopped generating tokens, on the last chunk of the choice, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public ChunkChoice(@Nullable Integer index, @Nullable Delta delta, @Nullable Logprobs logprobs, @Nullable FinishReason finishReason, @Nullable Map<String, Object> extra) {
		this.index = index;
		this.delta = delta;
		this.logprobs = logprobs;
		this.finishReason = finishReason;
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
