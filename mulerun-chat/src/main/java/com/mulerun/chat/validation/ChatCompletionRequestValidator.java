package com.mulerun.chat.validation;

import com.mulerun.chat.error.MuleRunValidationException;
import com.mulerun.chat.error.MuleRunValidationException.Violation;
import com.mulerun.chat.model.AudioParameters;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.Modality;
import com.mulerun.chat.model.Stop;
import com.mulerun.chat.model.WebSearchOptions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Checks a {@link ChatCompletionRequest} against every constraint the chat completions
 * specification states before it is sent.
 *
 * <p>
 * Ranges ({@code temperature} 0 to 2, {@code n} 1 to 128, ...), sizes ({@code stop},
 * {@code metadata}, {@code functions}), name patterns ({@code [a-zA-Z0-9_-]{1,64}}), the
 * required members of each message and content part, the content part types each role
 * accepts, and cross-field rules ({@code top_logprobs} needs {@code logprobs}, the
 * {@code audio} modality needs {@code audio}, {@code stream_options} needs streaming) are
 * checked. Variants this client does not know (a message role, content part, tool, tool
 * choice or response format of another type) are never violations, nor are values of open
 * enumerations such as {@code reasoning_effort}: providers add their own.
 *
 * <p>
 * Violations are listed in the order of the request's members, each with a JSON path such
 * as {@code messages[2].content} or {@code tools[0].function.name}. A valid request is
 * checked without allocation. Thread-safe.
 */
public final class ChatCompletionRequestValidator {

	/** The shared instance. */
	public static final ChatCompletionRequestValidator INSTANCE = new ChatCompletionRequestValidator();

	private static final int MAX_METADATA_PAIRS = 16;

	private static final int MAX_METADATA_KEY_LENGTH = 64;

	private static final int MAX_METADATA_VALUE_LENGTH = 512;

	private static final int MAX_STOP_SEQUENCES = 4;

	private static final BiConsumer<String, Integer> LOGIT_BIAS_ENTRY_CHECK = (token, bias) -> {
		if (!isTokenId(token) || bias == null || bias < -100 || bias > 100) {
			throw InvalidEntry.INSTANCE;
		}
	};

	private static final BiConsumer<String, String> METADATA_ENTRY_CHECK = (key, value) -> {
		if (key == null || key.length() > MAX_METADATA_KEY_LENGTH || value == null
				|| value.length() > MAX_METADATA_VALUE_LENGTH) {
			throw InvalidEntry.INSTANCE;
		}
	};

	private ChatCompletionRequestValidator() {
	}

	/**
	 * Returns every violation of the request, in the order of the request's members.
	 * @param request the request to check
	 * @param streaming whether the request is sent as a streaming request (then
	 * {@code stream_options} is allowed even when the request's {@code stream} is not
	 * set)
	 * @return the violations, empty when the request is valid; never {@code null}
	 */
	public List<Violation> violations(ChatCompletionRequest request, boolean streaming) {
		Objects.requireNonNull(request, "request must not be null");
		List<Violation> violations = check(request, streaming);
		return (violations != null) ? Collections.unmodifiableList(violations) : List.of();
	}

	/**
	 * Checks the request and throws one exception listing every violation; does nothing
	 * when it is valid.
	 * @param request the request to check
	 * @param streaming whether the request is sent as a streaming request
	 * @throws MuleRunValidationException if the request has at least one violation
	 */
	public void validate(ChatCompletionRequest request, boolean streaming) {
		Objects.requireNonNull(request, "request must not be null");
		List<Violation> violations = check(request, streaming);
		if (violations != null) {
			throw new MuleRunValidationException(violations);
		}
	}

