package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A function the model may call: its name, description and JSON-Schema parameters. Also
 * the element type of the deprecated {@code functions} request field.
 *
 * @param name the function name: a-z, A-Z, 0-9, underscores and dashes, at most 64
 * characters
 * @param description what the function does, used by the model to choose when and how to
 * call it
 * @param parameters the parameters the function accepts, as a JSON Schema object
 * @param strict whether the model must follow the schema exactly
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionDefinition(@JsonProperty("name") String name,
		@JsonProperty("description") @Nullable String description,
		@JsonProperty("parameters") @Nullable Map<String, Object> parameters,
		@JsonProperty("strict") @Nullable Boolean strict, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code FunctionDefinition}.
	 * @param name the function name: a-z, A-Z, 0-9, underscores and dashes, at most 64
	 * characters
	 * @param description what the function does, used by the model to choose when and how
	 * to call it, or {@code null}
	 * @param parameters the parameters the function accepts, as a JSON Schema object, or
	 * {@code null}
	 * @param strict whether the model must follow the schema exactly, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public FunctionDefinition(String name, @Nullable String description, @Nullable Map<String, Object> parameters,
			@Nullable Boolean strict, @Nullable Map<String, Object> extra) {
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.description = description;
		this.parameters = ModelSupport.copy(parameters);
		this.strict = strict;
		this.extra = ModelSupport.extra(extra);
	}

	/**
	 * Creates a function definition.
	 * @param name the function name
	 * @param description what the function does
	 * @param parameters the JSON Schema of the parameters
	 * @return the definition
	 */
	public static FunctionDefinition of(String name, @Nullable String description,
			@Nullable Map<String, Object> parameters) {
		return new FunctionDefinition(name, description, parameters, null, null);
	}

}
