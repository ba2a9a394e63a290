package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Parameters of audio output ({@code audio}), required when {@code modalities} contains
 * {@code audio}.
 *
 * @param voice the voice: {@code alloy}, {@code ash}, {@code ballad}, {@code coral},
 * {@code echo}, {@code sage}, {@code shimmer}, {@code verse}, {@code marin},
 * {@code cedar} or another supported voice
 * @param format the output audio format: {@code wav}, {@code aac}, {@code mp3},
 * {@code flac}, {@code opus} or {@code pcm16}
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AudioParameters(@JsonProperty("voice") String voice, @JsonProperty("format") String format,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code AudioParameters}.
	 * @param voice the voice: {@code alloy}, {@code ash}, {@code ballad}, {@code coral},
	 * {@code echo}, {@code sage}, {@code shimmer}, {@code verse}, {@code marin},
	 * {@code cedar} or another supported voice
	 * @param format the output audio format: {@code wav}, {@code aac}, {@code mp3},
	 * {@code flac}, {@code opus} or {@code pcm16}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public AudioParameters(String voice, String format, @Nullable Map<String, Object> extra) {
		this.voice = Objects.requireNonNull(voice, "voice must not be null");
		this.format = Objects.requireNonNull(format, "format must not be null");
		this.extra = ModelSupport.extra(extra);
	}

}
