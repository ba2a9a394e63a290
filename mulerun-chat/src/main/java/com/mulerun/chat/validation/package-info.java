/**
 * Client-side checks of the spec's constraints: an invalid request is refused with every
 * violation and its JSON path before anything is sent.
 */
@NullMarked
package com.mulerun.chat.validation;

import org.jspecify.annotations.NullMarked;
