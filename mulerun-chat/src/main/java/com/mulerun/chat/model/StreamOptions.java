package com.mulerun.chat.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Options of a streaming response ({@code stream_options}), sent only with
 * {@code stream: true}.
 *
 * @param includeUsage whether a last chunk carries the usage of the whole request
 * @param includeObfuscation whether chunks carry random obfuscation padding
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamOptions(@JsonProperty("include_usage") @Nullable Boolean includeUsage,
		@JsonProperty("include_obfuscation") @Nullable Boolean includeObfuscation,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code StreamOptions}.
	 * @param includeUsage whether a last chunk carries the usage of the whole request, or
	 * {@code null}
	 * @param includeObfuscation whether chunks carry random obfuscation padding, or
	 * {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public StreamOptions(@Nullable Boolean includeUsage, @Nullable Boolean includeObfuscation,
			@Nullable Map<String, Object> extra) {
		this.includeUsage = includeUsage;
		this.includeObfuscation = includeObfuscation;
		this.extra = ModelSupport.extra(extra);
	}

}
