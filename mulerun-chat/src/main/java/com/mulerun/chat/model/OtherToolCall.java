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
 * A tool call whose {@code type} this client does not know; every property is kept and
 * written back.
 *
 * @param id the call's id, or {@code null}
 * @param type the type as sent on the wire
 * @param extra every other property
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record OtherToolCall(@JsonProperty("id") @Nullable String id, @JsonProperty("type") String type,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ToolCall {

	/**
	 * Creates a tool call of another type.
	 * @param id the call's id, or {@code null}
	 * @param type the type
	 * @param extra every other property, or {@code null}
	 */
	public OtherToolCall(@Nullable String id, @Nullable String type, @Nullable Map<String, Object> extra) {
		this.id = id;
		this.type = Objects.requireNonNullElse(type, "");
		this.extra = ModelSupport.extra(extra);
	}

}
