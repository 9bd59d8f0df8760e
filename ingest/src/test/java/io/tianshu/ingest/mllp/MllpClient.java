package io.tianshu.ingest.mllp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** A sender's side of an MLLP connection, for tests and benchmarks. */
public final class MllpClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public MllpClient(String host, int port) throws IOException {
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream());
    out = new BufferedOutputStream(socket.getOutputStream());
  }

  /** Sends one message and waits for its acknowledgement. */
  public byte[] send(byte[] message) throws IOException {
    write(message);
    out.flush();
    return read();
  }

  /** Sends all messages before reading any acknowledgement (a pipelining sender). */
  public List<byte[]> sendAll(List<byte[]> messages) throws IOException {
    for (byte[] m : messages) {
      write(m);
    }
    out.flush();
    List<byte[]> acks = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      acks.add(read());
    }
    return acks;
  }

  public void write(byte[] message) throws IOException {
    out.write(0x0b);
    out.write(message);
    out.write(0x1c);
    out.write(0x0d);
  }

  public void flush() throws IOException {
    out.flush();
  }

  public byte[] read() throws IOException {
    int b;
    do {
      b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the acknowledgement");
      }
    } while (b != 0x0b);
    ByteArrayOutputStream ack = new ByteArrayOutputStream();
    while ((b = in.read()) != 0x1c) {
      if (b < 0) {
        throw new IOException("connection closed inside an acknowledgement");
      }
      ack.write(b);
    }
    in.read(); // CR
    return ack.toByteArray();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
