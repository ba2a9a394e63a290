package com.mulerun.autoconfigure;

import com.mulerun.chat.ChatCompletionTemplate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Switches the auto-configured client to offline answers when
 * {@code mulerun.offline.mode} says so: {@code always}, or {@code when-no-api-key} while
 * neither {@code mulerun.api-key} nor {@code MULERUN_API_KEY} is set. The client then
 * needs no key, sends nothing, and streams a short canned answer that repeats the prompt.
 * Off by default; meant for demos, samples and first runs.
 */
@AutoConfiguration(before = MuleRunAutoConfiguration.class)
@ConditionalOnClass({ ChatCompletionTemplate.class, WebClient.class })
@Conditional(OnOfflineModeCondition.class)
@EnableConfigurationProperties(MuleRunOfflineProperties.class)
public final class MuleRunOfflineAutoConfiguration {

	@Bean
	MuleRunOffline muleRunOffline(Environment environment) {
		String reason = OnOfflineModeCondition.reason(environment);
		return new MuleRunOffline((reason != null) ? reason : "offline");
	}

	@Bean
	ChatCompletionTemplateCustomizer muleRunOfflineCustomizer(MuleRunOffline offline,
			MuleRunOfflineProperties properties) {
		return (builder) -> builder.apiKey(MuleRunOffline.API_KEY)
			.clientConnector(new OfflineClientHttpConnector(offline.reason(), properties.getChunkDelay()));
	}

}
