package com.mulerun.autoconfigure;

import java.util.function.Supplier;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.ProxySettings;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.Timeouts;
import com.mulerun.chat.error.MuleRunValidationException.Violation;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.structured.StructuredOutputSettings;
import com.mulerun.chat.validation.ChatCompletionRequestValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * Checks every {@code mulerun.*} property when it is bound, so that a bad value stops the
 * start with Boot's "APPLICATION FAILED TO START" report naming the property, the value
 * and the rule.
 *
 * <p>
 * The rules are the core's own: the base URL and the path are checked by the template
 * builder, timeouts, retry settings and the proxy by building the core value
 * ({@link Timeouts}, {@link RetrySettings}, {@link ProxySettings}) with the one
 * configured component, and the chat defaults by the request validator, so the start
 * fails exactly where building the template or a call would.
 */
final class MuleRunPropertiesValidator {

	private static final String CODE = "invalid";

	private static final long MAX_BUFFER_SIZE = Integer.MAX_VALUE;

	private MuleRunPropertiesValidator() {
	}

	static void validate(MuleRunProperties properties, Errors errors) {
		check(errors, "base-url", () -> ChatCompletionTemplate.builder().baseUrl(properties.getBaseUrl()));
		check(errors, "completions-path",
				() -> ChatCompletionTemplate.builder().completionsPath(properties.getCompletionsPath()));
		validateHttp(properties.getHttp(), errors);
		validateRetry(properties.getRetry(), errors);
		validateChat(properties, errors);
	}

	private static void validateHttp(MuleRunProperties.Http http, Errors errors) {
		Timeouts defaults = Timeouts.DEFAULTS;
		check(errors, "http.connect-timeout", () -> defaults.withConnect(http.getConnectTimeout()));
		check(errors, "http.response-timeout", () -> defaults.withResponse(http.getResponseTimeout()));
		check(errors, "http.stream-idle-timeout", () -> defaults.withStreamIdle(http.getStreamIdleTimeout()));
		check(errors, "http.overall-timeout", () -> defaults.withOverall(http.getOverallTimeout()));
		check(errors, "http.stream-max-duration", () -> defaults.withStreamMaxDuration(http.getStreamMaxDuration()));
		checkBufferSize(errors, "http.max-in-memory-size", http.getMaxInMemorySize());
		checkBufferSize(errors, "http.max-event-size", http.getMaxEventSize());
		Integer port = http.getProxy().getPort();
		if (port != null) {
			check(errors, "http.proxy.port", () -> new ProxySettings("proxy", port, null, null, null));
		}
	}

	private static void validateRetry(MuleRunProperties.Retry retry, Errors errors) {
		RetrySettings defaults = RetrySettings.DEFAULTS;
		check(errors, "retry.max-retries", () -> defaults.withMaxRetries(retry.getMaxRetries()));
		check(errors, "retry.initial-backoff", () -> defaults.withInitialBackoff(retry.getInitialBackoff()));
		check(errors, "retry.max-backoff", () -> defaults.withMaxBackoff(retry.getMaxBackoff()));
		check(errors, "retry.multiplier", () -> defaults.withMultiplier(retry.getMultiplier()));
		check(errors, "retry.jitter", () -> defaults.withJitter(retry.getJitter()));
		check(errors, "retry.max-server-delay", () -> defaults.withMaxServerDelay(retry.getMaxServerDelay()));
	}

	private static void validateChat(MuleRunProperties properties, Errors errors) {
		int repairAttempts = properties.getChat().getStructured().getRepairAttempts();
		check(errors, "chat.structured.repair-attempts",
				() -> StructuredOutputSettings.DEFAULTS.withRepairAttempts(repairAttempts));
		String model = properties.getChat().getModel();
		if (model == null || model.isBlank()) {
			errors.rejectValue("chat.model", CODE, "must name a model");
			return;
		}
		if (!properties.isValidation()) {
			return;
		}
		ChatCompletionRequest defaults;
		try {
			defaults = MuleRunAutoConfiguration.defaultOptions(properties.getChat())
				.mutate()
				.model(model)
				.userMessage("probe")
				.build();
		}
		catch (RuntimeException ex) {
			errors.rejectValue("chat", CODE, String.valueOf(ex.getMessage()));
			return;
		}
		for (Violation violation : ChatCompletionRequestValidator.INSTANCE.violations(defaults, false)) {
			errors.rejectValue("chat." + property(violation.path()), CODE,
					violation.message() + " (set mulerun.validation=false for gateways with other limits)");
		}
	}

	/**
	 * Returns the property under {@code mulerun.chat} that a request path such as
	 * {@code top_p} or {@code metadata.team} comes from.
	 */
	private static String property(String requestPath) {
		int end = requestPath.length();
		for (int i = 0; i < requestPath.length(); i++) {
			char c = requestPath.charAt(i);
			if (c == '.' || c == '[') {
				end = i;
				break;
			}
		}
		return requestPath.substring(0, end).replace('_', '-');
	}

	private static void checkBufferSize(Errors errors, String field, @Nullable DataSize size) {
		if (size == null || size.toBytes() <= 0 || size.toBytes() > MAX_BUFFER_SIZE) {
			errors.rejectValue(field, CODE, "must be between 1B and 2GB (2147483647B)"
					+ ((size != null) ? " (was " + size.toBytes() + "B)" : ""));
		}
	}

	private static void check(Errors errors, String field, Supplier<?> build) {
		try {
			build.get();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			errors.rejectValue(field, CODE, String.valueOf(ex.getMessage()));
		}
	}

}
