package com.mulerun.chat.model;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A choice of a {@link ChatCompletionChunk}: a delta of the message and, on its last
 * chunk, why it stopped.
 *
 * @param index the index of the choice in the list of choices
 * @param delta the part of the message this chunk adds
 * @param logprobs log probability information of the tokens of this chunk, when requested
 * @param finishReason why the model stopped generating tokens, on the last chunk of the
 * choice
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = ChunkChoice.Deserializer.class)
public record ChunkChoice(@JsonProperty("index") @Nullable Integer index, @JsonProperty("delta") @Nullable Delta delta,
		@JsonProperty("logprobs") @Nullable Logprobs logprobs,
		@JsonProperty("finish_reason") @Nullable FinishReason finishReason,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code ChunkChoice}.
	 * @param index the index of the choice in the list of choices, or {@code null}
	 * @param delta the part of the message this chunk adds, or {@code null}
	 * @param logprobs log probability information of the tokens of this chunk, when
	 * requested, or {@code null}
	 * @param finishReason why the model stopped generating tokens, on the last chunk of
	 * the choice, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public ChunkChoice(@Nullable Integer index, @Nullable Delta delta, @Nullable Logprobs logprobs,
			@Nullable FinishReason finishReason, @Nullable Map<String, Object> extra) {
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

	/**
	 * Reads a choice token by token (see {@link RecordDeserializer}).
	 */
	static final class Deserializer extends RecordDeserializer<ChunkChoice> {

		private static final String[] FINISH_REASONS = { "stop", "length", "tool_calls", "content_filter",
				"function_call", "error" };

		private @Nullable ValueDeserializer<Object> delta;

		private @Nullable ValueDeserializer<Object> logprobs;

		private @Nullable ValueDeserializer<Object> finishReasons;

		Deserializer() {
			super(ChunkChoice.class);
		}

		@Override
		public void resolve(DeserializationContext context) {
			super.resolve(context);
			this.delta = find(context, Delta.class);
			this.logprobs = find(context, Logprobs.class);
			this.finishReasons = find(context, FinishReason.class);
		}

		@Override
		ChunkChoice read(JsonParser parser, DeserializationContext context, @Nullable String name) {
			Integer index = null;
			Delta delta = null;
			Logprobs logprobs = null;
			FinishReason finishReason = null;
			String extraName = null;
			Object extraValue = null;
			LinkedHashMap<String, Object> extras = null;
			for (; name != null; name = parser.nextName()) {
				parser.nextToken();
				try {
					switch (name) {
						case "index" -> index = integer(parser, context);
						case "delta" -> delta = value(parser, context, this.delta);
						case "logprobs" -> logprobs = value(parser, context, this.logprobs);
						case "finish_reason" -> finishReason = parser.hasToken(JsonToken.VALUE_STRING)
								? FinishReason.of(knownText(parser, FINISH_REASONS))
								: value(parser, context, this.finishReasons);
						default -> {
							Object value = unknown(parser, context);
							if (extraName == null) {
								extraName = name;
								extraValue = value;
							}
							else {
								extras = moreExtra(extras, extraName, extraValue, name, value);
							}
						}
					}
				}
				catch (RuntimeException ex) {
					throw failure(context, ex, name);
				}
			}
			return new ChunkChoice(index, delta, logprobs, finishReason, extra(extraName, extraValue, extras));
		}

	}

}
