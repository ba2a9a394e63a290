package com.mulerun.chat.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Log probability information of one token of the output.
 *
 * @param token the token
 * @param logprob the log probability of the token (-9999.0 when very unlikely)
 * @param bytes the UTF-8 bytes of the token, {@code null} when it has none
 * @param topLogprobs the most likely tokens at this position
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenLogprob(@JsonProperty("token") @Nullable String token,
		@JsonProperty("logprob") @Nullable Double logprob, @JsonProperty("bytes") @Nullable List<Integer> bytes,
		@JsonProperty("top_logprobs") @Nullable List<TopLogprob> topLogprobs,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code TokenLogprob}.
	 * @param token the token, or {@code null}
	 * @param logprob the log probability of the token (-9999.0 when very unlikely), or
	 * {@code null}
	 * @param bytes the UTF-8 bytes of the token, {@code null} when it has none, or
	 * {@code null}
	 * @param topLogprobs the most likely tokens at this position, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public TokenLogprob(@Nullable String token, @Nullable Double logprob, @Nullable List<Integer> bytes,
			@Nullable List<TopLogprob> topLogprobs, @Nullable Map<String, Object> extra) {
		this.token = token;
		this.logprob = logprob;
		this.bytes = ModelSupport.copy(bytes);
		this.topLogprobs = ModelSupport.copy(topLogprobs);
		this.extra = ModelSupport.extra(extra);
	}

	/**
	 * One of the most likely tokens at a position, with its log probability.
	 *
	 * @param token the token
	 * @param logprob the log probability of the token
	 * @param bytes the UTF-8 bytes of the token
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record TopLogprob(@JsonProperty("token") @Nullable String token,
			@JsonProperty("logprob") @Nullable Double logprob, @JsonProperty("bytes") @Nullable List<Integer> bytes,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

		/**
		 * Creates a {@code TopLogprob}.
		 * @param token the token, or {@code null}
		 * @param logprob the log probability of the token, or {@code null}
		 * @param bytes the UTF-8 bytes of the token, or {@code null}
		 * @param extra properties the model does not name, or {@code null}
		 */
		public TopLogprob(@Nullable String token, @Nullable Double logprob, @Nullable List<Integer> bytes,
				@Nullable Map<String, Object> extra) {
			this.token = token;
			this.logprob = logprob;
			this.bytes = ModelSupport.copy(bytes);
			this.extra = ModelSupport.extra(extra);
		}

	}

}
