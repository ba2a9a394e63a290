package com.mulerun.chat.http;

import java.net.ConnectException;
import java.net.URI;
import java.util.Collection;

import com.mulerun.chat.CallOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The sentences that turn an error into its fix: where the rejected API key came from
 * (never the key), which URL answered 404 and how it was put together, which host and
 * port refused the connection and which setting named them.
 */
public final class ErrorHints {

	/** Where the key comes from when nothing more precise is known. */
	private static final String BUILDER_KEY_SOURCE = "the template builder's apiKey(...)";

	private final @Nullable String keySource;

	private final URI completionsUri;

	private final String baseUrl;

	private final String completionsPath;

	/**
	 * Creates the hints of one template.
	 * @param keySource where the API key comes from, such as
	 * {@code the environment variable MULERUN_API_KEY}, or {@code null} when no key is
	 * configured
	 * @param completionsUri the URL calls are sent to
	 * @param baseUrl the configured base URL
	 * @param completionsPath the configured completions path
	 */
	public ErrorHints(@Nullable String keySource, URI completionsUri, String baseUrl, String completionsPath) {
		this.keySource = keySource;
		this.completionsUri = completionsUri;
		this.baseUrl = baseUrl;
		this.completionsPath = completionsPath;
	}

	/**
	 * Says where the key a call sends comes from, for the message of a rejected key;
	 * never the key.
	 * @param defaultHeaders the names of the template's default headers
	 * @param apiKey the configured key, or {@code null}
	 * @param apiKeySource the configured description of its source, or {@code null}
	 * @return the description, or {@code null} when no key is configured
	 */
	public static @Nullable String keySource(Collection<String> defaultHeaders, @Nullable String apiKey,
			@Nullable String apiKeySource) {
		for (String name : defaultHeaders) {
			if (HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)) {
				return "the template's default Authorization header";
			}
		}
		if (apiKey == null || apiKey.isBlank()) {
			return null;
		}
		return (apiKeySource != null) ? apiKeySource : BUILDER_KEY_SOURCE;
	}

	/**
	 * Returns the hint for an HTTP error status, or {@code null} when the provider's own
	 * message says enough.
	 * @param status the HTTP status
	 * @param options the call's options, whose headers may carry a key of their own
	 * @return the hint, one or two sentences
	 */
	@Nullable String forStatus(int status, CallOptions options) {
		return switch (status) {
			case 401 -> "The API key from " + keySource(options) + " was rejected: check that it is "
					+ "complete, not revoked, and issued for " + this.completionsUri.getHost() + ".";
			case 403 -> "The API key from " + keySource(options) + " was rejected for this request: it "
					+ "is known but not allowed to use this model or endpoint.";
			case 404 -> "The URL called was " + this.completionsUri + ", the base URL " + this.baseUrl
					+ " (mulerun.base-url) plus the completions path " + this.completionsPath
					+ " (mulerun.completions-path): check both.";
			default -> null;
		};
	}

	/**
	 * Returns the message of a request that could not be sent, naming the host and port
	 * and the setting behind them when the connection was refused.
	 * @param cause why the request could not be sent
	 * @param description the description of the cause
	 * @return the message
	 */
	String couldNotSend(@Nullable Throwable cause, String description) {
		if (cause instanceof ConnectException) {
			return "Could not connect to " + this.completionsUri.getHost() + ":" + port(this.completionsUri) + " ("
					+ description + "): the host and port come from the base URL " + this.baseUrl
					+ " (mulerun.base-url); is the server running there, or is a proxy needed?";
		}
		return "Could not send the request to " + this.completionsUri + ": " + description;
	}

	private String keySource(CallOptions options) {
		for (String name : options.headers().keySet()) {
			if (HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)) {
				return "the Authorization header of this call's CallOptions";
			}
		}
		return (this.keySource != null) ? this.keySource : "nowhere (no API key is configured)";
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "http".equals(uri.getScheme()) ? 80 : 443;
	}

}
