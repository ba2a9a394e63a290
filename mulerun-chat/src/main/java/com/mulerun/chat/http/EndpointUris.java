package com.mulerun.chat.http;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks the base URL and the completions path a template is configured with, so that a
 * URL that cannot work is refused when it is set, naming the rule it breaks, rather than
 * failing every call.
 */
public final class EndpointUris {

	private EndpointUris() {
	}

	/**
	 * Checks a base URL: an absolute {@code http://} or {@code https://} URL with a host,
	 * without query or fragment.
	 * @param baseUrl the base URL
	 * @param example a valid base URL, named in the message
	 * @return the base URL without surrounding blanks
	 * @throws IllegalArgumentException naming the rule the URL breaks
	 */
	public static String baseUrl(String baseUrl, String example) {
		String rule = "baseUrl must be an absolute http:// or https:// URL with a host, such as " + example;
		URI uri = parse(baseUrl.strip(), rule);
		String scheme = uri.getScheme();
		if (scheme == null) {
			throw new IllegalArgumentException(rule + " (the scheme is missing)");
		}
		if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
			throw new IllegalArgumentException(rule + " (the scheme is " + scheme + ")");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new IllegalArgumentException(rule + " (the host is missing)");
		}
		requireNoQueryOrFragment(uri, rule);
		return baseUrl.strip();
	}

	/**
	 * Checks the path of the chat completions endpoint: a URL path relative to the base
	 * URL, without query or fragment.
	 * @param completionsPath the path
	 * @return the path
	 * @throws IllegalArgumentException naming the rule the path breaks
	 */
	public static String completionsPath(String completionsPath) {
		String rule = "completionsPath must be a URL path such as /v1/chat/completions";
		URI uri = parse(completionsPath, rule);
		if (uri.getScheme() != null || uri.getRawAuthority() != null) {
			throw new IllegalArgumentException(rule + " (a path, not a URL: the host belongs in the base URL)");
		}
		requireNoQueryOrFragment(uri, rule);
		return completionsPath;
	}

	/**
	 * Returns a base URL without its trailing slash.
	 * @param baseUrl the base URL
	 * @return the base URL, without a trailing slash
	 */
	public static String withoutTrailingSlash(String baseUrl) {
		return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/**
	 * Returns the absolute URI of the completions endpoint.
	 * @param base the base URL, without a trailing slash
	 * @param completionsPath the path of the endpoint
	 * @return the URI
	 */
	public static URI completionsUri(String base, String completionsPath) {
		return URI.create(base + (completionsPath.startsWith("/") ? "" : "/") + completionsPath);
	}

	/**
	 * Returns the port of a URI, or its scheme's default port (80 for {@code http}, else
	 * 443).
	 * @param uri the URI
	 * @return the port
	 */
	public static int port(URI uri) {
		return (uri.getPort() != -1) ? uri.getPort() : ("http".equals(uri.getScheme()) ? 80 : 443);
	}

	private static URI parse(String value, String rule) {
		if (value.isBlank()) {
			throw new IllegalArgumentException(rule + " (was empty)");
		}
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(rule + " (" + ex.getReason() + " at index " + ex.getIndex() + ")", ex);
		}
	}

	private static void requireNoQueryOrFragment(URI uri, String rule) {
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException(rule + " (no query or fragment)");
		}
	}

}
