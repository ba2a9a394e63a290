package com.mulerun.chat.structured;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionTemplate;
import com.mulerun.chat.ChatCompletionTemplateBuilder;
import com.mulerun.chat.RetrySettings;
import com.mulerun.chat.error.MuleRunStructuredOutputException;
import com.mulerun.chat.error.MuleRunStructuredOutputException.Reason;
import com.mulerun.chat.model.ChatCompletionRequest;
import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.ChatMessage;
import com.mulerun.chat.model.ChatModels;
import com.mulerun.chat.structured.SampleTypes.Circle;
import com.mulerun.chat.structured.SampleTypes.Drawing;
import com.mulerun.chat.structured.SampleTypes.LineItem;
import com.mulerun.chat.structured.SampleTypes.Mood;
import com.mulerun.chat.structured.SampleTypes.Order;
import com.mulerun.chat.structured.SampleTypes.Person;
import com.mulerun.chat.structured.SampleTypes.Priority;
import com.mulerun.chat.structured.SampleTypes.Square;
import io.micrometer.observation.tck.TestObservationRegistry;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of structured output through {@link ChatCompletionTemplate} against WireMock: the
 * exact request of each mode, parsing back, failures, repair and streaming.
 */
class StructuredOutputTemplateTests {

	private static final String PATH = "/v1/chat/completions";

	private static final JsonMapper MAPPER = ChatJson.mapper();

	private static final String PERSON_JSON = """
			{"name":"Ada Lovelace","age":36,"email":null,"nickname":"Ada","birthDate":"1815-12-10","tags":["math"]}""";

	private static final Person ADA = new Person("Ada Lovelace", 36, null, Optional.of("Ada"),
			LocalDate.of(1815, 12, 10), List.of("math"));

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private WireMockServer server;

	private ChatCompletionTemplate template;

	@BeforeEach
	void start() {
		this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		this.server.start();
		this.template = template(ChatCompletionTemplate.builder());
	}

	private ChatCompletionTemplate template(ChatCompletionTemplateBuilder builder) {
		return builder.baseUrl(this.server.baseUrl())
			.apiKey("sk-test-key-1234567890")
			.retrySettings(RetrySettings.none())
			.observationRegistry(this.registry)
			.build();
	}

	@AfterEach
	void stop() {
		this.template.close();
		this.server.stop();
	}

	// --- the request of each mode
	// -------------------------------------------------------------------------

	@Test
	void gptModelGetsAStrictJsonSchemaResponseFormatAndTheRestOfTheRequestUntouched() {
		answerWithContent(PERSON_JSON);
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model(ChatModels.GPT_5)
			.systemMessage("Extract people.")
			.userMessage("Ada Lovelace, born 1815-12-10")
			.temperature(0.2)
			.build();

		Person person = this.template.entity(request, Person.class);

		assertThat(person).isEqualTo(ADA);
		JsonNode body = onlyRequestBody();
		assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
		assertThat(body.get("messages")).hasSize(2);
		assertThat(body.get("messages").get(0).get("content").asString()).isEqualTo("Extract people.");
		assertThat(body.has("tools")).isFalse();
		JsonNode format = body.get("response_format");
		assertThat(format.get("type").asString()).isEqualTo("json_schema");
		assertThat(format.get("json_schema").get("name").asString()).isEqualTo("Person");
		assertThat(format.get("json_schema").get("strict").asBoolean()).isTrue();
		JsonNode schema = format.get("json_schema").get("schema");
		assertThat(schema).isEqualTo(MAPPER.valueToTree(new JsonSchemaGenerator(MAPPER).schemaFor(Person.class)));
		assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
		assertThat(schema.get("required").valueStream().map(JsonNode::asString)).containsExactly("name", "age", "email",
				"nickname", "birthDate", "tags");
	}

	@Test
	void geminiModelGetsTheJsonSchemaResponseFormatToo() {
		answerWithContent(PERSON_JSON);
		this.template.entity(
				ChatCompletionRequest.builder().model(ChatModels.GEMINI_2_5_FLASH).userMessage("Ada").build(),
				Person.class);
		assertThat(onlyRequestBody().get("response_format").get("type").asString()).isEqualTo("json_schema");
	}

