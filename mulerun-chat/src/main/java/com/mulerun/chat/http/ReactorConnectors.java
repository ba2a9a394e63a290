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
 * Creates the Reactor Netty connector and connection pool of a template that was given neither a connector nor a
 * {@code WebClient.Builder}, and applies {@link ProxySettings} to a Reactor Netty client.
 */
public final class ReactorConnectors {

	/** The maximum number of connections of the default pool. */
	public static final int DEFAULT_MAX_CONNECTIONS = 500;

	/** How long a connection of the default pool may stay idle before it is closed. */
	public static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofSeconds(30);

	private static final Duration EVICTION_INTERVAL = Duration.ofSeconds(60);

	private ReactorConnectors() {
	}

	/**
	 * Creates a Reactor Netty connector over a pool of its own: {@value #DEFAULT_MAX_CONNECTIONS} connections, an
	 * unbounded queue of pending acquisitions, idle connections closed after {@link #DEFAULT_MAX_IDLE_TIME}.
	 * @param connectTimeout the connect timeout
	 * @param proxy the proxy, or {@code null}
	 * @return the connector and the pool, which the caller disposes when it is done
	 */
	public static PooledConnector pooledConnector(Duration connectTimeout, @Nullable ProxySettings proxy) {
		ConnectionProvider pool = ConnectionProvider.builder("mulerun")
			.maxConnections(DEFAULT_MAX_CONNECTIONS)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(DEFAULT_MAX_IDLE_TIME)
			.evictInBackground(EVICTION_INTERVAL)
			.build();
		HttpClient httpClient = HttpClient.create(pool)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
		ClientHttpConnector connector = new ReactorClientHttpConnector(
				(proxy != null) ? applyProxy(httpClient, proxy) : httpClient);
		return new PooledConnector(connector, pool);
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
