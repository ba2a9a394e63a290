package com.mulerun.test;

import com.mulerun.chat.model.ChatCompletionRequest;
import java.util.Map;


import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The offline default: when no API key is configured ({@code mulerun.api-key} or {@code MULERUN_API_KEY}), or
 * when {@code --offline} is given, starts a {@link MockMuleRunServer} before the application context needs the
 * key, points {@code mulerun.base-url} at it with a dummy key, and stops it with the context.
 * {@code --offline=false} turns the fallback off (tests that bring their own mock use it).
 *
 * <p>Gives a demo or a sample application an offline default: subclass it with the answer the mock gives and
 * register the subclass in {@code META-INF/spring.factories} under
 * {@code org.springframework.boot.EnvironmentPostProcessor}; it runs after the configuration files are read.
 */
public abstract class OfflineFallbackEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The switch: {@code true} (or no value) forces offline mode, {@code false} never falls back. */
	public static final String OFFLINE_PROPERTY = "offline";

	/** The property that holds why the application is offline, set only when it is. */
	public static final String REASON_PROPERTY = "sample.offline.reason";

	static final String SERVER_BEAN_NAME = "offlineMuleRunServer";

	/**
	 * Creates the post-processor; Spring Boot does.
	 */
	protected OfflineFallbackEnvironmentPostProcessor() {
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String offline = environment.getProperty(OFFLINE_PROPERTY);
		if ("false".equalsIgnoreCase(offline)) {
			return;
		}
		boolean forced = offline != null;
		boolean hasKey = StringUtils.hasText(environment.getProperty("mulerun.api-key"))
				|| StringUtils.hasText(environment.getProperty("MULERUN_API_KEY"));
		if (hasKey && !forced) {
			return;
		}
		MockMuleRunServer server = MockMuleRunServer.start();
		server.whenAnyRequest().respondUsing(this::answer);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("offlineMuleRun",
					Map.of("mulerun.base-url", server.baseUrl(), "mulerun.api-key", "sk-offline-sample",
							REASON_PROPERTY, forced ? "--offline was given" : "MULERUN_API_KEY is not set")));
		application.addInitializers((context) -> {
			context.getBeanFactory().registerSingleton(SERVER_BEAN_NAME, server);
			if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
				registry.registerDisposableBean(SERVER_BEAN_NAME, server::close);
			}
		});
	}

	/**
	 * Returns the mock's answer to a request.
	 * @param request the request
	 * @return the answer
	 */
	protected abstract MockResponse answer(ChatCompletionRequest request);

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