	@Test
	void claudeModelGetsAForcedToolCallWhoseParametersAreTheSchemaAndTheArgumentsAreParsed() {
		answerWithToolCall("Person", PERSON_JSON);
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model(ChatModels.CLAUDE_SONNET_4_5)
			.userMessage("Ada Lovelace")
			.build();

		assertThat(this.template.entity(request, Person.class)).isEqualTo(ADA);

		JsonNode body = onlyRequestBody();
		assertThat(body.has("response_format")).isFalse();
		assertThat(body.get("tool_choice").get("type").asString()).isEqualTo("function");
		assertThat(body.get("tool_choice").get("function").get("name").asString()).isEqualTo("Person");
		assertThat(body.get("tools")).hasSize(1);
		JsonNode function = body.get("tools").get(0).get("function");
		assertThat(function.get("name").asString()).isEqualTo("Person");
		assertThat(function.get("parameters"))
			.isEqualTo(MAPPER.valueToTree(new JsonSchemaGenerator(MAPPER).schemaFor(Person.class)));
		assertThat(body.get("messages")).hasSize(1);
	}

	@Test
	void unknownModelGetsJsonModeWithTheSchemaInASystemMessageAndProseAroundAFencedBlockIsTolerated() {
		answerWithContent("Sure! Here is the JSON:\n```json\n" + PERSON_JSON + "\n```\nAnything else?");
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model("llama-3.3-70b")
			.userMessage("Ada")
			.build();

		assertThat(this.template.entity(request, Person.class)).isEqualTo(ADA);

		JsonNode body = onlyRequestBody();
		assertThat(body.get("response_format").get("type").asString()).isEqualTo("json_object");
		assertThat(body.get("messages")).hasSize(2);
		JsonNode system = body.get("messages").get(0);
		assertThat(system.get("role").asString()).isEqualTo("system");
		assertThat(system.get("content").asString()).startsWith(StructuredRequests.JSON_OBJECT_INSTRUCTIONS)
			.contains("\"birthDate\"")
			.contains("\"additionalProperties\":false");
		assertThat(body.get("messages").get(1).get("content").asString()).isEqualTo("Ada");
	}

	@Test
	void templateModeAppliesToEveryCallAndACallOptionOverridesIt() {
		this.template.close();
		this.template = template(
				ChatCompletionTemplate.builder().structuredOutputMode(StructuredOutputMode.JSON_OBJECT));
		answerWithContent(PERSON_JSON);
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model(ChatModels.GPT_5)
			.userMessage("Ada")
			.build();

		this.template.entity(request, Person.class);
		assertThat(onlyRequestBody().get("response_format").get("type").asString()).isEqualTo("json_object");

		this.server.resetRequests();
		answerWithToolCall("Person", PERSON_JSON);
		this.template.entity(request, Person.class,
				CallOptions.builder().structuredOutputMode(StructuredOutputMode.TOOL_CALL).build());
		assertThat(onlyRequestBody().get("tool_choice").get("function").get("name").asString()).isEqualTo("Person");
	}

	// --- parsing back
	// --------------------------------------------------------------------------------------

	@Test
	void genericListIsAskedForWrappedInAnObjectAndUnwrapped() {
		answerWithContent(
				"{\"items\":[" + PERSON_JSON + "," + PERSON_JSON.replace("Ada Lovelace", "Grace Hopper") + "]}");

		List<Person> people = this.template.entity(REQUEST, new ParameterizedTypeReference<List<Person>>() {
		});

		assertThat(people).extracting(Person::name).containsExactly("Ada Lovelace", "Grace Hopper");
		JsonNode jsonSchema = onlyRequestBody().get("response_format").get("json_schema");
		assertThat(jsonSchema.get("name").asString()).isEqualTo("List_Person");
		assertThat(jsonSchema.get("schema").get("required").get(0).asString()).isEqualTo("items");
	}

	@Test
	void enumIsAskedForWrappedAsAValueAndReadByItsJsonName() {
		answerWithContent("{\"value\":\"so-so\"}");
		assertThat(this.template.entity(REQUEST, Mood.class)).isEqualTo(Mood.NEUTRAL);
	}

