/**
 * The transport: the Reactor Netty connector and its pool, the exchange of one call
 * (request, response timeout, retry), and the translation of status codes and I/O
 * failures into typed exceptions. The only package that touches Reactor Netty or Netty.
 */
@NullMarked
package com.mulerun.chat.http;

import org.jspecify.annotations.NullMarked;
