package com.mulerun.test.example;

import com.mulerun.test.MockMuleRunServer;
import com.mulerun.test.autoconfigure.AutoConfigureMockMuleRun;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test whose context holds only the service, as a slice test's would: the annotation
 * brings the MuleRun auto-configuration along.
 */
@SpringBootTest(classes = SupportBot.class)
@AutoConfigureMockMuleRun
class SupportBotWithoutAutoConfigurationTests {

	@Autowired
	SupportBot bot;

	@Autowired
	MockMuleRunServer mockMuleRun;

	@Test
	void getsTheClientFromTheAnnotationAlone() {
		this.mockMuleRun.whenAnyRequest().respondWithText("Sliced and served.");

		assertThat(this.bot.answer("Do slices work?")).isEqualTo("Sliced and served.");
	}

}