	@Test
	void nestedListsMapsEnumsTimesAndNullsAreParsed() {
		answerWithContent("""
				{"order_id":"A-1","items":[{"sku":"X","quantity":2,"price":9.5}],
				 "stock":[{"key":"X","value":7},{"key":"Y","value":0}],"priorities":["high"],
				 "createdAt":"2025-01-31T12:45:00Z","deliveryWindow":"PT1H30M",
				 "trackingId":"123e4567-e89b-12d3-a456-426614174000","giftWrap":null}""");

		Order order = this.template.entity(REQUEST, Order.class);

		assertThat(order).isEqualTo(new Order("A-1", List.of(new LineItem("X", 2, 9.5)), Map.of("X", 7, "Y", 0),
				Set.of(Priority.HIGH), Instant.parse("2025-01-31T12:45:00Z"), Duration.ofMinutes(90),
				UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), null));
	}

	@Test
	void polymorphicElementsAreReadByTheirTypeProperty() {
		answerWithContent(
				"{\"title\":\"t\",\"shapes\":[{\"radius\":1.0,\"kind\":\"circle\"},{\"kind\":\"square\",\"side\":2.0}]}");
		assertThat(this.template.entity(REQUEST, Drawing.class))
			.isEqualTo(new Drawing("t", List.of(new Circle(1.0), new Square(2.0))));
	}

	@Test
	void createEntityGivesTheCompletionWithItsUsage() {
		answerWithContent(PERSON_JSON);
		ChatEntity<Person> entity = this.template.createEntity(REQUEST, Person.class);
		assertThat(entity.value()).isEqualTo(ADA);
		assertThat(entity.completion().id()).isEqualTo("chatcmpl-1");
		assertThat(entity.completion().usage().totalTokens()).isEqualTo(30);
	}

	@Test
	void promptConvenienceUsesTheDefaultModel() {
		answerWithContent(PERSON_JSON);
		assertThat(this.template.entity("Who was Ada Lovelace?", Person.class)).isEqualTo(ADA);
		JsonNode body = onlyRequestBody();
		assertThat(body.get("model").asString()).isEqualTo(ChatCompletionTemplate.DEFAULT_MODEL);
		assertThat(body.get("response_format").get("type").asString()).isEqualTo("json_schema");
	}

	@Test
	void entityMonoSendsNothingUntilSubscribed() {
		answerWithContent(PERSON_JSON);
		var mono = this.template.entityMono(REQUEST, Person.class);
		assertThat(this.server.getAllServeEvents()).isEmpty();
		StepVerifier.create(mono).expectNext(ADA).expectComplete().verify(Duration.ofSeconds(10));
	}

	// --- failures
	// --------------------------------------------------------------------------------------------

	@Test
	void refusalFailsAtOnceSayingSo() {
		stubAnswer(completionJson("{\"role\":\"assistant\",\"content\":null,\"refusal\":\"I can't help with that.\"}",
				"stop"));
		this.template.close();
		this.template = template(ChatCompletionTemplate.builder().structuredOutputRepairAttempts(3));

		assertThatExceptionOfType(MuleRunStructuredOutputException.class)
			.isThrownBy(() -> this.template.entity(REQUEST, Person.class))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(Reason.REFUSAL);
				assertThat(ex.getMessage()).contains("refused").contains("I can't help with that.");
				assertThat(ex.completion()).isNotNull();
			});
		this.server.verify(1, postRequestedFor(urlEqualTo(PATH)));
	}

	@Test
	void truncatedJsonWithFinishReasonLengthFailsSayingItWasCutOff() {
		String truncated = "{\"name\":\"Ada Lovelace\",\"age\":3";
		stubAnswer(completionJson(message(truncated), "length"));

		assertThatExceptionOfType(MuleRunStructuredOutputException.class)
			.isThrownBy(() -> this.template.entity(REQUEST, Person.class))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(Reason.LENGTH);
				assertThat(ex.getMessage()).contains("cut off").contains("max_completion_tokens");
				assertThat(ex.rawContent()).isEqualTo(truncated);
			});
	}

	@Test
	void contentFilterFailsSayingSo() {
		stubAnswer(completionJson(message(""), "content_filter"));
		assertThatExceptionOfType(MuleRunStructuredOutputException.class)
			.isThrownBy(() -> this.template.entity(REQUEST, Person.class))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(Reason.CONTENT_FILTER);
				assertThat(ex.getMessage()).contains("content filter");
			});
	}

	@Test
	void wrongTypeFailsNamingTheProperty() {
		String wrong = PERSON_JSON.replace("\"age\":36", "\"age\":\"thirty-six\"");
		answerWithContent(wrong);
		assertThatExceptionOfType(MuleRunStructuredOutputException.class)
			.isThrownBy(() -> this.template.entity(REQUEST, Person.class))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(Reason.INVALID);
				assertThat(ex.getMessage()).contains("not a valid Person").contains("property '$.age'");
				assertThat(ex.rawContent()).isEqualTo(wrong);
				assertThat(ex.completion().id()).isEqualTo("chatcmpl-1");
			});
	}

	@Test
	void wrongTypeInsideAListNamesTheElement() {
		answerWithContent(
				"{\"items\":[{\"sku\":\"X\",\"quantity\":1,\"price\":1},{\"sku\":\"Y\",\"quantity\":[],\"price\":1}]}");
		assertThatExceptionOfType(MuleRunStructuredOutputException.class)
			.isThrownBy(() -> this.template.entity(REQUEST, new ParameterizedTypeReference<List<LineItem>>() {
			}))
			.withMessageContaining("property '$[1].quantity'");
	}

	@Test
	void proseAroundTheJsonFailsInStrictModeWhereItCannotHappen() {
		answerWithContent("Here you go: " + PERSON_JSON);
		assertThatExceptionOfType(MuleRunStructuredOutputException.class)
			.isThrownBy(() -> this.template.entity(REQUEST, Person.class))
			.withMessageContaining("not valid JSON");
	}

	@Test
	void beanValidationViolationFailsListingTheViolations() {
		answerWithContent("{\"title\":\" \",\"pages\":-3}");
		assertThatExceptionOfType(MuleRunStructuredOutputException.class)
			.isThrownBy(() -> this.template.entity(REQUEST, Book.class))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(Reason.INVALID);
				assertThat(ex.getMessage()).contains("breaks 2 constraints")
					.contains("pages: must be greater than 0")
					.contains("title: must not be blank");
			});
	}

	// --- repair
	// ----------------------------------------------------------------------------------------------

	@Test
	void repairSendsTheErrorBackAndSucceedsOnTheSecondAttempt() {
		this.template.close();
		this.template = template(ChatCompletionTemplate.builder().structuredOutputRepairAttempts(3));
		String bad = PERSON_JSON.replace("\"age\":36", "\"age\":\"old\"");
		this.server.stubFor(post(PATH).inScenario("repair")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(json(completionJson(message(bad), "stop")))
			.willSetStateTo("second"));
		this.server.stubFor(post(PATH).inScenario("repair")
			.whenScenarioStateIs("second")
			.willReturn(json(completionJson(message(PERSON_JSON), "stop"))));

		assertThat(this.template.entity(REQUEST, Person.class)).isEqualTo(ADA);

		List<JsonNode> bodies = requestBodies();
		assertThat(bodies).hasSize(2);
		JsonNode messages = bodies.get(1).get("messages");
		assertThat(messages).hasSize(3);
		assertThat(messages.get(1).get("role").asString()).isEqualTo("assistant");
		assertThat(messages.get(1).get("content").asString()).isEqualTo(bad);
		assertThat(messages.get(2).get("role").asString()).isEqualTo("user");
		assertThat(messages.get(2).get("content").asString()).contains("property '$.age'");
		assertThat(bodies.get(1).get("response_format")).isEqualTo(bodies.get(0).get("response_format"));
		assertThat(this.registry).hasObservationWithNameEqualTo("mulerun.structured.output")
			.that()
			.hasHighCardinalityKeyValue("mulerun.structured.repair_attempts", "1")
			.hasEvent(StructuredOutputObservationDocumentation.Events.REPAIR.getName());
	}

	@Test
	void repairThatNeverSucceedsSendsOneRequestPerAttemptPlusTheFirstAndFails() {
		answerWithContent("{\"name\":\"Ada\"");
		assertThatExceptionOfType(MuleRunStructuredOutputException.class)
			.isThrownBy(() -> this.template.entity(REQUEST, Person.class,
					CallOptions.builder().structuredOutputRepairAttempts(2).build()))
			.withMessageContaining("after 2 repair attempts");
		this.server.verify(3, postRequestedFor(urlEqualTo(PATH)));
	}

	@Test
	void noRepairByDefault() {
		answerWithContent("not json");
		assertThatExceptionOfType(MuleRunStructuredOutputException.class)
			.isThrownBy(() -> this.template.entity(REQUEST, Person.class));
		this.server.verify(1, postRequestedFor(urlEqualTo(PATH)));
	}

	@Test
	void toolCallRepairAnswersTheFailedCallWithAToolMessage() {
		this.server.stubFor(post(PATH).inScenario("tool")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(json(toolCallCompletion("Person", "{\"name\":\"Ada\"}")))
			.willSetStateTo("second"));
		this.server.stubFor(post(PATH).inScenario("tool")
			.whenScenarioStateIs("second")
			.willReturn(json(toolCallCompletion("Person", PERSON_JSON))));
		ChatCompletionRequest request = ChatCompletionRequest.builder()
			.model(ChatModels.CLAUDE_OPUS_4_1)
			.userMessage("Ada")
			.build();

		Person person = this.template.entity(request, Person.class,
				CallOptions.builder().structuredOutputRepairAttempts(1).build());

		assertThat(person).isEqualTo(ADA);
		JsonNode messages = requestBodies().get(1).get("messages");
		assertThat(messages).hasSize(3);
		assertThat(messages.get(1).get("tool_calls").get(0).get("id").asString()).isEqualTo("call_1");
		assertThat(messages.get(2).get("role").asString()).isEqualTo("tool");
		assertThat(messages.get(2).get("tool_call_id").asString()).isEqualTo("call_1");
		assertThat(messages.get(2).get("content").asString()).contains("Call Person again").contains("age");
	}

	// --- observation
	// -----------------------------------------------------------------------------------------

	@Test
	void observationCarriesTheTypeAndTheModeAndParentsTheChatCall() {
		answerWithToolCall("Person", PERSON_JSON);
		this.template.entity(
				ChatCompletionRequest.builder().model(ChatModels.CLAUDE_SONNET_4_0).userMessage("Ada").build(),
				Person.class);
		assertThat(this.registry).hasObservationWithNameEqualTo("mulerun.structured.output")
			.that()
			.hasLowCardinalityKeyValue("mulerun.structured.type", "Person")
			.hasLowCardinalityKeyValue("mulerun.structured.mode", "tool_call")
			.hasLowCardinalityKeyValue("mulerun.structured.stream", "false")
			.hasContextualNameEqualTo("structured Person")
			.doesNotHaveEvent(StructuredOutputObservationDocumentation.Events.REPAIR.getName())
			.hasBeenStopped();
		assertThat(this.registry).hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasParentObservationContextMatching(
					(parent) -> parent instanceof StructuredOutputObservationContext context
							&& context.getTypeName().equals("Person"));
	}

	// --- streaming
	// -------------------------------------------------------------------------------------------

	@Test
	void streamEntitiesEmitsEachElementWhereBoundariesFallMidChunk() {
		String sse = sse("{\"items\":[{\"sku\":\"A\",\"quan", "tity\":1,\"price\":1.5},{\"sku\":\"B\",",
				"\"quantity\":2,\"price\":2.5}", ",{\"sku\":\"C\",\"quantity\":3,\"price\":3.5}]", "}")
				+ finish("stop");
		this.server.stubFor(post(PATH).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody(sse)
			.withChunkedDribbleDelay(7, 70)));

		StepVerifier.create(this.template.streamEntities(REQUEST, LineItem.class))
			.expectNext(new LineItem("A", 1, 1.5), new LineItem("B", 2, 2.5), new LineItem("C", 3, 3.5))
			.expectComplete()
			.verify(Duration.ofSeconds(10));

		JsonNode body = onlyRequestBody();
		assertThat(body.get("stream").asBoolean()).isTrue();
		assertThat(body.get("response_format").get("json_schema").get("name").asString()).isEqualTo("List_LineItem");
		assertThat(this.registry).hasObservationWithNameEqualTo("mulerun.structured.output")
			.that()
			.hasLowCardinalityKeyValue("mulerun.structured.stream", "true")
			.hasLowCardinalityKeyValue("mulerun.structured.type", "List<LineItem>");
	}

	@Test
	void streamEntitiesEmitsTheCompleteElementsThenFailsWhenCutOff() {
		String sse = sse("{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"price\":1.5},{\"sku\":\"B\",\"qu")
				+ finish("length");
		this.server
			.stubFor(post(PATH).willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse)));

		StepVerifier.create(this.template.streamEntities(REQUEST, LineItem.class))
			.expectNext(new LineItem("A", 1, 1.5))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MuleRunStructuredOutputException.class)
				.extracting((error) -> ((MuleRunStructuredOutputException) error).reason())
				.isEqualTo(Reason.LENGTH))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void streamEntitiesFailsOnAnInvalidElementAfterTheValidOnes() {
		String sse = sse(
				"{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"price\":1.5},{\"sku\":\"B\",\"quantity\":\"x\",\"price\":1}]}")
				+ finish("stop");
		this.server
			.stubFor(post(PATH).willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse)));

		StepVerifier.create(this.template.streamEntities(REQUEST, LineItem.class))
			.expectNext(new LineItem("A", 1, 1.5))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(MuleRunStructuredOutputException.class)
				.hasMessageContaining("property '$[1].quantity'"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void streamEntitiesReadsTheForcedToolCallArgumentsForClaude() {
		String sse = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,"
				+ "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"List_LineItem\",\"arguments\":\"\"}}]}}]}\n\n"
				+ toolArguments("{\"items\":[{\"sku\":\"A\",\"quantity\":1,") + toolArguments("\"price\":1.5}]}")
				+ finish("tool_calls");
		this.server
			.stubFor(post(PATH).willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse)));

		StepVerifier
			.create(this.template.streamEntities(
					ChatCompletionRequest.builder().model(ChatModels.CLAUDE_SONNET_4_5).userMessage("list").build(),
					LineItem.class))
			.expectNext(new LineItem("A", 1, 1.5))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(onlyRequestBody().get("tool_choice").get("function").get("name").asString())
			.isEqualTo("List_LineItem");
	}

	// --- helpers
	// ---------------------------------------------------------------------------------------------

	private static final ChatCompletionRequest REQUEST = ChatCompletionRequest.builder()
		.model(ChatModels.GPT_5_MINI)
		.message(ChatMessage.user("Extract it."))
		.build();

	/**
	 * A record with Bean Validation constraints.
	 */
	record Book(@NotBlank String title, @Positive int pages) {
	}

	private void answerWithContent(String content) {
		stubAnswer(completionJson(message(content), "stop"));
	}

	private void answerWithToolCall(String name, String arguments) {
		stubAnswer(toolCallCompletion(name, arguments));
	}

	private void stubAnswer(String completion) {
		this.server.stubFor(post(PATH).willReturn(json(completion)));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withHeader("Content-Type", "application/json").withBody(body);
	}

	private static String message(String content) {
		return "{\"role\":\"assistant\",\"content\":" + MAPPER.writeValueAsString(content) + "}";
	}

	private static String toolCallCompletion(String name, String arguments) {
		return completionJson(
				"{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
						+ "\"function\":{\"name\":\"" + name + "\",\"arguments\":"
						+ MAPPER.writeValueAsString(arguments) + "}}]}",
				"tool_calls");
	}

	private static String completionJson(String message, String finishReason) {
		return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-5\",\"choices\":[{\"index\":0,"
				+ "\"message\":" + message + ",\"finish_reason\":\"" + finishReason + "\"}],"
				+ "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}";
	}

	private static String sse(String... contents) {
		StringBuilder body = new StringBuilder();
		for (String content : contents) {
			body.append("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":")
				.append(MAPPER.writeValueAsString(content))
				.append("}}]}\n\n");
		}
		return body.toString();
	}

	private static String toolArguments(String arguments) {
		return "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
				+ MAPPER.writeValueAsString(arguments) + "}}]}}]}\n\n";
	}

	private static String finish(String reason) {
		return "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}\n\n"
				+ "data: [DONE]\n\n";
	}

	private List<JsonNode> requestBodies() {
		return this.server.findAll(postRequestedFor(urlEqualTo(PATH)))
			.stream()
			.map((request) -> MAPPER.readTree(request.getBodyAsString()))
			.toList();
	}

	private JsonNode onlyRequestBody() {
		List<JsonNode> bodies = requestBodies();
		assertThat(bodies).hasSize(1);
		return bodies.get(0);
	}

}
