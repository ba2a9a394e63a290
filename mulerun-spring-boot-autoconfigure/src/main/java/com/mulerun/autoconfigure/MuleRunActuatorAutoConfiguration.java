package com.mulerun.autoconfigure;

import java.time.Clock;

import com.mulerun.chat.ChatCompletionTemplate;

import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures the actuator support of the MuleRun client when Actuator is on the
 * classpath: a health indicator fed by the outcome of the application's own calls
 * (switched off with {@code management.health.mulerun.enabled=false}) and an info
 * contributor (switched off with {@code management.info.mulerun.enabled=false}).
 */
@AutoConfiguration(after = MuleRunAutoConfiguration.class)
@ConditionalOnBean(ChatCompletionTemplate.class)
public final class MuleRunActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("mulerun")
	static class HealthConfiguration {

		@Bean
		ModelOutcomes muleRunModelOutcomes() {
			return new ModelOutcomes(Clock.systemUTC());
		}

		@Bean
		ChatCompletionTemplateCustomizer muleRunModelOutcomesCustomizer(ModelOutcomes outcomes) {
			return (builder) -> builder.modelCallListener(outcomes);
		}

		@Bean
		@ConditionalOnMissingBean(name = "muleRunHealthIndicator")
		MuleRunHealthIndicator muleRunHealthIndicator(ModelOutcomes outcomes) {
			return new MuleRunHealthIndicator(outcomes);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ InfoContributor.class, ConditionalOnEnabledInfoContributor.class })
	@ConditionalOnEnabledInfoContributor("mulerun")
	static class InfoConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "muleRunInfoContributor")
		MuleRunInfoContributor muleRunInfoContributor(ChatCompletionTemplate template) {
			return new MuleRunInfoContributor(template);
		}

	}

}
