package com.mulerun.chat.http;

import java.time.Duration;

import com.mulerun.chat.ProxySettings;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.ProxyProvider;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * Creates the Reactor Netty connector and connection pool of a template that was given
 * neither a connector nor a {@code WebClient.Builder}, and applies {@link ProxySettings}
 * to a Reactor Netty client.
 */
public final class ReactorConnectors {

	private static final Duration EVICTION_INTERVAL = Duration.ofSeconds(60);

	private ReactorConnectors() {
	}

	/**
	 * Creates a Reactor Netty connector over a pool of its own, as the
	 * {@link PoolSettings} say.
	 * @param connectTimeout the connect timeout
	 * @param proxy the proxy, or {@code null}
	 * @param poolSettings the pool and compression settings
	 * @return the connector and the pool, which the caller disposes when it is done
	 */
	public static PooledConnector pooledConnector(Duration connectTimeout, @Nullable ProxySettings proxy,
			PoolSettings poolSettings) {
		ConnectionProvider pool = connectionProvider(poolSettings);
		HttpClient httpClient = HttpClient.create(pool)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
		httpClient = applyCompression(httpClient, poolSettings);
		ClientHttpConnector connector = new ReactorClientHttpConnector(applyProxyOrSystem(httpClient, proxy));
		return new PooledConnector(connector, pool);
	}

	/**
	 * Applies a proxy to a Reactor Netty client, or, when there is none, the JVM's proxy
	 * settings (the system properties {@code http.proxyHost}, {@code https.proxyHost},
	 * {@code http.nonProxyHosts} and the like, read now).
	 * @param httpClient the client
	 * @param proxy the proxy, or {@code null} for the JVM's
	 * @return the client that uses the proxy
	 */
	public static HttpClient applyProxyOrSystem(HttpClient httpClient, @Nullable ProxySettings proxy) {
		return (proxy != null) ? applyProxy(httpClient, proxy) : httpClient.proxyWithSystemProperties();
	}

	/**
	 * Creates a connection pool named {@code mulerun}, as the {@link PoolSettings} say;
	 * idle connections are evicted in the background.
	 * @param poolSettings the settings
	 * @return the pool, which the caller disposes when it is done
	 */
	public static ConnectionProvider connectionProvider(PoolSettings poolSettings) {
		ConnectionProvider.Builder builder = ConnectionProvider.builder("mulerun")
			.maxConnections(poolSettings.maxConnections())
			.pendingAcquireTimeout(poolSettings.pendingAcquireTimeout())
			.pendingAcquireMaxCount(poolSettings.pendingAcquireMaxCount());
		Duration maxIdleTime = poolSettings.maxIdleTime();
		if (maxIdleTime != null) {
			builder.maxIdleTime(maxIdleTime).evictInBackground(EVICTION_INTERVAL);
		}
		return builder.build();
	}

	/**
	 * Asks for compressed responses, or not, as the settings say (whatever the client did
	 * before: Spring Boot's connector builder switches compression on).
	 * @param httpClient the client
	 * @param poolSettings the settings
	 * @return the client
	 */
	public static HttpClient applyCompression(HttpClient httpClient, PoolSettings poolSettings) {
		return httpClient.compress(poolSettings.compression());
	}

	/**
	 * Applies a proxy to a Reactor Netty client.
	 * @param httpClient the client
	 * @param proxy the proxy
	 * @return the client that uses the proxy
	 */
	public static HttpClient applyProxy(HttpClient httpClient, ProxySettings proxy) {
		return httpClient.proxy((spec) -> {
			ProxyProvider.Builder builder = spec.type(ProxyProvider.Proxy.HTTP).host(proxy.host()).port(proxy.port());
			String username = proxy.username();
			if (username != null) {
				builder.username(username);
				String secret = proxy.password();
				builder.password((user) -> secret);
			}
			String nonProxyHosts = proxy.nonProxyHosts();
			if (nonProxyHosts != null) {
				builder.nonProxyHosts(nonProxyHosts);
			}
		});
	}

	/**
	 * A connector and the connection pool it owns.
	 *
	 * @param connector the connector
	 * @param pool the pool, disposed when the connector is no longer used
	 */
	public record PooledConnector(ClientHttpConnector connector, Disposable pool) {
	}

}
