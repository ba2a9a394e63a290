/**
 * The exception hierarchy (every failure of a call is a
 * {@link com.mulerun.chat.error.MuleRunException}) and the reading of provider error
 * bodies in every gateway shape. Texts that reach an exception, a log line or an
 * observation pass through the redaction here, so no credential leaves the client.
 */
@NullMarked
package com.mulerun.chat.error;

import org.jspecify.annotations.NullMarked;
