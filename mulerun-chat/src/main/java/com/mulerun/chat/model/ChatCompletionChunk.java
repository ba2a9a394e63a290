package com.mulerun.chat.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A chunk of a streamed chat completion: one server-sent event.
 *
 * @param id a unique identifier of the completion
 * @param object the object type, {@code chat.completion} or {@code chat.completion.chunk}
 * @param created when the completion was created (Unix seconds; a fractional value is
 * truncated)
 * @param model the model used
 * @param choices the choices this chunk updates; empty in a usage-only or annotation-only
 * chunk
 * @param usage token usage
 * @param serviceTier the processing tier used
 * @param systemFingerprint the backend configuration the model ran with (deprecated)
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = ChatCompletionChunk.Deserializer.class)
public record ChatCompletionChunk(@JsonProperty("id") @Nullable String id,
		@JsonProperty("object") @Nullable String object, @JsonProperty("created") @Nullable Long created,
		@JsonProperty("model") @Nullable String model, @JsonProperty("choices") @Nullable List<ChunkChoice> choices,
		@JsonProperty("usage") @Nullable Usage usage, @JsonProperty("service_tier") @Nullable ServiceTier serviceTier,
		@JsonProperty("system_fingerprint") @Nullable String systemFingerprint,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code ChatCompletionChunk}.
	 * @param id a unique identifier of the completion, or {@code null}
	 * @param object the object type, {@code chat.completion} or
	 * {@code chat.completion.chunk}, or {@code null}
	 * @param created when the completion was created (Unix seconds; a fractional value is
	 * truncated), or {@code null}
	 * @param model the model used, or {@code null}
	 * @param choices the choices this chunk updates; empty in a usage-only or
	 * annotation-only chunk, or {@code null}
	 * @param usage token usage, or {@code null}
	 * @param serviceTier the processing tier used, or {@code null}
	 * @param systemFingerprint the backend configuration the model ran with (deprecated),
	 * or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public ChatCompletionChunk(@Nullable String id, @Nullable String object, @Nullable Long created,
			@Nullable String model, @Nullable List<ChunkChoice> choices, @Nullable Usage usage,
			@Nullable ServiceTier serviceTier, @Nullable String systemFingerprint,
			@Nullable Map<String, Object> extra) {
		this.id = id;
		this.object = object;
		this.created = created;
		this.model = model;
		this.choices = ModelSupport.copy(choices);
		this.usage = usage;
		this.serviceTier = serviceTier;
		this.systemFingerprint = systemFingerprint;
		this.extra = ModelSupport.extra(extra);
	}

	/**
	 * Returns the text that this chunk adds to the first choice, or {@code null} when it
	 * adds none.
	 * @return the text delta
	 */
	public @Nullable String text() {
		if (this.choices == null || this.choices.isEmpty()) {
			return null;
		}
		Delta delta = this.choices.get(0).delta();
		return (delta != null) ? delta.text() : null;
	}

	/**
	 * Returns a builder initialised with this object's values.
	 * @return the builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.id = this.id;
		builder.object = this.object;
		builder.created = this.created;
		builder.model = this.model;
		builder.choices = this.choices;
		builder.usage = this.usage;
		builder.serviceTier = this.serviceTier;
		builder.systemFingerprint = this.systemFingerprint;
		builder.extra.putAll(this.extra);
		return builder;
	}

	/**
	 * Returns a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link ChatCompletionChunk} objects.
	 */
	public static final class Builder {

		private @Nullable String id;

		private @Nullable String object;

		private @Nullable Long created;

		private @Nullable String model;

		private @Nullable List<ChunkChoice> choices;

		private @Nullable Usage usage;

		private @Nullable ServiceTier serviceTier;

		private @Nullable String systemFingerprint;

		private final Map<String, Object> extra = new java.util.LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets a unique identifier of the completion.
		 * @param id the value, or {@code null}
		 * @return this builder
		 */
		public Builder id(@Nullable String id) {
			this.id = id;
			return this;
		}

		/**
		 * Sets the object type, {@code chat.completion} or {@code chat.completion.chunk}.
		 * @param object the value, or {@code null}
		 * @return this builder
		 */
		public Builder object(@Nullable String object) {
			this.object = object;
			return this;
		}

		/**
		 * Sets when the completion was created (Unix seconds; a fractional value is
		 * truncated).
		 * @param created the value, or {@code null}
		 * @return this builder
		 */
		public Builder created(@Nullable Long created) {
			this.created = created;
			return this;
		}

		/**
		 * Sets the model used.
		 * @param model the value, or {@code null}
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets the choices.
		 * @param choices the value, or {@code null}
		 * @return this builder
		 */
		public Builder choices(@Nullable List<ChunkChoice> choices) {
			this.choices = choices;
			return this;
		}

		/**
		 * Sets token usage.
		 * @param usage the value, or {@code null}
		 * @return this builder
		 */
		public Builder usage(@Nullable Usage usage) {
			this.usage = usage;
			return this;
		}

		/**
		 * Sets the processing tier used.
		 * @param serviceTier the value, or {@code null}
		 * @return this builder
		 */
		public Builder serviceTier(@Nullable ServiceTier serviceTier) {
			this.serviceTier = serviceTier;
			return this;
		}

		/**
		 * Sets the backend configuration the model ran with (deprecated).
		 * @param systemFingerprint the value, or {@code null}
		 * @return this builder
		 */
		public Builder systemFingerprint(@Nullable String systemFingerprint) {
			this.systemFingerprint = systemFingerprint;
			return this;
		}

		/**
		 * Sets a property the model does not name.
		 * @param name the property name
		 * @param value the value
		 * @return this builder
		 */
		public Builder extra(String name, @Nullable Object value) {
			this.extra.put(name, value);
			return this;
		}

		/**
		 * Sets properties the model does not name.
		 * @param extra the properties
		 * @return this builder
		 */
		public Builder extra(Map<String, ?> extra) {
			this.extra.putAll(extra);
			return this;
		}

		/**
		 * Builds the object.
		 * @return the object
		 */
		public ChatCompletionChunk build() {
			return new ChatCompletionChunk(this.id, this.object, this.created, this.model, this.choices, this.usage,
					this.serviceTier, this.systemFingerprint, this.extra);
		}

	}

	/**
	 * Reads a chunk token by token (see {@link RecordDeserializer}).
	 */
	static final class Deserializer extends RecordDeserializer<ChatCompletionChunk> {

		private static final String[] OBJECTS = { "chat.completion.chunk", "chat.completion" };

		private static final String[] SERVICE_TIERS = { "default", "auto", "flex", "scale", "priority" };

		/** Recent values of {@code id}, {@code model} and {@code system_fingerprint}. */
		private final @Nullable String[] recentStrings = new String[256];

		/** Recent values of {@code created}. */
		private final @Nullable Long[] recentCreated = new Long[16];

		private @Nullable ValueDeserializer<Object> choices;

		private @Nullable JavaType choiceList;

		private @Nullable ValueDeserializer<Object> usage;

		private @Nullable ValueDeserializer<Object> serviceTiers;

		Deserializer() {
			super(ChatCompletionChunk.class);
		}

		@Override
		public void resolve(DeserializationContext context) {
			super.resolve(context);
			this.choices = find(context, ChunkChoice.class);
			this.choiceList = listOf(context, ChunkChoice.class);
			this.usage = find(context, Usage.class);
			this.serviceTiers = find(context, ServiceTier.class);
		}

		@Override
		ChatCompletionChunk read(JsonParser parser, DeserializationContext context, @Nullable String name) {
			String id = null;
			String object = null;
			Long created = null;
			String model = null;
			List<ChunkChoice> choices = null;
			Usage usage = null;
			ServiceTier serviceTier = null;
			String systemFingerprint = null;
			String extraName = null;
			Object extraValue = null;
			LinkedHashMap<String, Object> extras = null;
			for (; name != null; name = parser.nextName()) {
				parser.nextToken();
				try {
					switch (name) {
						case "id" -> id = recentString(parser, context, this.recentStrings);
						case "object" -> object = knownString(parser, context, OBJECTS);
						case "created" -> created = longValue(parser, context, this.recentCreated);
						case "model" -> model = recentString(parser, context, this.recentStrings);
						case "choices" -> choices = parser.hasToken(JsonToken.VALUE_NULL) ? null
								: list(parser, context, this.choices, this.choiceList);
						case "usage" -> usage = value(parser, context, this.usage);
						case "service_tier" -> serviceTier = parser.hasToken(JsonToken.VALUE_STRING)
								? ServiceTier.of(knownText(parser, SERVICE_TIERS))
								: value(parser, context, this.serviceTiers);
						case "system_fingerprint" ->
							systemFingerprint = recentString(parser, context, this.recentStrings);
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
			return new ChatCompletionChunk(id, object, created, model, choices, usage, serviceTier, systemFingerprint,
					extra(extraName, extraValue, extras));
		}

	}

}
