package com.mulerun.chat.tool;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.mulerun.chat.model.ChatJson;
import com.mulerun.chat.model.FunctionTool;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ChatTools}: tools read from annotated methods and lambdas, their names
 * checked at build time, their parameter schemas, and how arguments bind.
 */
class ChatToolsTests {

	@Test
	void annotatedMethodsBecomeToolsNamedAfterTheMethodUnlessTheAnnotationNamesThem() {
		ChatTools tools = ChatTools.from(new TravelTools());

		assertThat(tools.names()).containsExactly("book_trip", "distance");
		FunctionTool distance = (FunctionTool) tools.definitions().get(1);
		assertThat(distance.function().description()).isEqualTo("The distance between two cities in km");
	}

	@Test
	void parametersBecomeAnObjectSchemaWithDescriptionsAndOptionalParametersAsNullable() {
		JsonNode schema = schema(ChatTools.from(new TravelTools()), 1);

		assertThat(schema.get("type").asString()).isEqualTo("object");
		assertThat(schema.get("properties").propertyNames()).containsExactly("from", "to", "unit");
		assertThat(schema.get("properties").get("from").get("description").asString()).isEqualTo("Departure city");
		assertThat(schema.get("properties").get("unit").toString()).contains("null");
		assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
	}

	@Test
	void aRecordParameterBecomesANestedObjectAndTheInvocationParameterIsNotAdvertised() {
		JsonNode schema = schema(ChatTools.from(new TravelTools()), 0);

		assertThat(schema.get("properties").propertyNames()).containsExactly("trip");
		JsonNode trip = schema.get("properties").get("trip");
		assertThat(trip.toString()).contains("\"city\"").contains("\"nights\"");
	}

	@Test
	void aLambdaToolTakesTheComponentsOfItsInputRecordAsParameters() {
		ChatTools tools = ChatTools.builder()
			.tool("convert", "Celsius to Fahrenheit", Celsius.class, (input) -> input.celsius() * 9 / 5 + 32)
			.build();

		JsonNode schema = schema(tools, 0);
		assertThat(schema.get("properties").propertyNames()).containsExactly("celsius");
		assertThat(schema.get("properties").get("celsius").get("description").asString()).isEqualTo("Degrees Celsius");
	}

	@Test
	void argumentsBindToTheParametersAndOptionalOnesMayBeLeftOut() {
		ChatTools tools = ChatTools.from(new TravelTools());

		Object result = tools.handler("distance")
			.call(new ToolInvocation("distance", "c1", "{\"from\":\"Paris\",\"to\":\"Rome\"}", 1))
			.orElseThrow();

		assertThat(result).isEqualTo("Paris-Rome: 1420 km");
	}

	@Test
	void aRecordArgumentAndTheInvocationAreBound() {
		ChatTools tools = ChatTools.from(new TravelTools());

		Object result = tools.handler("book_trip")
			.call(new ToolInvocation("book_trip", "c7", "{\"trip\":{\"city\":\"Oslo\",\"nights\":3}}", 2))
			.orElseThrow();

		assertThat(result).isEqualTo(new Booking("Oslo", 3, "c7"));
		assertThat(tools.handler("book_trip").content(result).block(Duration.ofSeconds(5)))
			.isEqualTo("{\"city\":\"Oslo\",\"nights\":3,\"reference\":\"c7\"}");
	}

	@Test
	void aMapParameterIsAdvertisedAsEntriesAndBindsFromEntriesOrAnObject() {
		ChatTools tools = ChatTools.from(new StockTools());

		assertThat(schema(tools, 0).get("properties").get("counts").get("type").asString()).isEqualTo("array");
		ToolHandler handler = tools.handler("restock");
		assertThat(handler.call(new ToolInvocation("restock", "c1",
				"{\"counts\":[{\"key\":\"apples\",\"value\":3},{\"key\":\"pears\",\"value\":2}]}", 1)))
			.contains("apples=3, pears=2");
		assertThat(handler.call(new ToolInvocation("restock", "c2", "{\"counts\":{\"plums\":1}}", 1)))
			.contains("plums=1");
	}

	@Test
	void toolsOfASpringProxyAreReadFromTheTargetClassAndInvokedThroughTheProxy() {
		ProxyFactory factory = new ProxyFactory(new TravelTools());
		factory.setProxyTargetClass(true);

		ChatTools tools = ChatTools.from(factory.getProxy());

		assertThat(tools.names()).containsExactly("book_trip", "distance");
		assertThat(tools.handler("distance")
			.call(new ToolInvocation("distance", "c1", "{\"from\":\"A\",\"to\":\"B\"}", 1))).contains("A-B: 1420 km");
	}

