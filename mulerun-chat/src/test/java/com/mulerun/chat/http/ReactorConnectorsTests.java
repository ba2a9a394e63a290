package com.mulerun.chat.http;

import java.net.InetSocketAddress;

import com.mulerun.chat.ProxySettings;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactorConnectors}.
 */
class ReactorConnectorsTests {

	@Test
	void proxyIsAppliedToTheHttpClientWithCredentialsAndNonProxyHosts() {
		HttpClient client = ReactorConnectors.applyProxy(HttpClient.create(),
				new ProxySettings("proxy.internal", 3128, "alice", "s3cret", "localhost|.*\\.corp"));
		assertThat(client.configuration().hasProxy()).isTrue();
		ProxyProvider proxy = client.configuration().proxyProviderSupplier().get();
		assertThat(proxy).isNotNull();
		assertThat(proxy.getType()).isEqualTo(ProxyProvider.Proxy.HTTP);
		InetSocketAddress address = (InetSocketAddress) proxy.getSocketAddress().get();
		assertThat(address.getHostString()).isEqualTo("proxy.internal");
		assertThat(address.getPort()).isEqualTo(3128);
		assertThat(proxy.shouldProxy(InetSocketAddress.createUnresolved("api.mulerun.com", 443))).isTrue();
		assertThat(proxy.shouldProxy(InetSocketAddress.createUnresolved("localhost", 8080))).isFalse();
		assertThat(proxy.shouldProxy(InetSocketAddress.createUnresolved("git.corp", 443))).isFalse();
	}

}
