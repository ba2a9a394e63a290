/**
 * Credentials per call: the {@link com.mulerun.chat.auth.ApiKeyProvider} SPI that
 * multi-tenant applications implement, and the resolution of the key each call is sent
 * with (the call's own key, else the provider's, else the configured one). Keys are never
 * printed.
 */
@NullMarked
package com.mulerun.chat.auth;

import org.jspecify.annotations.NullMarked;
