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
 * An image content part ({@code {"type": "image_url", "image_url": {"url": ..., "detail":
 * ...}}}).
 *
 * @param imageUrl the image
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record ImagePart(@JsonProperty("image_url") ImageUrl imageUrl,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ContentPart {

	/**
	 * Creates an image part.
	 * @param imageUrl the image
	 * @param extra properties the model does not name, or {@code null}
	 */
	public ImagePart(ImageUrl imageUrl, @Nullable Map<String, Object> extra) {
		this.imageUrl = Objects.requireNonNull(imageUrl, "imageUrl must not be null");
		this.extra = ModelSupport.extra(extra);
	}

	@Override
	@JsonProperty("type")
	public String type() {
		return "image_url";
	}

	/**
	 * The image of an {@link ImagePart}.
	 *
	 * @param url a URL of the image or a {@code data:} URL with the base64-encoded image
	 * @param detail the detail level: {@code auto}, {@code low} or {@code high}
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ImageUrl(@JsonProperty("url") String url, @JsonProperty("detail") @Nullable String detail,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

		/**
		 * Creates an image.
		 * @param url the URL
		 * @param detail the detail level, or {@code null}
		 * @param extra properties the model does not name, or {@code null}
		 */
		public ImageUrl(String url, @Nullable String detail, @Nullable Map<String, Object> extra) {
			this.url = Objects.requireNonNull(url, "url must not be null");
			this.detail = detail;
			this.extra = ModelSupport.extra(extra);
		}

	}

}
