package com.mulerun.chat.error;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link ApiErrors}: the real-gateway corpus first, then hand-written shapes
 * and headers.
 */
class ApiErrorsTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final Map<String, Class<? extends MuleRunApiException>> CLASSES = Map.of("BadRequestError",
			MuleRunBadRequestException.class, "ContentFilterError", MuleRunContentFilterException.class,
			"AuthenticationError", MuleRunAuthenticationException.class, "RateLimitError",
			MuleRunRateLimitException.class, "QuotaExceededError", MuleRunQuotaExceededException.class, "ServerError",
			MuleRunServerException.class, "NotFoundError", MuleRunNotFoundException.class, "StreamError",
			MuleRunStreamErrorEventException.class);

	// --- corpus
	// --------------------------------------------------------------------------------------------

	static Stream<Arguments> corpusErrorResponses() {
		List<Arguments> cases = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : expectations().properties()) {
			JsonNode expectation = entry.getValue();
			if (!"sse".equals(expectation.path("kind").asString())
					&& "error".equals(expectation.path("expect").path("outcome").asString())) {
				cases.add(Arguments.of(entry.getKey(), expectation));
			}
		}
		assertThat(cases).hasSizeGreaterThanOrEqualTo(8);
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpusErrorResponses")
	void corpusErrorResponseBecomesTheExpectedException(String file, JsonNode expectation) {
		int status = expectation.path("http").path("status").asInt();
		HttpHeaders headers = headers(expectation.path("http").path("headers"));
		byte[] body = fixture(file);
		MuleRunApiException ex = (status >= 400) ? ApiErrors.create(status, headers, body)
				: ApiErrors.fromSuccessBody(status, headers, body);
		JsonNode error = expectation.path("expect").path("error");

		assertThat(ex).isNotNull();
		assertCorpusError(ex, error);
		int effective = error.has("effectiveStatus") ? error.get("effectiveStatus").asInt()
				: error.get("httpStatus").asInt();
		assertThat(ex.getMessage()).startsWith("HTTP " + effective);
		if (error.has("param")) {
			assertThat(ex.errorParam()).isEqualTo(nullableText(error.get("param")));
		}
		if (error.has("retryAfterMs")) {
			assertThat(ex.retryAfter()).isEqualTo(Duration.ofMillis(error.get("retryAfterMs").asLong()));
		}
		else {
			assertThat(ex.retryAfter()).isNull();
		}
		if (error.has("requestId")) {
			assertThat(ex.requestId()).isEqualTo(nullableText(error.get("requestId")));
		}
		if (error.has("innerErrorCode")) {
			assertThat(ex.errorDetails().get("innererror"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("code", error.get("innerErrorCode").asString());
		}
		if (error.has("diagnosticId")) {
			assertThat(ex.responseHeaders()).containsEntry("cf-ray", List.of(error.get("diagnosticId").asString()));
		}
		assertThat(ex.responseBody()).isEqualTo(new String(body, StandardCharsets.UTF_8));
	}

	static Stream<Arguments> corpusStreamErrors() {
		List<Arguments> cases = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : expectations().properties()) {
			JsonNode expectation = entry.getValue();
			if ("sse".equals(expectation.path("kind").asString())
					&& "error".equals(expectation.path("expect").path("outcome").asString())) {
				cases.add(Arguments.of(entry.getKey(), expectation));
			}
		}
		assertThat(cases).isNotEmpty();
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpusStreamErrors")
	void corpusStreamErrorEventBecomesAStreamErrorWhileOrdinaryChunksDoNot(String file, JsonNode expectation) {
		HttpHeaders headers = headers(expectation.path("http").path("headers"));
		List<MuleRunApiException> errors = new ArrayList<>();
		for (String line : new String(fixture(file), StandardCharsets.UTF_8).split("\n")) {
			if (line.startsWith("data: ")) {
				byte[] data = ("  " + line.substring(6) + "  ").getBytes(StandardCharsets.UTF_8);
				MuleRunApiException ex = ApiErrors.fromStreamEvent(headers, data, 2, data.length - 4, false);
				if (ex != null) {
					errors.add(ex);
				}
			}
		}
		JsonNode error = expectation.path("expect").path("error");

		assertThat(errors).hasSize(1);
		MuleRunApiException ex = errors.get(0);
		assertCorpusError(ex, error);
		assertThat(ex.getMessage()).startsWith("Stream error");
		assertThat(ex.requestId()).isEqualTo(nullableText(expectation.path("expect").get("requestId")));
		// The exception says whether the error itself is transient; the corpus'
		// "retryable: false" for
		// mid-stream errors is the stream layer's decision once output was delivered.
		boolean transientCode = "server_error".equals(ex.errorType()) || "server_error".equals(ex.errorCode())
				|| "api_error".equals(ex.errorCode());
		assertThat(ex.isRetryable()).isEqualTo(transientCode);
		if (error.path("why").asString().contains("no output delivered")) {
			assertThat(ex.isRetryable()).isEqualTo(error.get("retryable").asBoolean());
		}
	}

	private static void assertCorpusError(MuleRunApiException ex, JsonNode error) {
		String className = error.get("class").asString();
		assertThat(ex).isExactlyInstanceOf(CLASSES.get(className.split(" ")[0]));
		if (className.contains("(BadRequest)")) {
			assertThat(ex).isInstanceOf(MuleRunBadRequestException.class);
		}
		if (className.contains("(RateLimit subtype)")) {
			assertThat(ex).isInstanceOf(MuleRunRateLimitException.class);
		}
		assertThat(ex.httpStatus()).isEqualTo(error.get("httpStatus").asInt());
		int effective = error.has("effectiveStatus") ? error.get("effectiveStatus").asInt()
				: error.get("httpStatus").asInt();
		assertThat(ex.statusCode()).isEqualTo(effective);
		assertThat(ex.errorType()).isEqualTo(nullableText(error.get("type")));
		assertThat(ex.errorCode()).isEqualTo(nullableText(error.get("code")));
		if (error.has("message")) {
			assertThat(ex.providerMessage()).isEqualTo(error.get("message").asString());
		}
		if (error.has("messageStartsWith")) {
			assertThat(ex.providerMessage()).startsWith(error.get("messageStartsWith").asString());
		}
		assertThat(ex.getMessage()).contains(ex.providerMessage()).doesNotContain("Unknown error", ": null");
		if (ex.statusCode() >= 400 && !(ex instanceof MuleRunStreamErrorEventException)) {
			assertThat(ex.isRetryable()).isEqualTo(error.get("retryable").asBoolean());
		}
	}

	@Test
	void messageNamesStatusCodeAndRequestId() {
		MuleRunApiException ex = ApiErrors.create(429,
				headers(readTree("{\"x-request-id\":\"req_123\",\"retry-after\":\"3\"}")),
				fixture("openai-429-rate-limit.json"));

		assertThat(ex.getMessage()).startsWith("HTTP 429 (rate_limit_exceeded): Rate limit reached for gpt-4.1 ")
			.endsWith("to learn more. [request id req_123]");
	}

	@Test
	void nonJsonBodyMessageUsesHtmlTitle() {
		MuleRunApiException ex = ApiErrors.create(502, HttpHeaders.EMPTY, fixture("proxy-502-html.html"));

		assertThat(ex.getMessage()).isEqualTo("HTTP 502: 502 Bad Gateway");
		assertThat(ex.errorDetails()).isEmpty();
	}

	@Test
	void htmlTitleEntitiesAreUnescapedAsHtmlDefinesThem() {
		MuleRunApiException ex = ApiErrors.create(503, HttpHeaders.EMPTY, bytes(
				"<html><head><title>503&nbsp;Service&#160;Indisponible &mdash; r&eacute;essayez &amp; patientez</title>"
						+ "</head><body></body></html>"));

		assertThat(ex.getMessage()).isEqualTo("HTTP 503: 503 Service Indisponible — réessayez & patientez");
	}

	@Test
	void successfulCompletionBodyIsNotAnError() {
		assertThat(ApiErrors.fromSuccessBody(200, HttpHeaders.EMPTY, fixture("openai-nonstream-text.json"))).isNull();
		assertThat(ApiErrors.fromSuccessBody(200, HttpHeaders.EMPTY,
				bytes("{\"choices\":[],\"error\":{\"message\":\"partial\"}}")))
			.isNull();
		assertThat(ApiErrors.fromSuccessBody(200, HttpHeaders.EMPTY, bytes("<html>oops</html>"))).isNull();
	}

	// --- hand-written shapes
	// -------------------------------------------------------------------------------

	@Test
	void openRouterNumericCodeBecomesStringAndMetadataIsKept() {
		byte[] body = bytes("{\"error\":{\"code\":402,\"message\":\"Insufficient credits. Add more using"
				+ " https://openrouter.ai/credits\",\"metadata\":{\"provider_name\":\"OpenAI\",\"raw\":\"quota\"}},"
				+ "\"user_id\":\"user_2abc\"}");

		MuleRunApiException ex = ApiErrors.create(402, HttpHeaders.EMPTY, body);

		assertThat(ex).isExactlyInstanceOf(MuleRunUnexpectedStatusException.class);
		assertThat(ex.statusCode()).isEqualTo(402);
		assertThat(ex.errorCode()).isEqualTo("402");
		assertThat(ex.errorType()).isNull();
		assertThat(ex.errorDetails()).containsOnlyKeys("metadata");
		assertThat(ex.errorDetails().get("metadata")).isEqualTo(Map.of("provider_name", "OpenAI", "raw", "quota"));
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage())
			.isEqualTo("HTTP 402: Insufficient credits. Add more using https://openrouter.ai/credits");
	}

	@Test
	void numericCodeInSuccessBodyBecomesTheEffectiveStatus() {
		byte[] body = bytes("{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded: free-models-per-min.\","
				+ "\"metadata\":{\"headers\":{\"X-RateLimit-Limit\":\"20\"}}}}");

		MuleRunApiException ex = ApiErrors.fromSuccessBody(200, HttpHeaders.EMPTY, body);

		assertThat(ex).isExactlyInstanceOf(MuleRunRateLimitException.class);
		assertThat(ex.statusCode()).isEqualTo(429);
		assertThat(ex.httpStatus()).isEqualTo(200);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage())
			.isEqualTo("HTTP 429: Rate limit exceeded: free-models-per-min. (sent with HTTP 200)");
	}

	@Test
	void successBodyErrorWithoutNumericCodeKeepsStatus200AndIsRetryableOnlyWhenTransient() {
		MuleRunApiException transientError = ApiErrors.fromSuccessBody(200, HttpHeaders.EMPTY,
				bytes("{\"error\":{\"message\":\"upstream failed\",\"type\":\"server_error\"}}"));
		MuleRunApiException permanentError = ApiErrors.fromSuccessBody(200, HttpHeaders.EMPTY,
				bytes("{\"error\":{\"message\":\"unknown model\",\"type\":\"invalid_request_error\"}}"));

		assertThat(transientError).isExactlyInstanceOf(MuleRunUnexpectedStatusException.class);
		assertThat(transientError.statusCode()).isEqualTo(200);
		assertThat(transientError.isRetryable()).isTrue();
		assertThat(transientError.getMessage()).isEqualTo("HTTP 200 (server_error): upstream failed");
		assertThat(permanentError.isRetryable()).isFalse();
	}

	@Test
	void numericCodeInsideStreamSelectsTheStatusClass() {
		byte[] data = bytes("{\"error\":{\"code\":502,\"message\":\"Provider returned error\","
				+ "\"metadata\":{\"provider_name\":\"Together\"}}}");

		MuleRunApiException ex = ApiErrors.fromStreamEvent(HttpHeaders.EMPTY, data, 0, data.length, false);

		assertThat(ex).isExactlyInstanceOf(MuleRunServerException.class);
		assertThat(ex.statusCode()).isEqualTo(502);
		assertThat(ex.httpStatus()).isEqualTo(200);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.errorDetails()).containsKey("metadata");
	}

	@Test
	void streamEventWithoutErrorIsNotAnError() {
		byte[] chunk = bytes(
				"{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],\"error\":null}");

		assertThat(ApiErrors.fromStreamEvent(HttpHeaders.EMPTY, chunk, 0, chunk.length, false)).isNull();
	}

	@Test
	void errorEventTypeWithPlainTextDataIsAStreamError() {
		byte[] data = bytes("upstream overloaded, please retry");

		MuleRunApiException ex = ApiErrors.fromStreamEvent(HttpHeaders.EMPTY, data, 0, data.length, true);

		assertThat(ex).isExactlyInstanceOf(MuleRunStreamErrorEventException.class);
		assertThat(ex.providerMessage()).isEqualTo("upstream overloaded, please retry");
		assertThat(ex.getMessage()).isEqualTo("Stream error: upstream overloaded, please retry");
		assertThat(ex.isRetryable()).isFalse();
	}

	@Test
	void anthropicOverloadedStreamEventIsRetryable() {
		byte[] data = bytes("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},"
				+ "\"request_id\":\"req_011abc\"}");

		MuleRunApiException ex = ApiErrors.fromStreamEvent(HttpHeaders.EMPTY, data, 0, data.length, true);

		assertThat(ex).isExactlyInstanceOf(MuleRunStreamErrorEventException.class);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.requestId()).isEqualTo("req_011abc");
		assertThat(ex.getMessage()).isEqualTo("Stream error (overloaded_error): Overloaded [request id req_011abc]");
	}

	@Test
	void anthropicNativeEnvelopeGivesTypeAndBodyRequestId() {
		byte[] body = bytes("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},"
				+ "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}");

		MuleRunApiException ex = ApiErrors.create(529, HttpHeaders.EMPTY, body);

		assertThat(ex).isExactlyInstanceOf(MuleRunServerException.class);
		assertThat(ex.statusCode()).isEqualTo(529);
		assertThat(ex.errorType()).isEqualTo("overloaded_error");
		assertThat(ex.requestId()).isEqualTo("req_011CSHoEeqs5C35K2UUqR7Fy");
		assertThat(ex.isRetryable()).isTrue();
	}

	@Test
	void errorAsStringIsTheMessage() {
		MuleRunApiException ex = ApiErrors.create(404, HttpHeaders.EMPTY, bytes("{\"error\":\"Model not found\"}"));

		assertThat(ex).isExactlyInstanceOf(MuleRunNotFoundException.class);
		assertThat(ex.providerMessage()).isEqualTo("Model not found");
		assertThat(ex.getMessage()).isEqualTo("HTTP 404: Model not found");
	}

	@Test
	void vllmTopLevelErrorWithErrorStatus() {
		byte[] body = bytes("{\"object\":\"error\",\"message\":\"max_tokens must be at least 1, got 0.\","
				+ "\"type\":\"BadRequestError\",\"param\":\"max_tokens\",\"code\":400}");

		MuleRunApiException ex = ApiErrors.create(400, HttpHeaders.EMPTY, body);

		assertThat(ex).isExactlyInstanceOf(MuleRunBadRequestException.class);
		assertThat(ex.errorParam()).isEqualTo("max_tokens");
		assertThat(ex.errorCode()).isEqualTo("400");
		assertThat(ex.getMessage()).isEqualTo("HTTP 400 (BadRequestError): max_tokens must be at least 1, got 0.");
	}

	@Test
	void azureInnerErrorAloneMarksContentFilter() {
		byte[] body = bytes("{\"error\":{\"message\":\"blocked\",\"code\":\"bad_request\","
				+ "\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}");

		MuleRunApiException ex = ApiErrors.create(400, HttpHeaders.EMPTY, body);

		assertThat(ex).isExactlyInstanceOf(MuleRunContentFilterException.class);
		assertThat(ex.errorDetails()).containsKey("innererror");
	}

	@Test
	void bodyTypeNeverOverridesTheStatus() {
		byte[] body = bytes("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}");

		MuleRunApiException ex = ApiErrors.create(400, HttpHeaders.EMPTY, body);

		assertThat(ex).isExactlyInstanceOf(MuleRunBadRequestException.class);
		assertThat(ex.isRetryable()).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "400, MuleRunBadRequestException, false", "401, MuleRunAuthenticationException, false",
			"403, MuleRunPermissionDeniedException, false", "404, MuleRunNotFoundException, false",
			"408, MuleRunServerTimeoutException, true", "409, MuleRunConflictException, true",
			"413, MuleRunUnexpectedStatusException, false", "422, MuleRunUnprocessableEntityException, false",
			"429, MuleRunRateLimitException, true", "500, MuleRunServerException, true",
			"529, MuleRunServerException, true", "302, MuleRunUnexpectedStatusException, false" })
	void statusSelectsClassAndRetryability(int status, String simpleName, boolean retryable) {
		MuleRunApiException ex = ApiErrors.create(status, HttpHeaders.EMPTY,
				bytes("{\"error\":{\"message\":\"m\",\"type\":\"t\"}}"));

		assertThat(ex.getClass().getSimpleName()).isEqualTo(simpleName);
		assertThat(ex.statusCode()).isEqualTo(status);
		assertThat(ex.isRetryable()).isEqualTo(retryable);
		if (status == 422) {
			assertThat(ex).isInstanceOf(MuleRunBadRequestException.class);
		}
	}

	// --- headers
	// -------------------------------------------------------------------------------------------

	@Test
	void shouldRetryTrueMakesAnyStatusRetryable() {
		MuleRunApiException ex = ApiErrors.create(400, headers("x-should-retry", "true"), bytes("{}"));

		assertThat(ex.shouldRetryHeader()).isTrue();
		assertThat(ex.isRetryable()).isTrue();
	}

	@Test
	void shouldRetryFalseMakesServerErrorNotRetryable() {
		MuleRunApiException ex = ApiErrors.create(503, headers("X-Should-Retry", "false"), bytes("{}"));

		assertThat(ex.shouldRetryHeader()).isFalse();
		assertThat(ex.isRetryable()).isFalse();
	}

	@Test
	void shouldRetryTrueNeverMakesQuotaRetryable() {
		MuleRunApiException ex = ApiErrors.create(429, headers("x-should-retry", "true"),
				fixture("openai-429-insufficient-quota.json"));

		assertThat(ex).isInstanceOf(MuleRunQuotaExceededException.class);
		assertThat(ex.isRetryable()).isFalse();
	}

	@Test
	void shouldRetryHeaderIsNullWhenAbsent() {
		assertThat(ApiErrors.create(500, HttpHeaders.EMPTY, bytes("")).shouldRetryHeader()).isNull();
	}

	@Test
	void retryAfterAsHttpDateIsRelativeToNow() {
		Instant now = Instant.parse("2025-10-30T16:05:00Z");
		Clock clock = Clock.fixed(now, ZoneOffset.UTC);
		String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atOffset(ZoneOffset.UTC));
		String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(30).atOffset(ZoneOffset.UTC));

		assertThat(ApiErrors.create(503, headers("Retry-After", in30s), bytes(""), clock).retryAfter())
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(ApiErrors.create(503, headers("Retry-After", past), bytes(""), clock).retryAfter())
			.isEqualTo(Duration.ZERO);
	}

	@Test
	void retryAfterAcceptsDecimalSecondsAndClampsNegatives() {
		assertThat(ApiErrors.create(429, headers("retry-after", "1.5"), bytes("")).retryAfter())
			.isEqualTo(Duration.ofMillis(1500));
		assertThat(ApiErrors.create(429, headers("retry-after", "-2"), bytes("")).retryAfter())
			.isEqualTo(Duration.ZERO);
		assertThat(ApiErrors.create(429, headers("retry-after", "soon"), bytes("")).retryAfter()).isNull();
	}

	@Test
	void retryAfterMsTakesPrecedence() {
		HttpHeaders headers = headers("retry-after", "10");
		headers.add("retry-after-ms", "250");
		assertThat(ApiErrors.create(429, headers, bytes("")).retryAfter()).isEqualTo(Duration.ofMillis(250));

		HttpHeaders azure = headers("retry-after", "10");
		azure.add("x-ms-retry-after-ms", "1200.5");
		assertThat(ApiErrors.create(429, azure, bytes("")).retryAfter()).isEqualTo(Duration.ofNanos(1_200_500_000L));
	}

	@Test
	void retryAfterHeaderWinsOverBodyHint() {
		MuleRunApiException ex = ApiErrors.create(429, headers("retry-after", "3"),
				fixture("openai-429-rate-limit.json"));

		assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(3));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "Please try again in 3.152s. Visit the docs.|3152", "Rate limited, retry after 8 seconds|8000",
					"Please try again in 20ms.|20", "Limit reached. Please try again in 1m30s.|90000",
					"Try again in 2 minutes|120000" })
	void retryAfterFallsBackToProseInTheMessage(String message, long millis) {
		byte[] body = bytes("{\"error\":{\"message\":\"" + message + "\",\"code\":\"rate_limit_exceeded\"}}");

		assertThat(ApiErrors.create(429, HttpHeaders.EMPTY, body).retryAfter()).isEqualTo(Duration.ofMillis(millis));
	}

	@Test
	void retryAfterFallsBackToGoogleRetryInfo() {
		byte[] body = bytes("[{\"error\":{\"code\":429,\"message\":\"Resource exhausted.\",\"status\":"
				+ "\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\"},"
				+ "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"35s\"}]}}]");

		MuleRunApiException ex = ApiErrors.create(429, HttpHeaders.EMPTY, body);

		assertThat(ex).isExactlyInstanceOf(MuleRunRateLimitException.class);
		assertThat(ex.errorType()).isEqualTo("RESOURCE_EXHAUSTED");
		assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(35));
		assertThat(ex.errorDetails()).containsKeys("status", "details");
	}

	@Test
	void requestIdHeadersArePreferredInOrderOverTheBody() {
		byte[] body = bytes("{\"error\":{\"message\":\"m\"},\"request_id\":\"from-body\"}");
		HttpHeaders all = headers("apim-request-id", "apim");
		all.add("request-id", "plain");
		all.add("X-Request-ID", "x");

		assertThat(ApiErrors.create(500, all, body).requestId()).isEqualTo("x");
		assertThat(ApiErrors.create(500, headers("apim-request-id", "apim"), body).requestId()).isEqualTo("apim");
		assertThat(ApiErrors.create(500, HttpHeaders.EMPTY, body).requestId()).isEqualTo("from-body");
	}

	@Test
	void generationIdAndCfRayStayAvailableInHeaders() {
		HttpHeaders headers = headers("X-Generation-Id", "gen-123");
		headers.add("CF-Ray", "9a2b-FRA");

		MuleRunApiException ex = ApiErrors.create(500, headers, bytes(""));

		assertThat(ex.responseHeaders()).containsEntry("x-generation-id", List.of("gen-123"))
			.containsEntry("cf-ray", List.of("9a2b-FRA"));
	}

	@Test
	void credentialHeadersAreRedactedInHeadersAndNeverPrinted() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Authorization", "Bearer sk-proj-AbCdEfGhIjKlMnOpQrStUvWx1234");
		headers.add("api-key", "azure-secret-key-0001");
		headers.add("X-Api-Key", "sk-ant-api03-secretsecretsecret");
		headers.add("Cookie", "session=s3cr3t");
		headers.add("Set-Cookie", "__cf_bm=abc; path=/");
		headers.add("Proxy-Authorization", "Basic dXNlcjpwYXNzd29yZA==");
		headers.add("Content-Type", "application/json");
		byte[] body = bytes(
				"{\"error\":{\"message\":\"Bad header Authorization: Bearer sk-proj-AbCdEfGhIjKlMnOpQrStUvWx1234"
						+ " and api_key=azure-secret-key-0001\"}}");

		MuleRunApiException ex = ApiErrors.create(401, headers, body);

		assertThat(ex.responseHeaders()).containsOnly(entry("authorization", List.of("[redacted]")),
				entry("api-key", List.of("[redacted]")), entry("x-api-key", List.of("[redacted]")),
				entry("cookie", List.of("[redacted]")), entry("set-cookie", List.of("[redacted]")),
				entry("proxy-authorization", List.of("[redacted]")),
				entry("content-type", List.of("application/json")));
		assertThat(List.of(ex.toString(), ex.getMessage(), ex.responseBody(), String.valueOf(ex.providerMessage())))
			.allSatisfy((text) -> assertThat(text).doesNotContain("AbCdEfGhIjKl", "azure-secret-key-0001",
					"secretsecret", "s3cr3t", "dXNlcjpw"));
		assertThat(ex.getMessage()).contains("Bearer [redacted]");
	}

	@Test
	void responseHeadersAreImmutable() {
		MuleRunApiException ex = ApiErrors.create(500, headers("a", "b"), bytes(""));

		assertThat(ex.responseHeaders()).isUnmodifiable();
		assertThat(ex.errorDetails()).isUnmodifiable();
	}

	// --- raw bodies
	// ----------------------------------------------------------------------------------------

	@Test
	void plainTextBodyUsesItsFirstNonBlankLine() {
		byte[] body = bytes("\n\n  upstream connect error or disconnect/reset before headers. reset reason: overflow\n"
				+ "second line\n");

		MuleRunApiException ex = ApiErrors.create(503, headers("content-type", "text/plain"), body);

		assertThat(ex).isExactlyInstanceOf(MuleRunServerException.class);
		assertThat(ex.providerMessage())
			.isEqualTo("upstream connect error or disconnect/reset before headers. reset reason: overflow");
		assertThat(ex.getMessage())
			.isEqualTo("HTTP 503: upstream connect error or disconnect/reset before headers. reset reason: overflow");
		assertThat(ex.responseBody()).isEqualTo(new String(body, StandardCharsets.UTF_8));
		assertThat(ex.isRetryable()).isTrue();
	}

	@Test
	void emptyBodyStillGivesAMeaningfulMessage() {
		MuleRunApiException ex = ApiErrors.create(503, HttpHeaders.EMPTY, new byte[0]);

		assertThat(ex.getMessage()).isEqualTo("HTTP 503: Service Unavailable (empty body)");
		assertThat(ex.providerMessage()).isNull();
		assertThat(ex.responseBody()).isEmpty();
		assertThat(ex.errorType()).isNull();
		assertThat(ex.errorCode()).isNull();
	}

	@Test
	void jsonWithoutErrorShapeIsTreatedAsText() {
		MuleRunApiException ex = ApiErrors.create(500, HttpHeaders.EMPTY, bytes("{\"detail\":\"Internal failure\"}"));

		assertThat(ex.getMessage()).isEqualTo("HTTP 500: {\"detail\":\"Internal failure\"}");
	}

	@Test
	void largeBodyIsTruncatedToTwoKilobytesWithMarker() {
		String html = "<html><head><title>504 Gateway Time-out</title></head><body>" + "é".repeat(3000)
				+ "</body></html>";
		byte[] body = bytes(html);

		MuleRunApiException ex = ApiErrors.create(504, HttpHeaders.EMPTY, body);

		assertThat(ex.getMessage()).isEqualTo("HTTP 504: 504 Gateway Time-out");
		assertThat(ex.responseBody()).endsWith("…(truncated, " + body.length + " bytes)").doesNotContain("\uFFFD");
		String kept = ex.responseBody().substring(0, ex.responseBody().indexOf('…'));
		assertThat(kept.getBytes(StandardCharsets.UTF_8).length).isBetween(2047, 2048);
		assertThat(html).startsWith(kept);
	}

	// --- helpers
	// -------------------------------------------------------------------------------------------

	private static JsonNode expectations() {
		return readTree(new String(fixture("expectations.json"), StandardCharsets.UTF_8)).get("cases");
	}

	private static JsonNode readTree(String json) {
		return MAPPER.readTree(json);
	}

	private static byte[] fixture(String name) {
		try (InputStream in = ApiErrorsTests.class.getResourceAsStream("/corpus/" + name)) {
			assertThat(in).as("fixture %s", name).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpHeaders headers(JsonNode node) {
		HttpHeaders headers = new HttpHeaders();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			headers.add(entry.getKey(), entry.getValue().asString());
		}
		return headers;
	}

	private static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(name, value);
		return headers;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String nullableText(JsonNode node) {
		return (node == null || node.isNull()) ? null : node.asString();
	}

}
