package com.mulerun.chat;

import com.mulerun.chat.error.MuleRunException;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.StreamOptions;
import com.mulerun.chat.validation.ChatCompletionRequestValidator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the request a caller built into the one that is sent: the template's defaults
 * fill in what it does not set, the {@code stream} flag and {@code stream_options} follow
 * the call style, and, after the interceptors, it is validated and serialised once.
 */
final class RequestPreparer {

	private final ChatCompletionRequest defaults;

	private final boolean includeUsage;

	private final boolean validation;

	private final ObjectWriter writer;

	RequestPreparer(ChatCompletionRequest defaults, boolean includeUsage, boolean validation, JsonMapper jsonMapper) {
		this.defaults = defaults;
		this.includeUsage = includeUsage;
		this.validation = validation;
		this.writer = jsonMapper.writerFor(ChatCompletionRequest.class);
	}

	/**
	 * Applies the defaults and the call style to a request.
	 * @param request the caller's request
	 * @param stream whether the call streams
	 * @return the request the interceptors see
	 */
	ChatCompletionRequest prepare(ChatCompletionRequest request, boolean stream) {
		ChatCompletionRequest merged = request.withDefaults(this.defaults);
		boolean askForUsage = stream && merged.streamOptions() == null && this.includeUsage;
		if (stream && (!Boolean.TRUE.equals(merged.stream()) || askForUsage)) {
			ChatCompletionRequest.Builder builder = merged.mutate().stream(true);
			if (askForUsage) {
				builder.streamOptions(new StreamOptions(true, null, null));
			}
			return builder.build();
		}
		if (!stream && merged.stream() != null) {
			return merged.mutate().stream(null).build();
		}
		return merged;
	}

	/**
	 * Validates (unless validation is off) and serialises the request the interceptors
	 * passed on.
	 * @param request the request
	 * @param stream whether the call streams
	 * @return the body
	 * @throws com.mulerun.chat.error.MuleRunValidationException when the request breaks a
	 * rule of the API
	 */
	byte[] encode(ChatCompletionRequest request, boolean stream) {
		if (this.validation) {
			ChatCompletionRequestValidator.INSTANCE.validate(request, stream);
		}
		try {
			return this.writer.writeValueAsBytes(request);
		}
		catch (JacksonException ex) {
			throw new MuleRunException("Could not serialise the chat completion request: " + ex.getOriginalMessage(),
					ex);
		}
	}

	/**
	 * Returns the model used when a request names none.
	 * @return the model
	 */
	String defaultModel() {
		String model = this.defaults.model();
		return (model != null) ? model : ChatCompletionTemplate.DEFAULT_MODEL;
	}

}
