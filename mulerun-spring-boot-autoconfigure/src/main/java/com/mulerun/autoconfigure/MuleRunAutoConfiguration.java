package com.mulerun.autoconfigure;

import com.mulerun.chat.ChatCompletionInterceptor;
import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.ChatCompletionTemplateBuilder;
import com.mulerun.chat.ProxySettings;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.Timeouts;
import com.mulerun.chat.auth.ApiKeyProvider;
import com.mulerun.chat.http.PoolSettings;
import com.mulerun.chat.http.ReactorConnectors;
import com.mulerun.chat.interceptor.LoggingChatCompletionInterceptor;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ReasoningEffort;
import com.mulerun.chat.model.ServiceTier;
import com.mulerun.chat.model.Verbosity;
import com.mulerun.chat.tool.ChatTools;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configures a {@link ChatCompletionTemplate} from {@link MuleRunProperties}, built
 * on Spring Boot's {@link WebClient.Builder} (its customizers: codecs, observation, the
 * application's; Boot's own connector is not created, the template does not use it) with
 * its own Reactor Netty connector (connect timeout, proxy, SSL bundle), the ordered
 * {@link ChatCompletionInterceptor} beans and the
 * {@link ChatCompletionTemplateCustomizer} beans. A single {@link ChatTools} bean becomes
 * the template's default tools (every call runs the tool loop with them unless its
 * options name other tools). The base URL and the key come from the
 * {@link MuleRunConnectionDetails} bean (by default the {@code mulerun.*} properties). An
 * {@link ApiKeyProvider} bean resolves the key of each call; the configured key is then
 * optional.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass({ ChatCompletionTemplate.class, WebClient.class })
