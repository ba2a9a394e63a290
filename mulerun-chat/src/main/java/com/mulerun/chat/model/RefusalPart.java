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
 * A refusal content part of an assistant message ({@code {"type": "refusal", "refusal":
 * ...}}).
 *
 * @param refusal the refusal message
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record RefusalPart(@JsonProperty("refusal") String refusal,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ContentPart {

	/**
	 * Creates a refusal part.
	 * @param refusal the refusal message
	 * @param extra properties the model does not name, or {@code null}
	 */
	public RefusalPart(String refusal, @Nullable Map<String, Object> extra) {
		this.refusal = Objects.requireNonNull(refusal, "refusal must not be null");
		this.extra = ModelSupport.extra(extra);
	}

	@Override
	@JsonProperty("type")
	public String type() {
		return "refusal";
	}

}
