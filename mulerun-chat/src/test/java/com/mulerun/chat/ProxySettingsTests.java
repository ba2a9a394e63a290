package com.mulerun.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ProxySettings}.
 */
class ProxySettingsTests {

	@Test
	void portMustBeValid() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ProxySettings("p", 0, null, null, null))
			.withMessageContaining("port");
	}

	@Test
	void passwordIsNotPrinted() {
		assertThat(new ProxySettings("p", 8080, "u", "hunter2", null).toString()).doesNotContain("hunter2")
			.contains("[redacted]");
	}

}
