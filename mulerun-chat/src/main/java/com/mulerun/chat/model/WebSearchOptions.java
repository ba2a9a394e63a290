package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Options of the web search tool ({@code web_search_options}).
 *
 * @param userLocation the approximate location of the user
 * @param searchContextSize how much context to retrieve: {@code low}, {@code medium} or
 * {@code high}
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebSearchOptions(@JsonProperty("user_location") @Nullable UserLocation userLocation,
		@JsonProperty("search_context_size") @Nullable String searchContextSize,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

	/**
	 * Creates a {@code WebSearchOptions}.
	 * @param userLocation the approximate location of the user, or {@code null}
	 * @param searchContextSize how much context to retrieve: {@code low}, {@code medium}
	 * or {@code high}, or {@code null}
	 * @param extra properties the model does not name, or {@code null}
	 */
	public WebSearchOptions(@Nullable UserLocation userLocation, @Nullable String searchContextSize,
			@Nullable Map<String, Object> extra) {
		this.userLocation = userLocation;
		this.searchContextSize = searchContextSize;
		this.extra = ModelSupport.extra(extra);
	}

	/**
	 * The approximate location of the user for a web search.
	 *
	 * @param type the location type, {@code approximate}
	 * @param approximate the approximate location
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record UserLocation(@JsonProperty("type") String type,
			@JsonProperty("approximate") WebSearchLocation approximate,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

		/**
		 * Creates a {@code UserLocation}.
		 * @param type the location type, {@code approximate}
		 * @param approximate the approximate location
		 * @param extra properties the model does not name, or {@code null}
		 */
		public UserLocation(String type, WebSearchLocation approximate, @Nullable Map<String, Object> extra) {
			this.type = Objects.requireNonNull(type, "type must not be null");
			this.approximate = Objects.requireNonNull(approximate, "approximate must not be null");
			this.extra = ModelSupport.extra(extra);
		}

	}

	/**
	 * Approximate location parameters for a web search.
	 *
	 * @param country the two-letter ISO country code
	 * @param region the region
	 * @param city the city
	 * @param timezone the IANA timezone
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record WebSearchLocation(@JsonProperty("country") @Nullable String country,
			@JsonProperty("region") @Nullable String region, @JsonProperty("city") @Nullable String city,
			@JsonProperty("timezone") @Nullable String timezone,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

		/**
		 * Creates a {@code WebSearchLocation}.
		 * @param country the two-letter ISO country code, or {@code null}
		 * @param region the region, or {@code null}
		 * @param city the city, or {@code null}
		 * @param timezone the IANA timezone, or {@code null}
		 * @param extra properties the model does not name, or {@code null}
		 */
		public WebSearchLocation(@Nullable String country, @Nullable String region, @Nullable String city,
				@Nullable String timezone, @Nullable Map<String, Object> extra) {
			this.country = country;
			this.region = region;
			this.city = city;
			this.timezone = timezone;
			this.extra = ModelSupport.extra(extra);
		}

	}

}
