package com.mulerun.test.autoconfigure;

import com.mulerun.test.MockMuleRunServer;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the {@link MockMuleRunServer} of {@link AutoConfigureMockMuleRun} (stubs and
 * recorded requests) after each test method, so tests sharing a cached context do not see
 * each other's stubs. Registered in {@code META-INF/spring.factories}; does nothing for
 * contexts without the server.
 */
public class MockMuleRunTestExecutionListener extends AbstractTestExecutionListener {

	/**
	 * Creates the listener; the test framework does.
	 */
	public MockMuleRunTestExecutionListener() {
	}

	@Override
	public int getOrder() {
		return 2500;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.containsBean(MockMuleRunContextCustomizer.BEAN_NAME)
				&& context.getBean(MockMuleRunContextCustomizer.BEAN_NAME) instanceof MockMuleRunServer server) {
			server.reset();
		}
	}

}
