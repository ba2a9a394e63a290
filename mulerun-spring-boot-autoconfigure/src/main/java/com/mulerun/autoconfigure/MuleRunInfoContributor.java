package com.mulerun.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import com.mulerun.chat.ChatCompletionTemplate;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds the MuleRun client to the actuator's {@code info} endpoint under {@code mulerun}:
 * the base URL, the default model, the fallback chain and the library version. Never the
 * API key.
 */
final class MuleRunInfoContributor implements InfoContributor {

	private final ChatCompletionTemplate template;

	MuleRunInfoContributor(ChatCompletionTemplate template) {
		this.template = template;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("baseUrl", this.template.baseUrl());
		details.put("defaultModel", this.template.defaultModel());
		details.put("fallbackModels", this.template.fallbackModels());
		String version = ChatCompletionTemplate.class.getPackage().getImplementationVersion();
		details.put("version", (version != null) ? version : "unknown");
		builder.withDetail("mulerun", details);
	}

}
