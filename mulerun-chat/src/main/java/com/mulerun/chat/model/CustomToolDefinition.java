package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A custom tool: free-form input the model generates, optionally constrained by a
 * grammar.
 *
 * @param name the tool name
 * @param description what the tool does
 * @param format the input format; unconstrained text by default
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomToolDefinition(@JsonProperty("name") String name,
		@JsonProperty("description") @Nullable String description,
		@JsonProperty("format") @Nullable CustomToolFormat format,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code CustomToolDefinition}.
	 * @param name the tool name
	 * @param description what the tool does, or {@code null}
	 * @param format the input format; unconstrained text by default, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public CustomToolDefinition(String name, @Nullable String description, @Nullable CustomToolFormat format,
			@Nullable Map<String, Object> extra) {
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.description = description;
		this.format = format;
		this.extra = ModelSupport.extra(extra);
	}

}