@ConditionalOnBooleanProperty(name = "mulerun.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MuleRunProperties.class)
public final class MuleRunAutoConfiguration {

	/**
	 * The name of the scheduler bean blocking tools run on, when virtual threads are
	 * enabled.
	 */
	static final String TOOL_SCHEDULER_BEAN_NAME = "muleRunToolScheduler";

	/** The environment variable the API key falls back to. */
	static final String API_KEY_ENVIRONMENT_VARIABLE = "MULERUN_API_KEY";

	private static final String SSL_BUNDLE_PROPERTY = "mulerun.http.ssl-bundle";

	@Bean
	@ConditionalOnMissingBean(ChatCompletionOperations.class)
	ChatCompletionTemplate chatCompletionTemplate(MuleRunProperties properties,
			MuleRunConnectionDetails connectionDetails, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<ChatCompletionInterceptor> interceptors,
			ObjectProvider<ChatCompletionTemplateCustomizer> customizers, ObjectProvider<ChatTools> tools,
			@Qualifier(TOOL_SCHEDULER_BEAN_NAME) ObjectProvider<Scheduler> toolScheduler,
			ObjectProvider<ApiKeyProvider> apiKeyProvider,
			@Qualifier("muleRunConnectionProvider") ConnectionProvider connectionProvider,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<ReactorResourceFactory> reactorResources, ObjectProvider<MuleRunOffline> offline,
			ConfigurableListableBeanFactory beanFactory) {
		// offline, the key is not needed: the offline customizer sets a placeholder
		boolean isOffline = offline.getIfAvailable() != null;
		ApiKeyProvider keyProvider = apiKeyProvider.getIfUnique();
		String apiKey = isOffline ? MuleRunOffline.API_KEY : connectionDetails.getApiKey();
		if (apiKey == null && keyProvider == null) {
			throw new MuleRunApiKeyMissingException();
		}
		if (apiKey != null && apiKey.startsWith("${")) {
			// the placeholder's own text, not a secret: Spring keeps a placeholder it
			// cannot resolve
			throw new MuleRunApiKeyMissingException("The MuleRun API key is the unresolved placeholder " + apiKey
					+ ": the variable it names is not set");
		}
		MuleRunProperties.Http http = properties.getHttp();
		MuleRunProperties.Retry retry = properties.getRetry();
		ChatCompletionTemplateBuilder builder = ChatCompletionTemplate.builder()
			.apiKey(apiKey)
			.apiKeyProvider(keyProvider)
			.apiKeySource(isOffline ? "the offline mode" : apiKeySource(properties, connectionDetails))
			.baseUrl(connectionDetails.getBaseUrl())
			.completionsPath(properties.getCompletionsPath())
			.defaultModel(properties.getChat().getModel())
			.fallbackModels(properties.getChat().getFallbackModels())
			.defaultOptions(defaultOptions(properties.getChat()))
			.validation(properties.isValidation())
			.includeUsage(properties.getChat().isIncludeUsage())
			.structuredOutputMode(properties.getChat().getStructured().getMode())
			.structuredOutputRepairAttempts(properties.getChat().getStructured().getRepairAttempts())
			.timeouts(new Timeouts(http.getConnectTimeout(), http.getResponseTimeout(), http.getStreamIdleTimeout(),
					http.getOverallTimeout(), http.getStreamMaxDuration()))
			.retrySettings(new RetrySettings(retry.getMaxRetries(), retry.getInitialBackoff(), retry.getMaxBackoff(),
					retry.getMultiplier(), retry.getJitter(), retry.getMaxServerDelay()))
			.maxResponseSize(Math.toIntExact(http.getMaxInMemorySize().toBytes()))
			.maxEventSize(Math.toIntExact(http.getMaxEventSize().toBytes()))
			.webClientBuilder(MuleRunWebClientBuilders.builder(beanFactory, webClientBuilder))
			.clientConnector(MuleRunConnectors.connector(http, connectionProvider, proxy(http.getProxy()), sslBundles,
					connectorBuilder, httpClientSettings, reactorResources))
			.defaultTools(tools.getIfUnique());
		toolScheduler.ifAvailable(builder::toolScheduler);
		http.getDefaultHeaders().forEach(builder::defaultHeader);
		interceptors.orderedStream().forEach(builder::interceptor);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	static ConfigurationPropertiesBindHandlerAdvisor muleRunExtraBodyBindHandlerAdvisor() {
		return new ExtraBodyBindHandlerAdvisor();
	}

	@Bean
	MuleRunStartupChecks muleRunStartupChecks(Environment environment, MuleRunProperties properties) {
		return new MuleRunStartupChecks(environment, properties);
	}

	@Bean
	@ConditionalOnMissingBean(MuleRunConnectionDetails.class)
	PropertiesMuleRunConnectionDetails muleRunConnectionDetails(MuleRunProperties properties, Environment environment) {
		return new PropertiesMuleRunConnectionDetails(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("mulerun.logging.enabled")
	LoggingChatCompletionInterceptor loggingChatCompletionInterceptor(MuleRunProperties properties) {
		return new LoggingChatCompletionInterceptor(properties.getLogging().isIncludeBodies());
	}

	/**
	 * The connection pool of the template's connector, disposed when the context closes.
	 */
	@Bean(destroyMethod = "dispose")
	@ConditionalOnMissingBean(name = "muleRunConnectionProvider")
	ConnectionProvider muleRunConnectionProvider(MuleRunProperties properties) {
		return ReactorConnectors.connectionProvider(poolSettings(properties.getHttp()));
	}

	static PoolSettings poolSettings(MuleRunProperties.Http http) {
		MuleRunProperties.Http.Pool pool = http.getPool();
		return new PoolSettings(pool.getMaxConnections(), pool.getPendingAcquireTimeout(),
				pool.getPendingAcquireMaxCount(), pool.getMaxIdleTime(), http.isCompression());
	}

	private static String apiKeySource(MuleRunProperties properties, MuleRunConnectionDetails connectionDetails) {
		if (!(connectionDetails instanceof PropertiesMuleRunConnectionDetails)) {
			return "the MuleRunConnectionDetails bean";
		}
		String apiKey = properties.getApiKey();
		return (apiKey != null && !apiKey.isBlank()) ? "the property mulerun.api-key"
				: "the environment variable " + API_KEY_ENVIRONMENT_VARIABLE;
	}

	static SslBundle sslBundle(ObjectProvider<SslBundles> sslBundles, String name) {
		String rule = "must name an SSL bundle configured under spring.ssl.bundle.*";
		SslBundles bundles = sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new InvalidConfigurationPropertyValueException(SSL_BUNDLE_PROPERTY, name,
					rule + " (no SSL bundles are configured)");
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(SSL_BUNDLE_PROPERTY, name,
					rule + " (" + ex.getMessage() + ")");
		}
	}

	private static @Nullable ProxySettings proxy(MuleRunProperties.Http.Proxy proxy) {
		String host = proxy.getHost();
		if (host == null || host.isBlank()) {
			return null;
		}
		int port = (proxy.getPort() != null) ? proxy.getPort() : 8080;
		return new ProxySettings(host, port, proxy.getUsername(), proxy.getPassword(), proxy.getNonProxyHosts());
	}

	static ChatCompletionRequest defaultOptions(MuleRunProperties.Chat chat) {
		ChatCompletionRequest.Builder builder = ChatCompletionRequest.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(chat::getTemperature).to(builder::temperature);
		map.from(chat::getTopP).to(builder::topP);
		map.from(chat::getMaxCompletionTokens).to(builder::maxCompletionTokens);
		map.from(chat::getFrequencyPenalty).to(builder::frequencyPenalty);
		map.from(chat::getPresencePenalty).to(builder::presencePenalty);
		map.from(chat::getReasoningEffort).as(ReasoningEffort::of).to(builder::reasoningEffort);
		map.from(chat::getVerbosity).as(Verbosity::of).to(builder::verbosity);
		map.from(chat::getServiceTier).as(ServiceTier::of).to(builder::serviceTier);
		map.from(chat::getSeed).to(builder::seed);
		map.from(chat::getParallelToolCalls).to(builder::parallelToolCalls);
		map.from(chat::getStore).to(builder::store);
		map.from(chat::getUser).to(builder::user);
		if (!chat.getMetadata().isEmpty()) {
			builder.metadata(chat.getMetadata());
		}
		chat.getExtraBody().forEach(builder::extra);
		return builder.build();
	}

	/**
	 * Runs blocking tools on virtual threads when {@code spring.threads.virtual.enabled}
	 * is set (on Java 21 and later), instead of Reactor's bounded elastic scheduler; a
	 * cancelled tool's thread is interrupted.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnThreading(Threading.VIRTUAL)
	static class VirtualThreadToolsConfiguration {

		@Bean(name = TOOL_SCHEDULER_BEAN_NAME, destroyMethod = "dispose")
		@ConditionalOnMissingBean(name = TOOL_SCHEDULER_BEAN_NAME)
		Scheduler muleRunToolScheduler() {
			ThreadFactory threads = new VirtualThreadTaskExecutor("mulerun-tool-").getVirtualThreadFactory();
			// a new virtual thread per task (none is kept idle); an executor service, so
			// cancelling interrupts
			return Schedulers.fromExecutorService(new ThreadPoolExecutor(0, Integer.MAX_VALUE, 0, TimeUnit.SECONDS,
					new SynchronousQueue<>(), threads), TOOL_SCHEDULER_BEAN_NAME);
		}

	}

	/**
	 * Masks the API key and the proxy password in the actuator's {@code /env} and
	 * {@code /configprops} output, also when the application shows values.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class CredentialSanitizingConfiguration {

		@Bean
		SanitizingFunction muleRunCredentialSanitizingFunction() {
			return (data) -> isCredential(data.getLowerCaseKey()) ? data.withSanitizedValue() : data;
		}

		/**
		 * Tells whether a lower-case key names one of the starter's credentials: the key
		 * in {@code /env} ({@code mulerun.api-key}, the {@code MULERUN_API_KEY} variable)
		 * and in {@code /configprops} ({@code mulerun.apiKey}), the proxy password. Keys
		 * of other prefixes are left to the application.
		 */
		static boolean isCredential(String key) {
			if (!key.startsWith("mulerun.") && !key.startsWith("mulerun_")) {
				return false;
			}
			return key.endsWith("api-key") || key.endsWith("apikey") || key.endsWith("api_key")
					|| key.endsWith("proxy.password");
		}

	}

}
