package com.mulerun.test.autoconfigure;

import com.mulerun.chat.ChatCompletionOperations;
import com.mulerun.test.MockMuleRunServer;
import com.mulerun.test.MockResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stubs and recorded requests of one test do not leak into the next, while the server and
 * its port stay.
 */
@SpringBootTest(properties = { "mulerun.retry.initial-backoff=1ms", "mulerun.retry.max-backoff=5ms" })
@AutoConfigureMockMuleRun(apiKey = "sk-custom-test-key")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MockMuleRunResetBetweenTestsTests {

	static int portOfFirstTest;

	@Autowired
	MockMuleRunServer mockMuleRun;

	@Autowired
	ChatCompletionOperations chat;

	@Test
	@Order(1)
	void firstTestStubsAnswersAndRetriesAServerError() {
		this.mockMuleRun.whenAnyRequest().respondWith(MockResponse.serverError(), MockResponse.text("Recovered"));

		assertThat(this.chat.chat("Hi")).isEqualTo("Recovered");
		assertThat(this.mockMuleRun.requestCount()).isEqualTo(2);
		assertThat(this.mockMuleRun.lastRecordedRequest().header("Authorization"))
			.isEqualTo("Bearer sk-custom-test-key");
		portOfFirstTest = this.mockMuleRun.port();
	}

	@Test
	@Order(2)
	void secondTestStartsWithoutTheFirstTestsStubsAndRequests() {
		assertThat(this.mockMuleRun.stubs()).isEmpty();
		assertThat(this.mockMuleRun.requests()).isEmpty();
		assertThat(this.mockMuleRun.port()).isEqualTo(portOfFirstTest);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
