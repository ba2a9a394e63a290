package com.mulerun.benchmarks.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

/**
 * Network reads as Reactor Netty hands them to WebClient: pooled direct Netty buffers
 * wrapped as {@code NettyDataBuffer}s, so that buffers a decoder allocates come from the
 * same pooled factory as in a real exchange (a heap factory would charge heap allocation
 * to decoders that allocate buffers).
 */
public final class NettyBuffers {

	private static final NettyDataBufferFactory FACTORY = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);

	private NettyBuffers() {
	}

	/**
	 * Returns a new pooled direct buffer holding the bytes; the consumer releases it.
	 * @param bytes the bytes
	 * @return the buffer
	 */
	public static DataBuffer read(byte[] bytes) {
		ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
		buffer.writeBytes(bytes);
		return FACTORY.wrap(buffer);
	}

}
