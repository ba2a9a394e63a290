package com.mulerun.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The builder refuses a base URL or a completions path that could not work, before
 * anything is sent: an empty base URL once sent the bearer token in clear text to
 * whatever listened on local port 80.
 */
class ChatCompletionTemplateBuilderUrlTests {

	@ParameterizedTest(name = "baseUrl \"{0}\"")
	@CsvSource(delimiter = '|', textBlock = """
			''                        | (was empty)
			'   '                     | (was empty)
			api.mulerun.com           | (the scheme is missing)
			ftp://api.mulerun.com     | (the scheme is ftp)
			https://                  | (Expected authority at index 8)
			https://api.mulerun.com?a | (no query or fragment)
			""")
	void aBaseUrlThatCannotWorkIsRefusedWithTheRule(String baseUrl, String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> ChatCompletionTemplate.builder().baseUrl(baseUrl))
			.withMessageStartingWith(
					"baseUrl must be an absolute http:// or https:// URL with a host, such as https://api.mulerun.com")
			.withMessageEndingWith(reason);
	}

	@ParameterizedTest(name = "completionsPath \"{0}\"")
	@CsvSource(delimiter = '|', textBlock = """
			''                          | (was empty)
			/v1/chat completions        | (Illegal character in path at index 8)
			https://x.example/v1/chat   | (a path, not a URL: the host belongs in the base URL)
			/v1/chat/completions#frag   | (no query or fragment)
			""")
	void aCompletionsPathThatCannotWorkIsRefusedWithTheRule(String path, String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> ChatCompletionTemplate.builder().completionsPath(path))
			.withMessageStartingWith("completionsPath must be a URL path such as /v1/chat/completions")
			.withMessageEndingWith(reason);
	}

	@Test
	void workingUrlsAreAccepted() {
		ChatCompletionTemplate template = ChatCompletionTemplate.builder()
			.baseUrl(" http://127.0.0.1:8080/gateway/ ")
			.completionsPath("openai/v1/chat/completions")
			.apiKey("k")
			.build();
		assertThat(template.toString()).contains("http://127.0.0.1:8080/gateway");
		template.close();
	}

}
