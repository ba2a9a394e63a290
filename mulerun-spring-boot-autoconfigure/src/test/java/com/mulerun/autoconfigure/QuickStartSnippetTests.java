package com.mulerun.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick-start {@code application.yml}, as written, in an environment without
 * {@code MULERUN_API_KEY}: start-up fails with the failure analyzer's explanation, never
 * a 401 later.
 */
class QuickStartSnippetTests {

	private static final Pattern QUICK_START_YAML = Pattern.compile("## Quick start.*?```yaml\\n(.*?)```",
			Pattern.DOTALL);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, MuleRunAutoConfiguration.class));

	@Test
	void theReadmeSnippetWithoutTheVariableFailsAtStartUpWithTheAnalyzersHint() throws IOException {
		assertFailsWithTheAnalyzersHint(readmeSnippet(), "No MuleRun API key is configured");
	}

	@Test
	void aPlaceholderWithoutADefaultFailsAtStartUpToo() {
		assertFailsWithTheAnalyzersHint("mulerun:\n  api-key: ${MULERUN_API_KEY}\n",
				"The MuleRun API key is the unresolved placeholder ${MULERUN_API_KEY}");
	}

	private void assertFailsWithTheAnalyzersHint(String yaml, String cause) {
		this.contextRunner.withInitializer((context) -> {
			context.getEnvironment()
				.getPropertySources()
				.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
			context.getEnvironment().getPropertySources().addFirst(load(yaml));
		}).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new MuleRunApiKeyMissingFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription())
				.startsWith("The MuleRun chat completions client is enabled but no API key is configured and no "
						+ "ApiKeyProvider bean resolves one (" + cause);
			assertThat(analysis.getAction()).contains("export MULERUN_API_KEY=sk-...")
				.contains("mulerun.api-key: ${MULERUN_API_KEY:}")
				.doesNotContain("MULERUN_KEY}");
		});
	}

	private static String readmeSnippet() throws IOException {
		String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
		Matcher matcher = QUICK_START_YAML.matcher(readme);
		assertThat(matcher.find()).as("the README has a quick-start YAML block").isTrue();
		assertThat(matcher.group(1)).contains("api-key: ${MULERUN_API_KEY:}");
		return matcher.group(1);
	}

	private static PropertySource<?> load(String yaml) {
		try {
			return new YamlPropertySourceLoader()
				.load("application.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))
				.get(0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
