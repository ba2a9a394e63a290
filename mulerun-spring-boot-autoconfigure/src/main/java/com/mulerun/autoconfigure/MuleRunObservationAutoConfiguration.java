package com.mulerun.autoconfigure;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.observation.ChatCompletionMeterObservationHandler;
import com.mulerun.chat.observation.ChatCompletionObservationConvention;
import com.mulerun.chat.observation.ToolExecutionObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observes the auto-configured {@link ChatCompletionTemplate} with the application's
 * {@link ObservationRegistry} (and a {@link ChatCompletionObservationConvention} and a
 * {@link ToolExecutionObservationConvention} bean, when there is one), and records the
 * OpenTelemetry GenAI metrics when a {@link MeterRegistry} is present. Without
 * Micrometer's registry, calls are not observed. Runs after Spring Boot's observation,
 * metrics and composite meter registry auto-configurations, so that the registries they
 * define (and those of the metrics export auto-configurations, which come before the
 * composite one) are seen.
 */
@AutoConfiguration(before = MuleRunAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ ChatCompletionTemplate.class, ObservationRegistry.class })
@ConditionalOnBooleanProperty(name = "mulerun.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MuleRunProperties.class)
public final class MuleRunObservationAutoConfiguration {

	@Bean
	@ConditionalOnBean(ObservationRegistry.class)
	ChatCompletionTemplateCustomizer muleRunObservationCustomizer(ObservationRegistry observationRegistry,
			ObjectProvider<ChatCompletionObservationConvention> convention,
			ObjectProvider<ToolExecutionObservationConvention> toolConvention, MuleRunProperties properties) {
		return (builder) -> builder.observationRegistry(observationRegistry)
			.observationConvention(convention.getIfUnique())
			.toolObservationConvention(toolConvention.getIfUnique())
			.observationIncludeContent(properties.getObservations().isIncludeContent());
	}

	/**
	 * Records the GenAI client metrics.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MeterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatCompletionMeterObservationHandler chatCompletionMeterObservationHandler(MeterRegistry meterRegistry) {
			return new ChatCompletionMeterObservationHandler(meterRegistry);
		}

	}

}
