package com.mulerun.chat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ProxySettings}.
 */
class ProxySettingsTests {

	@Test
	void proxyIsAppliedToTheHttpClientWithCredentialsAndNonProxyHosts() {
		HttpClient client = new ProxySettings("proxy.internal", 3128, "alice", "s3cret", "localhost|.*\\.corp")
			.applyTo(HttpClient.create());
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

	@Test
	void portMustBeValid() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ProxySettings("p", 0, null, null, null))
			.withMessageContaining("port");
	}

	@Test
	void passwordIsNotPrinted() {
		assertThat(new ProxySettings("p", 8080, "u", "hunter2", null).toString()).doesNotContain("hunter2")
			.contains("[redacted]");
	}


}
