package com.mulerun.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Runs a {@link com.mulerun.test.MockMuleRunServer} for the test's application context
 * ({@code @SpringBootTest} or a slice test) and points the MuleRun client at it.
 *
 * <p>
 * The server starts on {@code 127.0.0.1} and a random port when the context is created
 * and stops when it is closed. {@code mulerun.base-url} is set to it and
 * {@code mulerun.api-key} to {@link #apiKey()}, taking precedence over every other
 * property source. The server is a bean, so a test can {@code @Autowired} it to stub
 * answers and inspect requests; its stubs and recorded requests are reset after each test
 * method. The MuleRun auto-configuration is imported too, so slice tests and tests
 * without auto-configuration get the client.
 *
 * <pre class="code">
 * &#64;SpringBootTest(properties = "mulerun.retry.max-retries=0")
 * &#64;AutoConfigureMockMuleRun
 * class SupportBotTests {
 *
 *     &#64;Autowired MockMuleRunServer mockMuleRun;
 *     &#64;Autowired SupportBot bot;
 *
 *     &#64;Test
 *     void answersFromTheModel() {
 *         mockMuleRun.whenLastUserMessageContains("refund").respondWithText("Refunds take 5 days.");
 *         assertThat(bot.answer("How do I get a refund?")).isEqualTo("Refunds take 5 days.");
 *     }
 *
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureMockMuleRun {

	/** The API key configured by default. */
	String DEFAULT_API_KEY = "sk-mock-mulerun-test";

	/**
	 * The API key the client is configured with ({@code mulerun.api-key}); the mock
	 * accepts any bearer token.
	 * @return the API key
	 */
	String apiKey() default DEFAULT_API_KEY;

}
