package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A JSON Schema response format's schema and settings.
 *
 * @param name the name of the format: a-z, A-Z, 0-9, underscores and dashes, at most 64
 * characters
 * @param description what the format is for
 * @param schema the schema, as a JSON Schema object
 * @param strict whether to follow the schema exactly
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonSchema(@JsonProperty("name") String name, @JsonProperty("description") @Nullable String description,
		@JsonProperty("schema") @Nullable Map<String, Object> schema, @JsonProperty("strict") @Nullable Boolean strict,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code JsonSchema}.
	 * @param name the name of the format: a-z, A-Z, 0-9, underscores and dashes, at most
	 * 64 characters
	 * @param description what the format is for, or {@code null}
	 * @param schema the schema, as a JSON Schema object, or {@code null}
	 * @param strict whether to follow the schema exactly, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public JsonSchema(String name, @Nullable String description, @Nullable Map<String, Object> schema,
			@Nullable Boolean strict, @Nullable Map<String, Object> extra) {
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.description = description;
		this.schema = ModelSupport.copy(schema);
		this.strict = strict;
		this.extra = ModelSupport.extra(extra);
	}

}
