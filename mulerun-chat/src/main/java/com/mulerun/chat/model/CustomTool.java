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
 * A custom tool ({@code {"type": "custom", "custom": {...}}}).
 *
 * @param custom the tool
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record CustomTool(@JsonProperty("custom") CustomToolDefinition custom,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Tool {

	/**
	 * Creates a {@code CustomTool}.
	 * @param custom the tool
	 * @param extra properties the model does not name, or {@code null}
	 */
	public CustomTool(CustomToolDefinition custom, @Nullable Map<String, Object> extra) {
		this.custom = Objects.requireNonNull(custom, "custom must not be null");
		this.extra = ModelSupport.extra(extra);
	}

	@Override
	@JsonProperty("type")
	public String type() {
		return "custom";
	}

}
