package com.mulerun.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by a missing MuleRun API key and how to set one.
 */
class MuleRunApiKeyMissingFailureAnalyzer extends AbstractFailureAnalyzer<MuleRunApiKeyMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MuleRunApiKeyMissingException cause) {
		return new FailureAnalysis(
				"The MuleRun chat completions client is enabled but no API key is configured and no ApiKeyProvider "
						+ "bean resolves one.",
				"""
						Set the API key in one of these ways:
						    - the environment variable MULERUN_API_KEY
						    - the property mulerun.api-key (application.yml: mulerun.api-key: ${MULERUN_KEY})
						    - a bean implementing com.mulerun.chat.auth.ApiKeyProvider (a key per call or tenant)
						Or disable the client with mulerun.enabled=false.""", cause);
	}

}
