package com.mulerun.chat.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Log probability information of a choice: per token of the content and of the refusal.
 *
 * @param content log probabilities of the content tokens
 * @param refusal log probabilities of the refusal tokens
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Logprobs(@JsonProperty("content") @Nullable List<TokenLogprob> content,
		@JsonProperty("refusal") @Nullable List<TokenLogprob> refusal,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code Logprobs}.
	 * @param content log probabilities of the content tokens, or {@code null}
	 * @param refusal log probabilities of the refusal tokens, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public Logprobs(@Nullable List<TokenLogprob> content, @Nullable List<TokenLogprob> refusal,
			@Nullable Map<String, Object> extra) {
		this.content = ModelSupport.copy(content);
		this.refusal = ModelSupport.copy(refusal);
		this.extra = ModelSupport.extra(extra);
	}

}
