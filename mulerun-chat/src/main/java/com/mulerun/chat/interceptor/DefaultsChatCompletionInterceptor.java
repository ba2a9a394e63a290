package com.mulerun.chat.interceptor;

import com.mulerun.chat.CallOptions;
import com.mulerun.chat.ChatCompletionInterceptor;
import com.mulerun.chat.error.Redaction;
import com.mulerun.chat.model.ChatCompletion;
import com.mulerun.chat.model.ChatCompletionChunk;
import com.mulerun.chat.model.ChatCompletionRequest;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;

/**
 * Applies default {@code metadata} pairs, a default {@code user}, default extra top-level body fields and default
 * HTTP headers to every call; what the request (or the call's options) sets always wins.
 *
 * <p>Merge rules: metadata is merged per key (the request's value wins for a key both set); the default user is
 * used only when the request names none; a default extra field is added only when the request does not set a
 * property of that name; a default header is added only when the call's options carry no header of that name
 * (compared case-insensitively). A call is passed on unchanged when there is nothing to add.
 *
 * <p>Order: {@link #DEFAULT_ORDER} is close to {@link Ordered#HIGHEST_PRECEDENCE}, so the defaults are applied
 * before other interceptors run and every later interceptor, including
 * {@link LoggingChatCompletionInterceptor}, sees (and logs) the request as it is sent.
 *
 * <p>Instances are immutable and thread-safe; create them with {@link #builder()} or the constructor.
 */
public class DefaultsChatCompletionInterceptor implements ChatCompletionInterceptor, Ordered {

	/** The default order: early, so that later interceptors see the effective request. */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final Set<String> DECLARED_PROPERTIES = declaredProperties();

	private final Map<String, String> metadata;

	private final @Nullable String user;

	private final Map<String, Object> extra;

	private final Map<String, List<String>> headers;

	private final int order;

	/**
	 * Creates an interceptor with the given defaults and {@link #DEFAULT_ORDER}.
	 * @param metadata default metadata pairs
	 * @param user the default end-user identifier, or {@code null} for none
	 * @param extra default top-level body fields the model does not declare (such as {@code top_k})
	 * @param headers default HTTP headers
	 * @throws IllegalArgumentException when an extra field names a property the request declares (use the
	 * template's default options for those)
	 */
	public DefaultsChatCompletionInterceptor(Map<String, String> metadata, @Nullable String user,
			Map<String, ?> extra, Map<String, List<String>> headers) {
		this(metadata, user, extra, headers, DEFAULT_ORDER);
	}

	/**
	 * Creates an interceptor with the given defaults and order.
	 * @param metadata default metadata pairs
	 * @param user the default end-user identifier, or {@code null} for none
	 * @param extra default top-level body fields the model does not declare (such as {@code top_k})
	 * @param headers default HTTP headers
	 * @param order the order of this interceptor
	 * @throws IllegalArgumentException when an extra field names a property the request declares
	 */
	public DefaultsChatCompletionInterceptor(Map<String, String> metadata, @Nullable String user,
			Map<String, ?> extra, Map<String, List<String>> headers, int order) {
		Objects.requireNonNull(metadata, "metadata must not be null");
		Objects.requireNonNull(extra, "extra must not be null");
		Objects.requireNonNull(headers, "headers must not be null");
		this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
		this.user = (user != null && !user.isBlank()) ? user : null;
		Map<String, Object> extraCopy = new LinkedHashMap<>();
		extra.forEach((name, value) -> {
			if (DECLARED_PROPERTIES.contains(name)) {
				throw new IllegalArgumentException("Default extra field '" + name
						+ "' is a property the request declares; set it through the template's default options");
			}
			extraCopy.put(name, value);
		});
		this.extra = Collections.unmodifiableMap(extraCopy);
		Map<String, List<String>> headersCopy = new LinkedHashMap<>();
		headers.forEach((name, values) -> headersCopy.put(name, List.copyOf(values)));
		this.headers = Collections.unmodifiableMap(headersCopy);
		this.order = order;
	}

	/**
	 * Returns a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public Mono<ChatCompletion> intercept(ChatCompletionRequest request, CallOptions options, Chain chain) {
		return chain.proceed(apply(request), apply(options));
	}

	@Override
	public Flux<ChatCompletionChunk> interceptStream(ChatCompletionRequest request, CallOptions options,
			StreamChain chain) {
		return chain.proceed(apply(request), apply(options));
	}

	/**
	 * Returns the request with the default metadata, user and extra fields applied; the request's own values win.
	 * @param request the request
	 * @return the request with the defaults ({@code request} itself when there is nothing to add)
	 */
	public ChatCompletionRequest apply(ChatCompletionRequest request) {
		ChatCompletionRequest.Builder builder = null;
		if (!this.metadata.isEmpty()) {
			Map<String, String> requestMetadata = (request.metadata() != null) ? request.metadata() : Map.of();
			if (!requestMetadata.keySet().containsAll(this.metadata.keySet())) {
				Map<String, String> merged = new LinkedHashMap<>(this.metadata);
				merged.putAll(requestMetadata);
				builder = request.mutate().metadata(merged);
			}
		}
		if (this.user != null && request.user() == null) {
			builder = ((builder != null) ? builder : request.mutate()).user(this.user);
		}
		for (Map.Entry<String, Object> entry : this.extra.entrySet()) {
			if (!request.extra().containsKey(entry.getKey())) {
				builder = ((builder != null) ? builder : request.mutate()).extra(entry.getKey(), entry.getValue());
			}
		}
		return (builder != null) ? builder.build() : request;
	}

