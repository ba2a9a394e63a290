package com.mulerun.test.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Creates the {@link MockMuleRunContextCustomizer} of a test class annotated (directly,
 * through a meta-annotation, a superclass or an enclosing class) with
 * {@link AutoConfigureMockMuleRun}. Registered in {@code META-INF/spring.factories}.
 */
public class MockMuleRunContextCustomizerFactory implements ContextCustomizerFactory {

	/**
	 * Creates the factory; the test framework does.
	 */
	public MockMuleRunContextCustomizerFactory() {
	}

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureMockMuleRun annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureMockMuleRun.class);
		return (annotation != null) ? new MockMuleRunContextCustomizer(annotation.apiKey()) : null;
	}

}
