package com.mulerun.samples.cli;

import com.mulerun.test.MockMuleRunServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the sample falls back to the built-in mock server, and when it does not.
 */
class OfflineFallbackTests {

	private final OfflineFallback fallback = new OfflineFallback();

	private final SpringApplication application = new SpringApplication(ChatCliApplication.class);

	@Test
	void withoutAnyKeyStartsTheMockPointsTheClientAtItAndStopsItWithTheContext() {
		MockEnvironment environment = new MockEnvironment();

		this.fallback.postProcessEnvironment(environment, this.application);

		assertThat(environment.getProperty("mulerun.base-url")).startsWith("http://127.0.0.1:");
		assertThat(environment.getProperty("mulerun.api-key")).isEqualTo("sk-offline-sample");
		assertThat(environment.getProperty(OfflineFallback.REASON_PROPERTY)).isEqualTo("MULERUN_API_KEY is not set");
		GenericApplicationContext context = contextWithInitializers();
		MockMuleRunServer server = context.getBean(MockMuleRunServer.class);
		assertThat(server.baseUrl()).isEqualTo(environment.getProperty("mulerun.base-url"));
		assertThat(server.isRunning()).isTrue();
		context.close();
		assertThat(server.isRunning()).isFalse();
	}

	@Test
	void withAKeyPropertyLeavesTheEnvironmentAlone() {
		MockEnvironment environment = new MockEnvironment().withProperty("mulerun.api-key", "sk-real");

		this.fallback.postProcessEnvironment(environment, this.application);

		assertThat(environment.getProperty("mulerun.base-url")).isNull();
		assertThat(environment.getProperty(OfflineFallback.REASON_PROPERTY)).isNull();
		assertThat(this.application.getInitializers()).noneMatch(this::isFallbackInitializer);
	}

	@Test
	void withTheKeyEnvironmentVariableLeavesTheEnvironmentAlone() {
		MockEnvironment environment = new MockEnvironment().withProperty("MULERUN_API_KEY", "sk-real");

		this.fallback.postProcessEnvironment(environment, this.application);

		assertThat(environment.getProperty("mulerun.base-url")).isNull();
	}

	@Test
	void offlineFalseNeverFallsBackEvenWithoutAKey() {
		MockEnvironment environment = new MockEnvironment().withProperty("offline", "false");

		this.fallback.postProcessEnvironment(environment, this.application);

		assertThat(environment.getProperty("mulerun.base-url")).isNull();
	}

	@Test
	void offlineSwitchFallsBackEvenWithAKey() {
		MockEnvironment environment = new MockEnvironment().withProperty("mulerun.api-key", "sk-real")
			.withProperty("offline", "");

		this.fallback.postProcessEnvironment(environment, this.application);

		assertThat(environment.getProperty("mulerun.api-key")).isEqualTo("sk-offline-sample");
		assertThat(environment.getProperty(OfflineFallback.REASON_PROPERTY)).isEqualTo("--offline was given");
		contextWithInitializers().close();
	}

	private boolean isFallbackInitializer(ApplicationContextInitializer<?> initializer) {
		return initializer.getClass().getName().contains("OfflineFallback");
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private GenericApplicationContext contextWithInitializers() {
		GenericApplicationContext context = new GenericApplicationContext();
		for (ApplicationContextInitializer initializer : this.application.getInitializers()) {
			if (isFallbackInitializer(initializer)) {
				((ApplicationContextInitializer<ConfigurableApplicationContext>) initializer).initialize(context);
			}
		}
		context.refresh();
		return context;
	}

}