	/**
	 * Returns the options with the default headers added; a header the options already carry wins.
	 * @param options the call's options
	 * @return the options with the defaults ({@code options} itself when there is nothing to add)
	 */
	public CallOptions apply(CallOptions options) {
		if (this.headers.isEmpty()) {
			return options;
		}
		Set<String> present = new LinkedHashSet<>();
		options.headers().keySet().forEach((name) -> present.add(name.toLowerCase(Locale.ROOT)));
		CallOptions.Builder builder = null;
		for (Map.Entry<String, List<String>> entry : this.headers.entrySet()) {
			if (!present.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
				if (builder == null) {
					builder = options.mutate();
				}
				for (String value : entry.getValue()) {
					builder.header(entry.getKey(), value);
				}
			}
		}
		return (builder != null) ? builder.build() : options;
	}

	/**
	 * Returns the default metadata pairs.
	 * @return the metadata, unmodifiable
	 */
	public Map<String, String> metadata() {
		return this.metadata;
	}

	/**
	 * Returns the default end-user identifier.
	 * @return the user, or {@code null} for none
	 */
	public @Nullable String user() {
		return this.user;
	}

	/**
	 * Returns the default extra top-level body fields.
	 * @return the fields, unmodifiable
	 */
	public Map<String, Object> extra() {
		return this.extra;
	}

	/**
	 * Returns the default HTTP headers.
	 * @return the headers, unmodifiable
	 */
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public String toString() {
		return "DefaultsChatCompletionInterceptor[metadata=" + this.metadata + ", user=" + this.user + ", extra="
				+ this.extra.keySet() + ", headers=" + Redaction.redactHeaders(this.headers) + ", order=" + this.order + "]";
	}

	private static Set<String> declaredProperties() {
		Set<String> names = new LinkedHashSet<>();
		for (RecordComponent component : ChatCompletionRequest.class.getRecordComponents()) {
			JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
			if (property != null && !property.value().isEmpty()) {
				names.add(property.value());
			}
			else if (!"extra".equals(component.getName())) {
				names.add(component.getName());
			}
		}
		return Set.copyOf(names);
	}

	/**
	 * Builds a {@link DefaultsChatCompletionInterceptor}. Not thread-safe.
	 */
	public static final class Builder {

		private final Map<String, String> metadata = new LinkedHashMap<>();

		private @Nullable String user;

		private final Map<String, Object> extra = new LinkedHashMap<>();

		private final Map<String, List<String>> headers = new LinkedHashMap<>();

		private int order = DEFAULT_ORDER;

		private Builder() {
		}

		/**
		 * Adds a default metadata pair.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder metadata(String key, String value) {
			this.metadata.put(key, value);
			return this;
		}

		/**
		 * Adds default metadata pairs.
		 * @param metadata the pairs
		 * @return this builder
		 */
		public Builder metadata(Map<String, String> metadata) {
			this.metadata.putAll(metadata);
			return this;
		}

		/**
		 * Sets the default end-user identifier.
		 * @param user the user, or {@code null} for none
		 * @return this builder
		 */
		public Builder user(@Nullable String user) {
			this.user = user;
			return this;
		}

		/**
		 * Adds a default top-level body field the model does not declare.
		 * @param name the field name
		 * @param value the value (a JSON-compatible object)
		 * @return this builder
		 */
		public Builder extra(String name, @Nullable Object value) {
			this.extra.put(name, value);
			return this;
		}

		/**
		 * Adds default top-level body fields the model does not declare.
		 * @param extra the fields
		 * @return this builder
		 */
		public Builder extra(Map<String, ?> extra) {
			this.extra.putAll(extra);
			return this;
		}

		/**
		 * Adds a default HTTP header value.
		 * @param name the header name
		 * @param value the value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			return this;
		}

		/**
		 * Sets the order of the interceptor (by default {@link #DEFAULT_ORDER}).
		 * @param order the order
		 * @return this builder
		 */
		public Builder order(int order) {
			this.order = order;
			return this;
		}

		/**
		 * Builds the interceptor.
		 * @return the interceptor
		 * @throws IllegalArgumentException when an extra field names a property the request declares
		 */
		public DefaultsChatCompletionInterceptor build() {
			return new DefaultsChatCompletionInterceptor(this.metadata, this.user, this.extra, this.headers,
					this.order);
		}

	}

}
