package com.mulerun.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * The {@link MuleRunConnectionDetails} of the {@code mulerun.*} properties:
 * {@code mulerun.base-url} and {@code mulerun.api-key}, which falls back to the
 * {@code MULERUN_API_KEY} environment variable.
 */
final class PropertiesMuleRunConnectionDetails implements MuleRunConnectionDetails {

	private final MuleRunProperties properties;

	private final Environment environment;

	PropertiesMuleRunConnectionDetails(MuleRunProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public String getBaseUrl() {
		return this.properties.getBaseUrl();
	}

	@Override
	public @Nullable String getApiKey() {
		String apiKey = this.properties.getApiKey();
		if (apiKey == null || apiKey.isBlank()) {
			apiKey = this.environment.getProperty(MuleRunAutoConfiguration.API_KEY_ENVIRONMENT_VARIABLE);
		}
		return (apiKey == null || apiKey.isBlank()) ? null : apiKey;
	}

	@Override
	public String toString() {
		return "PropertiesMuleRunConnectionDetails[baseUrl=" + getBaseUrl() + "]";
	}

}
