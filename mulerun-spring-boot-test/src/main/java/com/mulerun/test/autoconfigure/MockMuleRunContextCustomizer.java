package com.mulerun.test.autoconfigure;

import java.util.Map;

import com.mulerun.test.MockMuleRunServer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts a {@link MockMuleRunServer} for an application context, sets
 * {@code mulerun.base-url} and {@code mulerun.api-key} first in its environment,
 * registers the server as the bean {@value #BEAN_NAME} and stops it when the context is
 * closed (or fails to start).
 *
 * <p>
 * Customizers with the same API key are equal, so test classes that differ in nothing
 * else share a cached context, and with it a server.
 */
public final class MockMuleRunContextCustomizer implements ContextCustomizer {

	/** The name of the server bean. */
	public static final String BEAN_NAME = "mockMuleRunServer";

	/**
	 * The name of the property source holding {@code mulerun.base-url} and
	 * {@code mulerun.api-key}.
	 */
	public static final String PROPERTY_SOURCE_NAME = "mockMuleRun";

	private final String apiKey;

	MockMuleRunContextCustomizer(String apiKey) {
		this.apiKey = apiKey;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		MockMuleRunServer server = MockMuleRunServer.start();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of("mulerun.base-url", server.baseUrl(), "mulerun.api-key", this.apiKey)));
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, server);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			// also called when the context fails to refresh
			registry.registerDisposableBean(BEAN_NAME, server::close);
		}
		else {
			context.addApplicationListener(new StopOnClose(context, server));
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof MockMuleRunContextCustomizer customizer && customizer.apiKey.equals(this.apiKey);
	}

	@Override
	public int hashCode() {
		return this.apiKey.hashCode();
	}

	private record StopOnClose(ConfigurableApplicationContext context,
			MockMuleRunServer server) implements ApplicationListener<ContextClosedEvent> {

		@Override
		public void onApplicationEvent(ContextClosedEvent event) {
			if (event.getApplicationContext() == this.context) {
				this.server.close();
			}
		}

	}

}
