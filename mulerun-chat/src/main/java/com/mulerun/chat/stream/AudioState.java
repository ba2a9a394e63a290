package com.mulerun.chat.stream;

import com.mulerun.chat.model.AssistantAudio;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The generated audio of one choice, merged from its fragments: the first id and expiry
 * win, the data and the transcript are concatenated.
 */
final class AudioState {

	private @Nullable String id;

	private @Nullable Long expiresAt;

	private @Nullable StringBuilder data;

	private @Nullable StringBuilder transcript;

	private final Map<String, Object> extra = new LinkedHashMap<>();

	void add(AssistantAudio fragment) {
		if (Fragments.isEmpty(this.id) && !Fragments.isEmpty(fragment.id())) {
			this.id = fragment.id();
		}
		if (this.expiresAt == null) {
			this.expiresAt = fragment.expiresAt();
		}
		if (fragment.data() != null) {
			this.data = Fragments.append(this.data, fragment.data());
		}
		if (fragment.transcript() != null) {
			this.transcript = Fragments.append(this.transcript, fragment.transcript());
		}
		Fragments.putAllNotNull(this.extra, fragment.extra());
	}

	AssistantAudio build() {
		return new AssistantAudio(this.id, this.expiresAt, (this.data != null) ? this.data.toString() : null,
				(this.transcript != null) ? this.transcript.toString() : null, this.extra);
	}

}