	private static @Nullable List<Violation> check(ChatCompletionRequest request, boolean streaming) {
		List<Violation> v = MessageRules.checkMessages(request.messages(), null);
		if (Rules.isBlank(request.model())) {
			v = Rules.add(v, "model", "must not be blank");
		}
		v = checkModalities(request.modalities(), v);
		v = checkAtLeastOne("max_completion_tokens", request.maxCompletionTokens(), v);
		v = checkRange("frequency_penalty", request.frequencyPenalty(), -2, 2, v);
		v = checkRange("presence_penalty", request.presencePenalty(), -2, 2, v);
		v = checkWebSearchOptions(request.webSearchOptions(), v);
		v = checkTopLogprobs(request.topLogprobs(), request.logprobs(), v);
		v = ToolRules.checkResponseFormat(request.responseFormat(), v);
		v = checkAudio(request.audio(), request.modalities(), v);
		v = checkStop(request.stop(), v);
		v = checkLogitBias(request.logitBias(), v);
		v = checkAtLeastOne("max_tokens", request.maxTokens(), v);
		v = checkRange("n", request.n(), 1, 128, v);
		v = MessageRules.checkPrediction(request.prediction(), v);
		if (request.streamOptions() != null && !streaming && !Boolean.TRUE.equals(request.stream())) {
			v = Rules.add(v, "stream_options", "must only be set when streaming (stream was " + request.stream() + ")");
		}
		v = ToolRules.checkTools(request.tools(), v);
		v = ToolRules.checkToolChoice(request.toolChoice(), v);
		v = ToolRules.checkFunctionCall(request.functionCall(), v);
		v = ToolRules.checkFunctions(request.functions(), v);
		v = checkMetadata(request.metadata(), v);
		v = checkRange("temperature", request.temperature(), 0, 2, v);
		v = checkRange("top_p", request.topP(), 0, 1, v);
		return v;
	}

	// --- other members (messages and prediction: MessageRules; tools and response
	// format: ToolRules) --------

	private static @Nullable List<Violation> checkModalities(@Nullable List<Modality> modalities,
			@Nullable List<Violation> v) {
		if (modalities != null) {
			for (int i = 0; i < modalities.size(); i++) {
				if (modalities.get(i) == null) {
					v = Rules.add(v, "modalities[" + i + "]", "must not be null");
				}
			}
		}
		return v;
	}

	private static @Nullable List<Violation> checkWebSearchOptions(@Nullable WebSearchOptions options,
			@Nullable List<Violation> v) {
		if (options != null && options.userLocation() != null) {
			String type = options.userLocation().type();
			if (!type.equals("approximate")) {
				v = Rules.add(v, "web_search_options.user_location.type",
						"must be approximate (was " + Rules.quote(type) + ")");
			}
		}
		return v;
	}

	private static @Nullable List<Violation> checkTopLogprobs(@Nullable Integer topLogprobs, @Nullable Boolean logprobs,
			@Nullable List<Violation> v) {
		if (topLogprobs == null) {
			return v;
		}
		v = checkRange("top_logprobs", topLogprobs, 0, 20, v);
		if (!Boolean.TRUE.equals(logprobs)) {
			v = Rules.add(v, "top_logprobs", "requires logprobs to be true (was " + logprobs + ")");
		}
		return v;
	}

	private static @Nullable List<Violation> checkAudio(@Nullable AudioParameters audio,
			@Nullable List<Modality> modalities, @Nullable List<Violation> v) {
		if (audio == null) {
			if (containsAudio(modalities)) {
				v = Rules.add(v, "audio", "is required when modalities contains audio");
			}
			return v;
		}
		if (Rules.isBlank(audio.voice())) {
			v = Rules.add(v, "audio.voice", "must not be blank");
		}
		String format = audio.format();
		if (!format.equals("wav") && !format.equals("aac") && !format.equals("mp3") && !format.equals("flac")
				&& !format.equals("opus") && !format.equals("pcm16")) {
			v = Rules.add(v, "audio.format",
					"must be one of wav, aac, mp3, flac, opus, pcm16 (was " + Rules.quote(format) + ")");
		}
		return v;
	}

	private static boolean containsAudio(@Nullable List<Modality> modalities) {
		if (modalities != null) {
			for (int i = 0; i < modalities.size(); i++) {
				Modality modality = modalities.get(i);
				if (modality != null && modality.value().equals("audio")) {
					return true;
				}
			}
		}
		return false;
	}

	private static @Nullable List<Violation> checkStop(@Nullable Stop stop, @Nullable List<Violation> v) {
		if (stop == null || stop.single()) {
			return v;
		}
		int size = stop.sequences().size();
		if (size < 1) {
			v = Rules.add(v, "stop", "must contain at least 1 sequence (was 0)");
		}
		else if (size > MAX_STOP_SEQUENCES) {
			v = Rules.add(v, "stop", "must contain at most " + MAX_STOP_SEQUENCES + " sequences (was " + size + ")");
		}
		return v;
	}

