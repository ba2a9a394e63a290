/**
 * Test support for code that calls the MuleRun chat completions API:
 * {@link com.mulerun.test.MockMuleRunServer}, an in-process mock of
 * {@code POST /v1/chat/completions} that speaks the real wire format (JSON and
 * server-sent events), with a fluent stubbing API ({@link com.mulerun.test.StubBuilder},
 * {@link com.mulerun.test.MockResponse}) and request capture
 * ({@link com.mulerun.test.RecordedRequest}).
 */
@NullMarked
package com.mulerun.test;

import org.jspecify.annotations.NullMarked;
