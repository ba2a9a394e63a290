package com.mulerun.autoconfigure;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.type.MethodMetadata;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Gives the template a {@link WebClient.Builder} equal to Spring Boot's, without creating
 * Boot's own connector.
 *
 * <p>
 * Boot's {@code webClientBuilder} bean applies every {@link WebClientCustomizer}, among
 * them {@code webClientHttpConnectorCustomizer}, which sets Boot's lazily created
 * {@code clientHttpConnector}. The template replaces that connector with its own, so
 * creating Boot's (a second Reactor Netty client, about 75 ms of a cold start) is wasted
 * when the application uses no {@code WebClient} of its own. When the builder bean is
 * Boot's, this class builds the same builder without that one customizer: the other
 * customizers (codecs, observation, the application's) apply in the same order. An
 * application's own {@link WebClient.Builder} bean is used as it is.
 */
final class MuleRunWebClientBuilders {

	/** The name of Boot's customizer that sets Boot's connector. */
	static final String CONNECTOR_CUSTOMIZER = "webClientHttpConnectorCustomizer";

	private MuleRunWebClientBuilders() {
	}

	static WebClient.Builder builder(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<WebClient.Builder> builders) {
		String[] names = beanFactory.getBeanNamesForType(WebClient.Builder.class);
		if (names.length != 1 || !isBoots(beanFactory, names[0])) {
			return builders.getIfAvailable(WebClient::builder);
		}
		WebClient.Builder builder = WebClient.builder();
		customizers(beanFactory).forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	/**
	 * Returns the customizers Boot's builder bean would apply, in its order, except the
	 * one that sets Boot's connector.
	 */
	private static List<WebClientCustomizer> customizers(ConfigurableListableBeanFactory beanFactory) {
		Map<Object, String> names = new IdentityHashMap<>();
		List<WebClientCustomizer> customizers = new ArrayList<>();
		for (String name : beanFactory.getBeanNamesForType(WebClientCustomizer.class)) {
			if (name.equals(CONNECTOR_CUSTOMIZER) && isBoots(beanFactory, name)) {
				continue;
			}
			WebClientCustomizer customizer = beanFactory.getBean(name, WebClientCustomizer.class);
			names.put(customizer, name);
			customizers.add(customizer);
		}
		// the order of ObjectProvider#orderedStream: the bean's own order, else its
		// factory method's @Order
		customizers.sort(AnnotationAwareOrderComparator.INSTANCE
			.withSourceProvider((customizer) -> factoryMethod(beanFactory, names.get(customizer))));
		return customizers;
	}

	private static @Nullable Method factoryMethod(ConfigurableListableBeanFactory beanFactory, @Nullable String name) {
		if (name == null || !beanFactory.containsBeanDefinition(name)) {
			return null;
		}
		return (beanFactory.getMergedBeanDefinition(name) instanceof RootBeanDefinition root)
				? root.getResolvedFactoryMethod() : null;
	}

	/**
	 * Tells whether a bean is defined by Boot's {@link WebClientAutoConfiguration}.
	 */
	private static boolean isBoots(ConfigurableListableBeanFactory beanFactory, String name) {
		if (!beanFactory.containsBeanDefinition(name)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(name);
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null
				&& factoryMethod.getDeclaringClassName().equals(WebClientAutoConfiguration.class.getName());
	}

}
