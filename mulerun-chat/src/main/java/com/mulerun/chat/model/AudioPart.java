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
 * An audio input content part ({@code {"type": "input_audio", "input_audio": {"data":
 * ..., "format": ...}}}).
 *
 * @param inputAudio the audio
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record AudioPart(@JsonProperty("input_audio") InputAudio inputAudio,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ContentPart {

	/**
	 * Creates an audio part.
	 * @param inputAudio the audio
	 * @param extra properties the model does not name, or {@code null}
	 */
	public AudioPart(InputAudio inputAudio, @Nullable Map<String, Object> extra) {
		this.inputAudio = Objects.requireNonNull(inputAudio, "inputAudio must not be null");
		this.extra = ModelSupport.extra(extra);
	}

	@Override
	@JsonProperty("type")
	public String type() {
		return "input_audio";
	}

	/**
	 * The audio of an {@link AudioPart}.
	 *
	 * @param data base64-encoded audio data
	 * @param format the format: {@code wav} or {@code mp3}
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record InputAudio(@JsonProperty("data") String data, @JsonProperty("format") String format,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

		/**
		 * Creates audio input.
		 * @param data base64-encoded audio data
		 * @param format the format
		 * @param extra properties the model does not name, or {@code null}
		 */
		public InputAudio(String data, String format, @Nullable Map<String, Object> extra) {
			this.data = Objects.requireNonNull(data, "data must not be null");
			this.format = Objects.requireNonNull(format, "format must not be null");
			this.extra = ModelSupport.extra(extra);
		}

	}

}
