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
						+ "bean resolves one (" + cause.getMessage() + ").",
				"""
						Set the API key in one of these ways:
						    - the environment variable MULERUN_API_KEY (export MULERUN_API_KEY=sk-...)
						    - the property mulerun.api-key (application.yml: mulerun.api-key: ${MULERUN_API_KEY:})
						    - a bean implementing com.mulerun.chat.auth.ApiKeyProvider (a key per call or tenant)
						Or answer offline without a key with mulerun.offline.mode=when-no-api-key (demos, first runs),
						or disable the client with mulerun.enabled=false.""", cause);
	}

}
