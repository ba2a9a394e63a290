package com.mulerun.autoconfigure;

import com.mulerun.chat.ProxySettings;
import com.mulerun.chat.http.PoolSettings;
import com.mulerun.chat.http.ReactorConnectors;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Builds the Reactor Netty connector of the auto-configured template on the application's
 * own HTTP client configuration: Spring Boot's {@link ClientHttpConnectorBuilder} bean
 * when it is Reactor Netty's (with its customizers), Boot's {@link HttpClientSettings}
 * bean ({@code spring.http.clients.*}: redirects, SSL bundle) and the event loops of its
 * {@link ReactorResourceFactory}; {@code mulerun.http.*} overrides them (connect timeout,
 * SSL bundle, proxy, pool, compression). Without a {@code mulerun} proxy the JVM's proxy
 * settings apply.
 */
final class MuleRunConnectors {

	private MuleRunConnectors() {
	}

	static ClientHttpConnector connector(MuleRunProperties.Http http, ConnectionProvider pool,
			@Nullable ProxySettings proxy, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<ClientHttpConnectorBuilder<?>> bootBuilder, ObjectProvider<HttpClientSettings> bootSettings,
			ObjectProvider<ReactorResourceFactory> resources) {
		PoolSettings poolSettings = MuleRunAutoConfiguration.poolSettings(http);
		// the template bounds reads itself (response and stream idle timeouts): Boot's
		// read timeout would cut streams
		HttpClientSettings settings = bootSettings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(http.getConnectTimeout(), null);
		String bundleName = http.getSslBundle();
		if (bundleName != null) {
			settings = settings.withSslBundle(MuleRunAutoConfiguration.sslBundle(sslBundles, bundleName));
		}
		ReactorResourceFactory resourceFactory = resources.getIfUnique();
		ReactorClientHttpConnectorBuilder builder = (bootBuilder
			.getIfUnique() instanceof ReactorClientHttpConnectorBuilder reactor) ? reactor
					: ClientHttpConnectorBuilder.reactor();
		return builder.withHttpClientFactory(() -> {
			HttpClient client = HttpClient.create(pool);
			return (resourceFactory != null) ? client.runOn(resourceFactory.getLoopResources()) : client;
		})
			.withHttpClientCustomizer((client) -> ReactorConnectors
				.applyProxyOrSystem(ReactorConnectors.applyCompression(client, poolSettings), proxy))
			.build(settings);
	}

}
