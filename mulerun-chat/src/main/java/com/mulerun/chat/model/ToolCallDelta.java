package com.mulerun.chat.model;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A fragment of a tool call in a stream chunk. Real gateways omit {@code index}, repeat
 * {@code id} or send several whole calls in one delta;
 * {@link com.mulerun.chat.stream.ChatCompletionAggregator} merges them.
 *
 * @param index the index of the tool call this fragment belongs to
 * @param id the id of the tool call
 * @param type the type of the tool call, {@code function}
 * @param function the function name and an arguments fragment
 * @param custom the custom tool name and an input fragment
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = ToolCallDelta.Deserializer.class)
public record ToolCallDelta(@JsonProperty("index") @Nullable Integer index, @JsonProperty("id") @Nullable String id,
		@JsonProperty("type") @Nullable String type, @JsonProperty("function") @Nullable FunctionCall function,
		@JsonProperty("custom") CustomToolCall.@Nullable CustomCall custom,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code ToolCallDelta}.
	 * @param index the index of the tool call this fragment belongs to, or {@code null}
	 * @param id the id of the tool call, or {@code null}
	 * @param type the type of the tool call, {@code function}, or {@code null}
	 * @param function the function name and an arguments fragment, or {@code null}
	 * @param custom the custom tool name and an input fragment, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public ToolCallDelta(@Nullable Integer index, @Nullable String id, @Nullable String type,
			@Nullable FunctionCall function, CustomToolCall.@Nullable CustomCall custom,
			@Nullable Map<String, Object> extra) {
		this.index = index;
		this.id = id;
		this.type = type;
		this.function = function;
		this.custom = custom;
		this.extra = ModelSupport.extra(extra);
	}

	/**
	 * Reads a tool call fragment token by token (see {@link RecordDeserializer}).
	 */
	static final class Deserializer extends RecordDeserializer<ToolCallDelta> {

		private static final String[] TYPES = { "function", "custom" };

		private @Nullable ValueDeserializer<Object> function;

		private @Nullable ValueDeserializer<Object> custom;

		Deserializer() {
			super(ToolCallDelta.class);
		}

		@Override
		public void resolve(DeserializationContext context) {
			super.resolve(context);
			this.function = find(context, FunctionCall.class);
			this.custom = find(context, CustomToolCall.CustomCall.class);
		}

		@Override
		ToolCallDelta read(JsonParser parser, DeserializationContext context, @Nullable String name) {
			Integer index = null;
			String id = null;
			String type = null;
			FunctionCall function = null;
			CustomToolCall.CustomCall custom = null;
			String extraName = null;
			Object extraValue = null;
			LinkedHashMap<String, Object> extras = null;
			for (; name != null; name = parser.nextName()) {
				parser.nextToken();
				try {
					switch (name) {
						case "index" -> index = integer(parser, context);
						case "id" -> id = string(parser, context);
						case "type" -> type = knownString(parser, context, TYPES);
						case "function" -> function = value(parser, context, this.function);
						case "custom" -> custom = value(parser, context, this.custom);
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
			return new ToolCallDelta(index, id, type, function, custom, extra(extraName, extraValue, extras));
		}

	}

}