	@Test
	void aReactiveMethodIsRecognised() {
		ChatTools tools = ChatTools.from(new ReactiveTools());

		assertThat(tools.handler("ping").isReactive()).isTrue();
		assertThat(ChatTools.from(new TravelTools()).handler("distance").isReactive()).isFalse();
	}

	@Test
	void invalidAndDuplicateNamesAreAllReportedAtBuildTime() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatTools.builder()
				.tools(new TravelTools())
				.tool("get weather", "Spaces are not allowed", () -> "")
				.tool("distance", "Taken", () -> "")
				.tool("x".repeat(65), "Too long", () -> "")
				.build())
			.withMessageContaining("tool name 'get weather' must match ^[a-zA-Z0-9_-]{1,64}$")
			.withMessageContaining("tool name 'distance' is used by more than one tool")
			.withMessageContaining("tool name '" + "x".repeat(65) + "' must match");
	}

	@Test
	void anObjectWithoutToolMethodsIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChatTools.from(new Object()))
			.withMessage("Invalid tools: java.lang.Object has no method annotated with @ChatTool");
	}

	@Test
	void settingsAreCheckedAndKeptByMutate() {
		ChatTools tools = ChatTools.builder()
			.tools(new TravelTools())
			.timeout(Duration.ofSeconds(5))
			.maxConcurrency(2)
			.failurePolicy(ToolFailurePolicy.RETHROW)
			.build();

		ChatTools copy = tools.mutate().tool("now", "The time", () -> "noon").build();

		assertThat(copy.names()).containsExactly("book_trip", "distance", "now");
		assertThat(copy.timeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(copy.maxConcurrency()).isEqualTo(2);
		assertThat(copy.failurePolicy()).isEqualTo(ToolFailurePolicy.RETHROW);
		assertThat(tools.names()).containsExactly("book_trip", "distance");
		assertThatIllegalArgumentException().isThrownBy(() -> ChatTools.builder().maxConcurrency(0))
			.withMessage("maxConcurrency must be at least 1 (was 0)");
		assertThatIllegalArgumentException().isThrownBy(() -> ChatTools.builder().timeout(Duration.ZERO))
			.withMessage("timeout must be positive (was PT0S)");
		assertThat(tools.mutate().timeout("distance", Duration.ofSeconds(1)).build().timeout("distance"))
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(copy.timeout("distance")).isEqualTo(Duration.ofSeconds(5));
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> ChatTools.builder().tools(new TravelTools()).timeout("nope", Duration.ofSeconds(1)).build())
			.withMessage("Invalid tools: a timeout is set for tool 'nope', which does not exist");
	}

	@Test
	void noneHasNoTools() {
		assertThat(ChatTools.none().isEmpty()).isTrue();
		assertThat(ChatTools.none().definitions()).isEmpty();
	}

	private static JsonNode schema(ChatTools tools, int index) {
		Map<String, Object> parameters = ((FunctionTool) tools.definitions().get(index)).function().parameters();
		return ChatJson.mapper().valueToTree(parameters);
	}

	record Trip(String city, int nights) {
	}

	record Booking(String city, int nights, String reference) {
	}

	record Celsius(@ChatToolParam(description = "Degrees Celsius") double celsius) {
	}

	static class TravelTools {

		@ChatTool(description = "The distance between two cities in km")
		public String distance(@ChatToolParam(description = "Departure city") String from, String to,
				@ChatToolParam(description = "km or mi", required = false) String unit) {
			return from + "-" + to + ": 1420 " + ((unit != null) ? unit : "km");
		}

		@ChatTool(name = "book_trip", description = "Books a trip")
		public Booking book(Trip trip, ToolInvocation invocation) {
			return new Booking(trip.city(), trip.nights(), invocation.toolCallId());
		}

		public List<String> notATool() {
			return List.of();
		}

	}

	static class StockTools {

		@ChatTool(description = "Restocks fruit")
		String restock(Map<String, Integer> counts) {
			return String.join(", ", counts.entrySet().stream().map(Object::toString).toList());
		}

	}

	static class ReactiveTools {

		@ChatTool(description = "Answers pong")
		Mono<String> ping() {
			return Mono.just("pong");
		}

	}

}
