package com.mulerun.chat.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The tools a model may use ({@code allowed_tools}), and whether it must use one.
 *
 * @param mode {@code auto} or {@code required}
 * @param tools tool definitions such as {@code {"type": "function", "function": {"name":
 * "get_weather"}}}
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AllowedTools(@JsonProperty("mode") String mode, @JsonProperty("tools") List<Map<String, Object>> tools,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code AllowedTools}.
	 * @param mode {@code auto} or {@code required}
	 * @param tools tool definitions such as {@code {"type": "function", "function":
	 * {"name": "get_weather"}}}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public AllowedTools(String mode, List<Map<String, Object>> tools, @Nullable Map<String, Object> extra) {
		this.mode = Objects.requireNonNull(mode, "mode must not be null");
		this.tools = Objects.requireNonNull(ModelSupport.copy(tools), "tools must not be null");
		this.extra = ModelSupport.extra(extra);
	}

}