	private static @Nullable List<Violation> checkLogitBias(@Nullable Map<String, Integer> logitBias,
			@Nullable List<Violation> v) {
		if (logitBias == null || logitBias.isEmpty() || allEntriesValid(logitBias, LOGIT_BIAS_ENTRY_CHECK)) {
			return v;
		}
		for (Map.Entry<String, Integer> entry : logitBias.entrySet()) {
			String token = entry.getKey();
			if (!isTokenId(token)) {
				v = Rules.add(v, "logit_bias",
						"keys must be token ids of digits only (was " + Rules.quote(token) + ")");
				continue;
			}
			Integer bias = entry.getValue();
			if (bias == null) {
				v = Rules.add(v, "logit_bias." + token, "must not be null");
			}
			else {
				v = checkRange("logit_bias." + token, bias, -100, 100, v);
			}
		}
		return v;
	}

	private static boolean isTokenId(@Nullable String token) {
		if (token == null || token.isEmpty()) {
			return false;
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static @Nullable List<Violation> checkMetadata(@Nullable Map<String, String> metadata,
			@Nullable List<Violation> v) {
		if (metadata == null || metadata.isEmpty()) {
			return v;
		}
		int size = metadata.size();
		if (size > MAX_METADATA_PAIRS) {
			v = Rules.add(v, "metadata", "must contain at most " + MAX_METADATA_PAIRS + " pairs (was " + size + ")");
		}
		if (allEntriesValid(metadata, METADATA_ENTRY_CHECK)) {
			return v;
		}
		for (Map.Entry<String, String> entry : metadata.entrySet()) {
			String key = entry.getKey();
			if (key == null) {
				v = Rules.add(v, "metadata", "keys must not be null");
				continue;
			}
			if (key.length() > MAX_METADATA_KEY_LENGTH) {
				v = Rules.add(v, "metadata." + key,
						"key must be at most " + MAX_METADATA_KEY_LENGTH + " characters (was " + key.length() + ")");
			}
			String value = entry.getValue();
			if (value == null) {
				v = Rules.add(v, "metadata." + key, "must not be null");
			}
			else if (value.length() > MAX_METADATA_VALUE_LENGTH) {
				v = Rules.add(v, "metadata." + key,
						"must be at most " + MAX_METADATA_VALUE_LENGTH + " characters (was " + value.length() + ")");
			}
		}
		return v;
	}

	// --- helpers
	// -------------------------------------------------------------------------------------------

	private static @Nullable List<Violation> checkRange(String path, @Nullable Double value, int min, int max,
			@Nullable List<Violation> v) {
		if (value != null) {
			double d = value;
			// written so that NaN is out of range
			if (!(d >= min && d <= max)) {
				v = Rules.add(v, path, "must be between " + min + " and " + max + " (was " + number(d) + ")");
			}
		}
		return v;
	}

	private static @Nullable List<Violation> checkRange(String path, @Nullable Integer value, int min, int max,
			@Nullable List<Violation> v) {
		if (value != null) {
			int i = value;
			if (i < min || i > max) {
				v = Rules.add(v, path, "must be between " + min + " and " + max + " (was " + i + ")");
			}
		}
		return v;
	}

	private static @Nullable List<Violation> checkAtLeastOne(String path, @Nullable Integer value,
			@Nullable List<Violation> v) {
		if (value != null && value < 1) {
			v = Rules.add(v, path, "must be at least 1 (was " + value + ")");
		}
		return v;
	}

	/**
	 * Checks every entry of a map without allocating (an entry set iterator would), so
	 * that only an invalid map is walked again to collect its violations.
	 */
	private static <K, V> boolean allEntriesValid(Map<K, V> map, BiConsumer<K, V> check) {
		try {
			map.forEach(check);
			return true;
		}
		catch (InvalidEntry ex) {
			return false;
		}
	}

	private static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return Double.toString(value);
	}

	/**
	 * Stops the allocation-free check of a map at its first invalid entry; shared,
	 * without stack trace.
	 */
	private static final class InvalidEntry extends RuntimeException {

		private static final long serialVersionUID = 1L;

		static final InvalidEntry INSTANCE = new InvalidEntry();

		private InvalidEntry() {
			super(null, null, false, false);
		}

	}

}
