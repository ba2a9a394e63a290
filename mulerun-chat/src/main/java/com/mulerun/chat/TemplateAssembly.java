package com.mulerun.chat;

import java.net.URI;
import java.util.Objects;
import com.mulerun.chat.auth.ApiKeyResolver;
import com.mulerun.chat.http.ChatCompletionTransport;
import com.mulerun.chat.http.EndpointUris;
import com.mulerun.chat.http.ErrorHints;
import com.mulerun.chat.http.ModelFallback;
import com.mulerun.chat.http.ReactorConnectors;
import com.mulerun.chat.http.ReactorConnectors.PooledConnector;
import com.mulerun.chat.interceptor.InterceptorChain;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.observation.ChatCompletionObserver;
import com.mulerun.chat.structured.StructuredOutput;
import com.mulerun.chat.structured.StructuredOutputSettings;
import com.mulerun.chat.tool.ToolLoop;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Assembles a {@link ChatCompletionTemplate} from the settings of a
 * {@link ChatCompletionTemplateBuilder}: the connector and its pool, the transport,
 * request preparation, the interceptor chain, the observer, key resolution, model
 * fallback, structured output and the tool loop, each built once.
 */
final class TemplateAssembly {

	private TemplateAssembly() {
	}

	static ChatCompletionTemplate assemble(ChatCompletionTemplateBuilder builder) {
		String base = EndpointUris.withoutTrailingSlash(builder.baseUrl);
		URI completionsUri = EndpointUris.completionsUri(base, builder.completionsPath);
		ClientHttpConnector clientConnector = builder.connector;
		Disposable ownedPool = null;
		if (clientConnector == null && builder.webClientBuilder == null) {
			PooledConnector pooled = ReactorConnectors.pooledConnector(builder.timeouts.connect(), builder.proxy,
					builder.poolSettings);
			clientConnector = pooled.connector();
			ownedPool = pooled.pool();
		}
		WebClient webClient = ChatCompletionTransport.webClient(builder.webClientBuilder, clientConnector, base,
				builder.defaultHeaders, builder.apiKey);
		ChatCompletionTransport transport = new ChatCompletionTransport(webClient, completionsUri,
				new ChatCompletionTransport.Settings(builder.timeouts, builder.retrySettings, builder.jsonMapper,
						builder.maxResponseSize, builder.maxEventSize, builder.scheduler,
						new ErrorHints(ErrorHints.keySource(builder.defaultHeaders.keySet(), builder.apiKey,
								builder.apiKeySource), completionsUri, base, builder.completionsPath)));
		ChatCompletionRequest defaultOptions = (builder.defaults.model() != null) ? builder.defaults
				: builder.defaults.mutate().model(builder.defaultModel).build();
		RequestPreparer preparer = new RequestPreparer(defaultOptions, builder.includeUsage, builder.validation,
				builder.jsonMapper);
		ChatCompletionObserver observer = new ChatCompletionObserver(builder.observationRegistry,
				builder.observationConvention, Objects.requireNonNullElse(completionsUri.getHost(), ""),
				EndpointUris.port(completionsUri), builder.observationIncludeContent);
		JsonMapper mapper = builder.jsonMapper;
		StructuredOutputSettings structuredSettings = builder.structuredOutputSettings;
		ObservationRegistry registry = builder.observationRegistry;
		ApiKeyResolver apiKeys = new ApiKeyResolver(builder.apiKeyProvider,
				builder.apiKey != null && !builder.apiKey.isBlank());
		return new ChatCompletionTemplate(preparer, new InterceptorChain(builder.interceptors), observer, transport,
				apiKeys,
				new ModelFallback(builder.fallbackModels, builder.modelCallListener, builder.modelCircuitBreakers,
						builder.fallbackOverrides),
				ownedPool, base, completionsUri,
				(operations) -> new StructuredOutput(operations, mapper, preparer.defaultModel(), structuredSettings,
						registry),
				builder.defaultTools, new ToolLoop(registry, builder.toolObservationConvention,
						builder.observationIncludeContent, builder.toolScheduler));
	}

}
