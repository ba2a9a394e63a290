package com.mulerun.chat.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A chat completion: the response of a non-streaming call, or the aggregate of a stream.
 *
 * @param id a unique identifier of the completion
 * @param object the object type, {@code chat.completion} or {@code chat.completion.chunk}
 * @param created when the completion was created (Unix seconds; a fractional value is
 * truncated)
 * @param model the model used
 * @param choices the choices, one unless {@code n} was greater than 1
 * @param usage token usage
 * @param serviceTier the processing tier used
 * @param systemFingerprint the backend configuration the model ran with (deprecated)
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletion(@JsonProperty("id") @Nullable String id, @JsonProperty("object") @Nullable String object,
		@JsonProperty("created") @Nullable Long created, @JsonProperty("model") @Nullable String model,
		@JsonProperty("choices") @Nullable List<Choice> choices, @JsonProperty("usage") @Nullable Usage usage,
		@JsonProperty("service_tier") @Nullable ServiceTier serviceTier,
		@JsonProperty("system_fingerprint") @Nullable String systemFingerprint,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code ChatCompletion}.
	 * @param id a unique identifier of the completion, or {@code null}
	 * @param object the object type, {@code chat.completion} or
	 * {@code chat.completion.chunk}, or {@code null}
	 * @param created when the completion was created (Unix seconds; a fractional value is
	 * truncated), or {@code null}
	 * @param model the model used, or {@code null}
	 * @param choices the choices, one unless {@code n} was greater than 1, or
	 * {@code null}
	 * @param usage token usage, or {@code null}
	 * @param serviceTier the processing tier used, or {@code null}
	 * @param systemFingerprint the backend configuration the model ran with (deprecated),
	 * or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public ChatCompletion(@Nullable String id, @Nullable String object, @Nullable Long created, @Nullable String model,
			@Nullable List<Choice> choices, @Nullable Usage usage, @Nullable ServiceTier serviceTier,
			@Nullable String systemFingerprint, @Nullable Map<String, Object> extra) {
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
	 * Returns the text of the first choice's message: its string content, or its text
	 * parts joined. Returns {@code null} when there is no choice or the message has no
	 * content (only tool calls, for example).
	 * @return the answer's text
	 */
	public @Nullable String content() {
		if (this.choices == null || this.choices.isEmpty()) {
			return null;
		}
		AssistantMessage message = this.choices.get(0).message();
		return (message != null) ? message.text() : null;
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
	 * Builds {@link ChatCompletion} objects.
	 */
	public static final class Builder {

		private @Nullable String id;

		private @Nullable String object;

		private @Nullable Long created;

		private @Nullable String model;

		private @Nullable List<Choice> choices;

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
		public Builder choices(@Nullable List<Choice> choices) {
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
		public ChatCompletion build() {
			return new ChatCompletion(this.id, this.object, this.created, this.model, this.choices, this.usage,
					this.serviceTier, this.systemFingerprint, this.extra);
		}

	}

}
