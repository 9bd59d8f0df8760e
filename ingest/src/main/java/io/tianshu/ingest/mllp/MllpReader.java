package io.tianshu.ingest.mllp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads MLLP frames ({@code <VT> message <FS><CR>}) from a connection. Bytes outside a frame are
 * skipped, as MLLP receivers do; a frame larger than the limit is read to its end and reported as
 * too large, so that the stream stays in step.
 */
final class MllpReader {

  static final int VT = 0x0b;
  static final int FS = 0x1c;
  static final int CR = 0x0d;

  /** One frame, or a frame that was too large to keep. */
  record Frame(byte[] payload, boolean tooLarge) {}

  private final BufferedInputStream in;
  private final int maxBytes;

  MllpReader(InputStream in, int maxBytes) {
    this.in = new BufferedInputStream(in, 1 << 16);
    this.maxBytes = maxBytes;
  }

  /** The next frame, blocking until it is complete; null at the end of the stream. */
  Frame next() throws IOException {
    int b;
    do {
      b = in.read();
      if (b < 0) {
        return null;
      }
    } while (b != VT);
    ByteArrayOutputStream payload = new ByteArrayOutputStream(2048);
    boolean tooLarge = false;
    while (true) {
      b = in.read();
      if (b < 0) {
        return null; // the peer closed mid-frame: nothing complete to stage or acknowledge
      }
      if (b == FS) {
        in.mark(1);
        if (in.read() != CR) {
          in.reset(); // tolerate a sender that omits the trailing CR
        }
        return new Frame(tooLarge ? new byte[0] : payload.toByteArray(), tooLarge);
      }
      if (payload.size() < maxBytes) {
        payload.write(b);
      } else {
        tooLarge = true;
      }
    }
  }

  /** Whether more bytes already arrived: frames a pipelining sender sent without waiting. */
  boolean hasMore() throws IOException {
    return in.available() > 0;
  }
}
