package com.mulerun.chat.structured;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The Java types the structured-output tests ask for.
 */
final class SampleTypes {

	private SampleTypes() {
	}

	@JsonClassDescription("A person the text mentions")
	record Person(@JsonPropertyDescription("Full name") String name, int age, @Nullable String email,
			Optional<String> nickname, LocalDate birthDate, List<String> tags) {
	}

	enum Mood {

		HAPPY, @JsonProperty("so-so")
		NEUTRAL, SAD

	}

	enum Priority {

		LOW("low"), HIGH("high");

		private final String wire;

		Priority(String wire) {
			this.wire = wire;
		}

		@JsonValue
		String wire() {
			return this.wire;
		}

	}

	record TreeNode(String name, List<TreeNode> children) {
	}

	record LineItem(String sku, int quantity, double price) {
	}

	record Order(@JsonProperty("order_id") String id, List<LineItem> items, Map<String, Integer> stock,
			Set<Priority> priorities, Instant createdAt, Duration deliveryWindow, UUID trackingId,
			@Nullable LineItem giftWrap) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Invoice(String invoiceNumber, double totalAmount) {
	}

	/**
	 * A shape, told apart by its {@code kind}.
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Circle.class, name = "circle"),
			@JsonSubTypes.Type(value = Square.class, name = "square") })
	sealed interface Shape permits Circle, Square {

	}

	record Circle(double radius) implements Shape {
	}

	record Square(double side) implements Shape {
	}

	record Drawing(String title, List<Shape> shapes) {
	}

	/**
	 * A JavaBean with private fields and accessors rather than a record.
	 */
	static final class Address {

		private String street = "";

		private @Nullable String postCode;

		public String getStreet() {
			return this.street;
		}

		public void setStreet(String street) {
			this.street = street;
		}

		public @Nullable String getPostCode() {
			return this.postCode;
		}

		public void setPostCode(@Nullable String postCode) {
			this.postCode = postCode;
		}

	}

}
