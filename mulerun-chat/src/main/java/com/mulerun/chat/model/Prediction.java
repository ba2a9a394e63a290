package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Predicted output ({@code prediction}): content that is likely to appear in the answer,
 * which speeds up generation.
 *
 * @param type the prediction type, {@code content}
 * @param content the predicted content, a string or text parts
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prediction(@JsonProperty("type") String type, @JsonProperty("content") MessageContent content,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code Prediction}.
	 * @param type the prediction type, {@code content}
	 * @param content the predicted content, a string or text parts
	 * @param extra properties the model does not name, or {@code null}
	 */
	public Prediction(String type, MessageContent content, @Nullable Map<String, Object> extra) {
		this.type = Objects.requireNonNull(type, "type must not be null");
		this.content = Objects.requireNonNull(content, "content must not be null");
		this.extra = ModelSupport.extra(extra);
	}

	/**
	 * Creates a content prediction.
	 * @param content the predicted content
	 * @return the prediction
	 */
	public static Prediction content(String content) {
		return new Prediction("content", MessageContent.of(content), null);
	}

}
