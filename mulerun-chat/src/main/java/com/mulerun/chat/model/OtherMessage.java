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
 * A message whose {@code role} this client does not know; the role and every property are
 * kept and written back.
 *
 * @param role the role as sent on the wire
 * @param content the content, or {@code null}
 * @param extra every other property
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record OtherMessage(@JsonProperty("role") Role role, @JsonProperty("content") @Nullable MessageContent content,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ChatMessage {

	/**
	 * Creates a message with another role.
	 * @param role the role
	 * @param content the content, or {@code null}
	 * @param extra every other property, or {@code null}
	 */
	public OtherMessage(Role role, @Nullable MessageContent content, @Nullable Map<String, Object> extra) {
		this.role = Objects.requireNonNull(role, "role must not be null");
		this.content = content;
		this.extra = ModelSupport.extra(extra);
	}

}
