package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A tool whose {@code type} this client does not know; every property is kept and written
 * back.
 *
 * @param type the type as sent on the wire
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record OtherTool(@JsonProperty("type") String type,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Tool {

	/**
	 * Creates a {@code OtherTool}.
	 * @param type the type as sent on the wire
	 * @param extra properties the model does not name, or {@code null}
	 */
	public OtherTool(String type, @Nullable Map<String, Object> extra) {
		this.type = Objects.requireNonNull(type, "type must not be null");
		this.extra = ModelSupport.extra(extra);
	}

}
