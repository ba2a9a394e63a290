package com.mulerun.autoconfigure;

import com.mulerun.chat.ChatCompletionTemplateBuilder;

/**
 * Callback that customizes the {@link ChatCompletionTemplateBuilder} of the
 * auto-configured template, after the properties have been applied. Customizer beans run
 * in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface ChatCompletionTemplateCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(ChatCompletionTemplateBuilder builder);

}
