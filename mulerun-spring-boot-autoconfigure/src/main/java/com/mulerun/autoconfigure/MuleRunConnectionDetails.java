package com.mulerun.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the MuleRun API is and how to authenticate with it, following Spring Boot's
 * {@link ConnectionDetails} pattern: the auto-configuration reads the base URL and the
 * API key from this bean. By default it comes from the {@code mulerun.*} properties; a
 * bean of your own (a test's mock server, a service connection) replaces it.
 */
public interface MuleRunConnectionDetails extends ConnectionDetails {

	/**
	 * Returns the base URL of the API, such as {@code https://api.mulerun.com}.
	 * @return the base URL
	 */
	String getBaseUrl();

	/**
	 * Returns the API key sent as a bearer token.
	 * @return the key, or {@code null} when there is none (then an
	 * {@link com.mulerun.chat.auth.ApiKeyProvider} bean must resolve one per call)
	 */
	@Nullable String getApiKey();

}
