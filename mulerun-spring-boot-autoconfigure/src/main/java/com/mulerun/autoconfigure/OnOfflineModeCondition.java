package com.mulerun.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the offline mode is on: {@code mulerun.offline.mode=always}, or
 * {@code when-no-api-key} without a key.
 */
class OnOfflineModeCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String reason = reason(context.getEnvironment());
		return (reason != null) ? ConditionOutcome.match(reason)
				: ConditionOutcome.noMatch("the offline mode is off or an API key is set");
	}

	/**
	 * Returns why the client answers offline in the given environment.
	 * @param environment the environment
	 * @return the reason, or {@code null} when the client calls the API
	 */
	static @Nullable String reason(Environment environment) {
		MuleRunOfflineProperties.Mode mode = Binder.get(environment)
			.bind(MuleRunOfflineProperties.PREFIX + ".mode", MuleRunOfflineProperties.Mode.class)
			.orElse(MuleRunOfflineProperties.Mode.NEVER);
		return switch (mode) {
			case NEVER -> null;
			case ALWAYS -> "mulerun.offline.mode is always";
			case WHEN_NO_API_KEY -> hasApiKey(environment) ? null : "MULERUN_API_KEY is not set";
		};
	}

	private static boolean hasApiKey(Environment environment) {
		return StringUtils.hasText(environment.getProperty("mulerun.api-key"))
				|| StringUtils.hasText(environment.getProperty("MULERUN_API_KEY"));
	}

}
