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
 * A content part whose {@code type} this client does not know; every property is kept and
 * written back.
 *
 * @param type the type as sent on the wire
 * @param extra every other property
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record OtherPart(@JsonProperty("type") String type,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ContentPart {

	/**
	 * Creates a part of another type.
	 * @param type the type
	 * @param extra every other property, or {@code null}
	 */
	public OtherPart(@Nullable String type, @Nullable Map<String, Object> extra) {
		this.type = Objects.requireNonNullElse(type, "");
		this.extra = ModelSupport.extra(extra);
	}

}
