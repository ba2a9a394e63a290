package com.mulerun.chat.model;

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
 * A developer message: instructions the model follows whatever the user says (replaces
 * system messages for reasoning models).
 *
 * @param content the content, a string or text parts
 * @param name an optional name of the participant
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "role", allowGetters = true)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record DeveloperMessage(@JsonProperty("content") MessageContent content,
		@JsonProperty("name") @Nullable String name,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ChatMessage {

	/**
	 * Creates a message.
	 * @param content the content
	 * @param name an optional name of the participant, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public DeveloperMessage(MessageContent content, @Nullable String name, @Nullable Map<String, Object> extra) {
		this.content = Objects.requireNonNull(content, "content must not be null");
		this.name = name;
		this.extra = ModelSupport.extra(extra);
	}

	@Override
	@JsonProperty("role")
	public Role role() {
		return Role.DEVELOPER;
	}

}
