package com.mulerun.starter;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the starter brings Reactor Netty without its HTTP/3 codec and the QUIC
 * native libraries, which the client never uses ({@link StarterApplicationTests} shows
 * that calls and streams work without them).
 */
class StarterClasspathTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void reactorNettyHttpClientIsPresent() {
		assertThat(ClassUtils.isPresent("reactor.netty.http.client.HttpClient", this.classLoader)).isTrue();
	}

	@Test
	void http3CodecIsAbsent() {
		assertThat(ClassUtils.isPresent("io.netty.handler.codec.http3.Http3", this.classLoader)).isFalse();
	}

	@Test
	void quicClassesAndNativeLibrariesAreAbsent() throws IOException {
		assertThat(ClassUtils.isPresent("io.netty.handler.codec.quic.Quic", this.classLoader)).isFalse();
		assertThat(new PathMatchingResourcePatternResolver(this.classLoader)
			.getResources("classpath*:META-INF/native/*quiche*")).isEmpty();
	}

}
