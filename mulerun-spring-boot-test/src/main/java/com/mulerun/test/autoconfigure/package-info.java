/**
 * Spring test support: {@link com.mulerun.test.autoconfigure.AutoConfigureMockMuleRun}
 * runs a {@link com.mulerun.test.MockMuleRunServer} for a test's application context,
 * points the auto-configured client at it and resets it after each test.
 */
@NullMarked
package com.mulerun.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
