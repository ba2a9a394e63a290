package com.mulerun.test.autoconfigure;

import java.util.List;

import com.mulerun.test.MockMuleRunServer;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the annotation does to an application context, seen without the test framework
 * around it.
 */
class MockMuleRunContextCustomizerTests {

	private final MockMuleRunContextCustomizerFactory factory = new MockMuleRunContextCustomizerFactory();

	@Test
	void startsTheServerSetsThePropertiesRegistersTheBeanAndStopsTheServerWithTheContext() {
		ContextCustomizer customizer = this.factory.createContextCustomizer(Annotated.class, List.of());
		GenericApplicationContext context = new GenericApplicationContext();
		customizer.customizeContext(context, new MergedContextConfiguration(Annotated.class, null, null, null, null));
		context.refresh();

		MockMuleRunServer server = context.getBean(MockMuleRunServer.class);
		assertThat(server.isRunning()).isTrue();
		assertThat(context.getEnvironment().getProperty("mulerun.base-url")).isEqualTo(server.baseUrl());
		assertThat(context.getEnvironment().getProperty("mulerun.api-key"))
			.isEqualTo(AutoConfigureMockMuleRun.DEFAULT_API_KEY);

		context.close();

		assertThat(server.isRunning()).isFalse();
	}

	@Test
	void createsNothingForATestClassWithoutTheAnnotation() {
		assertThat(this.factory.createContextCustomizer(NotAnnotated.class, List.of())).isNull();
	}

	@Test
	void findsTheAnnotationOnAnEnclosingClassOfANestedTest() {
		assertThat(this.factory.createContextCustomizer(Annotated.Inner.class, List.of())).isNotNull();
	}

	@Test
	void customizersWithTheSameKeyAreEqualSoTheirContextIsCached() {
		assertThat(this.factory.createContextCustomizer(Annotated.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(AlsoAnnotated.class, List.of()))
			.hasSameHashCodeAs(this.factory.createContextCustomizer(AlsoAnnotated.class, List.of()))
			.isNotEqualTo(this.factory.createContextCustomizer(OtherKey.class, List.of()));
	}

	@AutoConfigureMockMuleRun
	static class Annotated {

		@org.junit.jupiter.api.Nested
		class Inner {

		}

	}

	@AutoConfigureMockMuleRun
	static class AlsoAnnotated {

	}

	@AutoConfigureMockMuleRun(apiKey = "sk-other")
	static class OtherKey {

	}

	static class NotAnnotated {

	}

}
