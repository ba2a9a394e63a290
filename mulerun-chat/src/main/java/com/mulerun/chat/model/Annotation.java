package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An annotation of an assistant message, such as a {@code url_citation} when the model
 * searched the web.
 *
 * @param type the annotation's type, {@code url_citation}
 * @param urlCitation the citation, when {@code type} is {@code url_citation}
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Annotation(@JsonProperty("type") String type,
		@JsonProperty("url_citation") @Nullable UrlCitation urlCitation,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates an annotation.
	 * @param type the type
	 * @param urlCitation the citation, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public Annotation(@Nullable String type, @Nullable UrlCitation urlCitation, @Nullable Map<String, Object> extra) {
		this.type = Objects.requireNonNullElse(type, "url_citation");
		this.urlCitation = urlCitation;
		this.extra = ModelSupport.extra(extra);
	}

	/**
	 * A URL citation: a web page the answer cites, and where in the answer.
	 *
	 * @param endIndex index of the last character of the citation in the message
	 * @param startIndex index of the first character of the citation in the message
	 * @param url the URL of the web resource
	 * @param title the title of the web resource
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record UrlCitation(@JsonProperty("end_index") @Nullable Integer endIndex,
			@JsonProperty("start_index") @Nullable Integer startIndex, @JsonProperty("url") @Nullable String url,
			@JsonProperty("title") @Nullable String title, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

		/**
		 * Creates a citation.
		 * @param endIndex index of the last character
		 * @param startIndex index of the first character
		 * @param url the URL
		 * @param title the title
		 * @param extra properties the model does not name, or {@code null}
		 */
		public UrlCitation(@Nullable Integer endIndex, @Nullable Integer startIndex, @Nullable String url,
				@Nullable String title, @Nullable Map<String, Object> extra) {
			this.endIndex = endIndex;
			this.startIndex = startIndex;
			this.url = url;
			this.title = title;
			this.extra = ModelSupport.extra(extra);
		}

	}

}
