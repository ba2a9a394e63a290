package com.mulerun.chat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 server on a loopback socket that answers each connection with a script
 * of raw writes, so a test can send part of an event stream and then reset or close the
 * connection at an exact byte.
 */
final class ScriptedHttpServer implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final Script[] scripts;

	private final AtomicInteger requests = new AtomicInteger();

	private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final CountDownLatch released = new CountDownLatch(1);

	private final Thread acceptor;

	/**
	 * Starts a server; request {@code n} (from 0) is answered by
	 * {@code scripts[min(n, scripts.length - 1)]}.
	 */
	ScriptedHttpServer(Script... scripts) {
		try {
			this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.scripts = scripts;
		this.acceptor = new Thread(this::acceptLoop, "scripted-http-server");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	int requestCount() {
		return this.requests.get();
	}

	List<byte[]> requestBodies() {
		return this.bodies;
	}

	/**
	 * Lets scripts blocked in {@link Connection#stall()} go on.
	 */
	void release() {
		this.released.countDown();
	}

	@Override
	public void close() {
		release();
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	private void acceptLoop() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.sockets.add(socket);
				Thread handler = new Thread(() -> handle(socket), "scripted-http-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void handle(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			while (true) {
				byte[] body = readRequest(in);
				if (body == null) {
					return;
				}
				int index = this.requests.getAndIncrement();
				this.bodies.add(body);
				Connection connection = new Connection(socket);
				this.scripts[Math.min(index, this.scripts.length - 1)].run(connection);
				if (connection.closed) {
					return;
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static byte[] readRequest(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b == -1) {
				return null;
			}
			head.write(b);
			matched = (b == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		int length = 0;
		for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).strip());
			}
		}
		return in.readNBytes(length);
	}

	/**
	 * What the server does for one request.
	 */
	@FunctionalInterface
	interface Script {

		void run(Connection connection) throws IOException;

	}

	/**
	 * Raw access to the connection of one request.
	 */
	final class Connection {

		private final Socket socket;

		private final OutputStream out;

		boolean closed;

		Connection(Socket socket) throws IOException {
			this.socket = socket;
			this.out = socket.getOutputStream();
		}

		/**
		 * Writes the status line and headers of a chunked response.
		 */
		Connection chunkedHeaders(int status, String contentType) throws IOException {
			return raw("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType
					+ "\r\nTransfer-Encoding: chunked\r\nx-request-id: req_scripted\r\n\r\n");
		}

		/**
		 * Writes the status line, the headers and the first chunk of a chunked response
		 * in one write, so that the client reads them together.
		 */
		Connection chunkedHeaders(int status, String contentType, String firstChunk) throws IOException {
			return raw("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType
					+ "\r\nTransfer-Encoding: chunked\r\nx-request-id: req_scripted\r\n\r\n" + chunked(firstChunk));
		}

		/**
		 * Writes one HTTP chunk in one write and flushes it.
		 */
		Connection chunk(String data) throws IOException {
			return raw(chunked(data));
		}

		private static String chunked(String data) {
			int length = data.getBytes(StandardCharsets.UTF_8).length;
			return Integer.toHexString(length) + "\r\n" + data + "\r\n";
		}

		/**
		 * Writes the terminating chunk of the body.
		 */
		Connection end() throws IOException {
			return raw("0\r\n\r\n");
		}

		Connection raw(String data) throws IOException {
			this.out.write(data.getBytes(StandardCharsets.UTF_8));
			this.out.flush();
			return this;
		}

		/**
		 * Waits until the test calls {@link ScriptedHttpServer#release()} or the server
		 * closes (at most 30 s).
		 */
		Connection stall() {
			try {
				ScriptedHttpServer.this.released.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this;
		}

		/**
		 * Writes an SSE comment chunk every {@code interval} until the client goes away,
		 * the test calls {@link ScriptedHttpServer#release()} or the server closes: a
		 * stream kept alive by comments alone.
		 */
		Connection commentEvery(Duration interval) throws IOException {
			try {
				do {
					chunk(": ping\n\n");
				}
				while (!ScriptedHttpServer.this.released.await(interval.toMillis(), TimeUnit.MILLISECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this;
		}

		/**
		 * Resets the connection (TCP RST) without a clean end of the body.
		 */
		void reset() throws IOException {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
			this.closed = true;
		}

		/**
		 * Closes the connection (TCP FIN).
		 */
		void close() throws IOException {
			this.socket.close();
			this.closed = true;
		}

	}

}
