package io.tianshu.ingest.mllp;

import io.tianshu.ingest.IngestException;
import io.tianshu.ingest.hl7v2.Hl7v2Mapper;
import io.tianshu.ingest.hl7v2.Hl7v2Parser;
import io.tianshu.ingest.hl7v2.MshHeader;
import io.tianshu.ingest.staging.IncomingMessage;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestRun;
import io.tianshu.ingest.staging.StageReceipt;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MLLP listener for HL7 v2 feeds: one thread per connection. It answers AA only once a message
 * is durably staged, AR when the message was staged but cannot be used as sent (not HL7 v2, MSH
 * incomplete, a type Tianshu does not take: it is quarantined, do not resend it unchanged), and AE
 * when it could not be staged (send it again). Applying to the CDR runs behind, on its own thread.
 *
 * <p>A sender that waits for each acknowledgement gets one staging transaction per message. When
 * several frames have already arrived (a sender that pipelines), they are staged in one transaction
 * and acknowledged together, which is where MLLP throughput comes from.
 */
public final class MllpListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MllpListener.class);
  private static final int MAX_MESSAGE_BYTES = 16 << 20;
  private static final int MAX_FRAMES_PER_COMMIT = 1_000;

  private final IngestFeed feed;
  private final IngestRun run;
  private final ServerSocket server;
  private final ApplyLoop applyLoop;

  /** Journal acknowledged messages wait in before staging; null: stage before acknowledging. */
  private final Inbox inbox;

  private final Hl7v2Parser parser = new Hl7v2Parser();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong acknowledgements = new AtomicLong();
  private final Thread acceptor;
  private volatile boolean closed;

  private MllpListener(IngestFeed feed, ServerSocket server, Inbox inbox) {
    this.feed = feed;
    this.run = feed.newRun();
    this.server = server;
    this.inbox = inbox;
    this.applyLoop = new ApplyLoop(run, inbox);
    this.acceptor = new Thread(this::accept, "tianshu-mllp-accept-" + server.getLocalPort());
  }

  /**
   * Listens on {@code address} (port 0 picks a free port) and starts applying staged messages in
   * the background.
   */
  public static MllpListener start(IngestFeed feed, InetSocketAddress address) throws IOException {
    return start(feed, address, null);
  }

  /**
   * Listens with a durable inbox journal in {@code inboxDir} (null: none): a message is
   * acknowledged once it is in the fsynced journal and staged in the next group commit, so a sender
   * that waits for each ACK is not held to one database commit per message. Journalled messages a
   * crash left unstaged are staged first.
   */
  public static MllpListener start(IngestFeed feed, InetSocketAddress address, Path inboxDir)
      throws IOException {
    Inbox inbox = inboxDir == null ? null : Inbox.open(feed, inboxDir);
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    try {
      server.bind(address, 50);
    } catch (IOException e) {
      if (inbox != null) {
        inbox.close();
      }
      throw e;
    }
    MllpListener listener = new MllpListener(feed, server, inbox);
    listener.applyLoop.start();
    if (inbox != null && inbox.pendingCount() > 0) {
      listener.applyLoop.signal(); // acknowledged before a crash, not staged yet
    }
    listener.acceptor.start();
    LOG.info("MLLP listener on {}", server.getLocalSocketAddress());
    return listener;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** What this listener received so far; staged messages may still be waiting to be applied. */
  public IngestRun run() {
    return run;
  }

  /** Waits until everything staged so far is applied (tests, benchmarks, shutdown). */
  public void drain() {
    applyLoop.drain();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        connections.add(socket);
        Thread t =
            new Thread(() -> serve(socket), "tianshu-mllp-" + socket.getRemoteSocketAddress());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("MLLP accept failed: {}", e.getMessage());
        }
      }
    }
  }

  private void serve(Socket socket) {
    String channel = "mllp:" + socket.getRemoteSocketAddress();
    try (socket) {
      socket.setTcpNoDelay(true);
      MllpReader reader = new MllpReader(socket.getInputStream(), MAX_MESSAGE_BYTES);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      while (!closed) {
        MllpReader.Frame first = reader.next();
        if (first == null) {
          return;
        }
        List<MllpReader.Frame> frames = new ArrayList<>();
        frames.add(first);
        while (frames.size() < MAX_FRAMES_PER_COMMIT && reader.hasMore()) {
          MllpReader.Frame next = reader.next();
          if (next == null) {
            break;
          }
          frames.add(next);
        }
        for (byte[] ack : acknowledge(frames, channel)) {
          out.write(MllpReader.VT);
          out.write(ack);
          out.write(MllpReader.FS);
          out.write(MllpReader.CR);
        }
        out.flush();
        applyLoop.signal();
      }
    } catch (SocketException e) {
      // the peer went away or the listener closed
    } catch (IOException e) {
      LOG.warn("MLLP connection {} failed: {}", channel, e.getMessage());
    } finally {
      connections.remove(socket);
    }
  }

  /** Stages the frames in one transaction and builds one acknowledgement per frame, in order. */
  private List<byte[]> acknowledge(List<MllpReader.Frame> frames, String channel) {
    Instant now = feed.clock().instant();
    List<IncomingMessage> incoming = new ArrayList<>();
    for (MllpReader.Frame frame : frames) {
      if (!frame.tooLarge()) {
        incoming.add(new IncomingMessage(channel, frame.payload(), now));
      }
    }
    List<StageReceipt> receipts;
    String failure = null;
    try {
      if (inbox != null) {
        inbox.append(incoming);
        receipts = null;
      } else {
        receipts = feed.stage(incoming);
        run.record(receipts);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "MLLP: {} messages from {} not staged: {}", incoming.size(), channel, e.getMessage());
      receipts = List.of();
      failure = "not stored, send again: " + e.getMessage();
    }
    List<byte[]> acks = new ArrayList<>(frames.size());
    int staged = 0;
    for (MllpReader.Frame frame : frames) {
      String ackId = "TS" + now.toEpochMilli() + "-" + acknowledgements.incrementAndGet();
      if (frame.tooLarge()) {
        acks.add(
            ack(
                frame.payload(),
                Acknowledgement.Code.AR,
                ackId,
                "message larger than " + (MAX_MESSAGE_BYTES >> 20) + " MB, not stored",
                now));
        continue;
      }
      byte[] raw = incoming.get(staged).raw();
      if (failure != null) {
        acks.add(ack(raw, Acknowledgement.Code.AE, ackId, failure, now));
      } else {
        String kept =
            receipts == null
                ? "kept for review"
                : "kept as message " + receipts.get(staged).originalId();
        String refusal = refusal(raw);
        acks.add(
            refusal == null
                ? ack(raw, Acknowledgement.Code.AA, ackId, null, now)
                : ack(raw, Acknowledgement.Code.AR, ackId, refusal + " (" + kept + ")", now));
      }
      staged++;
    }
    return acks;
  }

  private byte[] ack(byte[] raw, Acknowledgement.Code code, String id, String text, Instant now) {
    return Acknowledgement.of(raw, code, id, text, now, feed.settings().hospitalZone());
  }

  /** Why a staged message cannot be used as sent (checked on the MSH alone), or null. */
  private String refusal(byte[] raw) {
    try {
      MshHeader header = parser.readHeader(raw);
      Hl7v2Mapper.checkSupported(header, raw);
      return null;
    } catch (IngestException e) {
      return e.ingestErrorCode().code() + " " + e.getMessage();
    } catch (RuntimeException e) {
      return "unreadable MSH: " + e.getMessage();
    }
  }

  /** Stops accepting, closes the connections and applies what was staged. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : connections) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    applyLoop.close();
    if (inbox != null) {
      try {
        inbox.close();
      } catch (IOException e) {
        LOG.warn("MLLP inbox not closed cleanly: {}", e.getMessage());
      }
    }
  }

  /**
   * Applies staged messages behind the listener: woken after each staging, and every half minute so
   * that holds expire. A failure (the database away) is logged and retried; the messages stay
   * staged meanwhile, already acknowledged.
   */
  private static final class ApplyLoop implements AutoCloseable {
    private static final long GATHER_MILLIS = 50;
    private final IngestRun run;
    private final Inbox inbox;
    private final Thread thread;
    private final Object lock = new Object();
    private boolean wanted;
    private boolean busy;
    private volatile boolean stopping;

    ApplyLoop(IngestRun run, Inbox inbox) {
      this.run = run;
      this.inbox = inbox;
      this.thread = new Thread(this::loop, "tianshu-ingest-apply");
      this.thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void signal() {
      synchronized (lock) {
        wanted = true;
        lock.notifyAll();
      }
    }

    void drain() {
      signal();
      synchronized (lock) {
        while (wanted || busy) {
          try {
            lock.wait(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    private void loop() {
      while (!stopping) {
        synchronized (lock) {
          if (!wanted) {
            try {
              lock.wait(30_000);
            } catch (InterruptedException e) {
              return;
            }
          }
          busy = true;
        }
        // Let a sender that waits for each ACK stage a few more messages: one CDR batch for many
        // costs far less than one each. Messages wait staged (acknowledged) meanwhile.
        pause(GATHER_MILLIS);
        synchronized (lock) {
          wanted = false;
        }
        try {
          if (inbox != null) {
            inbox.moveToStaging(run);
          }
          run.applyPending();
        } catch (RuntimeException e) {
          LOG.warn("applying staged HL7 v2 messages failed, retrying: {}", e.getMessage());
          pause(1_000);
          signal();
        } finally {
          synchronized (lock) {
            busy = false;
            lock.notifyAll();
          }
        }
      }
    }

    private void pause(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      drain();
      stopping = true;
      thread.interrupt();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
