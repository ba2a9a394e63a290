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
 * A function message: the result of a function call (deprecated in favour of
 * {@link ToolMessage}).
 *
 * @param content the function's result, or {@code null}
 * @param name the name of the function that was called
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "role", allowGetters = true)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record FunctionMessage(@JsonProperty("content") @Nullable MessageContent content,
		@JsonProperty("name") String name,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ChatMessage {

	/**
	 * Creates a function message.
	 * @param content the result, or {@code null}
	 * @param name the function's name
	 * @param extra properties the model does not name, or {@code null}
	 */
	public FunctionMessage(@Nullable MessageContent content, String name, @Nullable Map<String, Object> extra) {
		this.content = content;
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.extra = ModelSupport.extra(extra);
	}

	@Override
	@JsonProperty("role")
	public Role role() {
		return Role.FUNCTION;
	}

}
