package com.mulerun.chat.http;

import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PoolSettings}: out-of-range values are rejected naming the field, and
 * the template's own connector asks for compressed responses only when told to.
 */
class PoolSettingsTests {

	@Test
	void outOfRangeValuesAreRejectedNamingTheField() {
		Duration second = Duration.ofSeconds(1);
		assertThatIllegalArgumentException().isThrownBy(() -> new PoolSettings(0, second, -1, null, false))
			.withMessageContaining("maxConnections");
		assertThatIllegalArgumentException().isThrownBy(() -> new PoolSettings(1, Duration.ZERO, -1, null, false))
			.withMessageContaining("pendingAcquireTimeout");
		assertThatIllegalArgumentException().isThrownBy(() -> new PoolSettings(1, second, 0, null, false))
			.withMessageContaining("pendingAcquireMaxCount");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PoolSettings(1, second, -1, Duration.ofSeconds(-1), false))
			.withMessageContaining("maxIdleTime");
	}

	@Test
	void templatesOwnConnectorAsksForCompressionOnlyWhenTold() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		try {
			server.stubFor(
					post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "application/json")
						.withBody("{\"id\":\"c1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
								+ "\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}")));
			ChatCompletionRequest request = ChatCompletionRequest.builder().userMessage("Hi").build();
			try (ChatCompletionTemplate template = ChatCompletionTemplate.builder()
				.baseUrl(server.baseUrl())
				.retrySettings(RetrySettings.none())
				.build()) {
				template.create(request);
			}
			server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Accept-Encoding", absent()));
			server.resetRequests();
			PoolSettings compressed = new PoolSettings(2, Duration.ofSeconds(5), 4, null, true);
			try (ChatCompletionTemplate template = ChatCompletionTemplate.builder()
				.baseUrl(server.baseUrl())
				.retrySettings(RetrySettings.none())
				.poolSettings(compressed)
				.build()) {
				template.create(request);
			}
			server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Accept-Encoding",
					equalTo("gzip")));
		}
		finally {
			server.stop();
		}
	}

}
