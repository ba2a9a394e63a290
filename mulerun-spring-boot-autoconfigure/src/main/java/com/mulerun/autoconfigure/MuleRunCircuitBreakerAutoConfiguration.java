package com.mulerun.autoconfigure;

import com.mulerun.chat.http.ModelCircuitBreakers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Switches circuit breaking per model on for the auto-configured template when
 * {@code mulerun.circuit-breaker.enabled} is set and Resilience4j is on the classpath: a
 * model that failed {@code mulerun.circuit-breaker.failure-threshold} times in a row is
 * skipped for {@code mulerun.circuit-breaker.cool-down}.
 */
@AutoConfiguration(before = MuleRunAutoConfiguration.class)
@ConditionalOnClass(name = "io.github.resilience4j.circuitbreaker.CircuitBreaker")
@ConditionalOnBooleanProperty("mulerun.circuit-breaker.enabled")
@EnableConfigurationProperties(MuleRunProperties.class)
public final class MuleRunCircuitBreakerAutoConfiguration {

	@Bean
	ChatCompletionTemplateCustomizer muleRunCircuitBreakerCustomizer(MuleRunProperties properties) {
		MuleRunProperties.CircuitBreaker settings = properties.getCircuitBreaker();
		if (settings.getFailureThreshold() < 1) {
			throw new InvalidConfigurationPropertyValueException("mulerun.circuit-breaker.failure-threshold",
					settings.getFailureThreshold(), "must be at least 1");
		}
		if (settings.getCoolDown().isNegative() || settings.getCoolDown().isZero()) {
			throw new InvalidConfigurationPropertyValueException("mulerun.circuit-breaker.cool-down",
					settings.getCoolDown(), "must be positive");
		}
		ModelCircuitBreakers breakers = ModelCircuitBreakers.of(settings.getFailureThreshold(), settings.getCoolDown());
		return (builder) -> builder.modelCircuitBreakers(breakers);
	}

}
