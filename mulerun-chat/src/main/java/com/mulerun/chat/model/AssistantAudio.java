package com.mulerun.chat.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Audio of an assistant message: in a response, the generated audio; in a request, a
 * reference to a previous audio response by {@code id}.
 *
 * @param id the id of the audio response
 * @param expiresAt when the audio stops being available for multi-turn use (Unix seconds)
 * @param data base64-encoded audio in the requested format
 * @param transcript the transcript of the audio
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssistantAudio(@JsonProperty("id") @Nullable String id,
		@JsonProperty("expires_at") @Nullable Long expiresAt, @JsonProperty("data") @Nullable String data,
		@JsonProperty("transcript") @Nullable String transcript,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates audio.
	 * @param id the id
	 * @param expiresAt the expiry, or {@code null}
	 * @param data base64 audio data, or {@code null}
	 * @param transcript the transcript, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public AssistantAudio(@Nullable String id, @Nullable Long expiresAt, @Nullable String data,
			@Nullable String transcript, @Nullable Map<String, Object> extra) {
		this.id = id;
		this.expiresAt = expiresAt;
		this.data = data;
		this.transcript = transcript;
		this.extra = ModelSupport.extra(extra);
	}

	/**
	 * Creates a reference to a previous audio response, for a request's assistant
	 * message.
	 * @param id the id of the audio response
	 * @return the reference
	 */
	public static AssistantAudio reference(String id) {
		return new AssistantAudio(id, null, null, null, null);
	}

}
