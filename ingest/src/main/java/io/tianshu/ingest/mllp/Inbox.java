package io.tianshu.ingest.mllp;

import io.tianshu.ingest.staging.IncomingMessage;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestRun;
import io.tianshu.ingest.staging.StageReceipt;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable inbox in front of staging, for a sender that waits for each acknowledgement: a message
 * is appended to an fsynced journal file and may be acknowledged at once; a mover stages what the
 * journal holds in one transaction per gathering (group commit) shortly after.
 *
 * <p>A staging transaction costs one database commit (several milliseconds on DuckDB, with its own
 * fsyncs and statements); an append costs one file write and one {@code fsync} (a few hundred
 * microseconds here). Durability is the same — the message is on disk before the ACK — and the
 * journal is a staging area: every journalled message reaches {@code ingest_message} exactly once.
 *
 * <p>Exactly once, argued: each journal record's channel is unique ({@code <peer> inbox:<epoch>:
 * <offset>}). (1) A crash during an append leaves a torn tail that fails its CRC; it was never
 * acknowledged, is cut off at recovery, and the sender resends. (2) A crash after the append,
 * before staging: recovery stages the record. (3) A crash after staging committed, before the
 * journal was truncated: recovery finds the record's channel in {@code ingest_message} and skips
 * it. The journal is truncated (with a new epoch) only when everything in it is staged.
 */
final class Inbox implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

  private static final int FILE_MAGIC = 0x54534958; // "TSIX"
  private static final int RECORD_MAGIC = 0x54535231; // "TSR1"
  private static final int HEADER_BYTES = 4 + 8;

  /** A fully staged journal is emptied once it is this large, so recovery reads little. */
  private static final long TRUNCATE_AT = 8L << 20;

  private final IngestFeed feed;
  private final Path file;
  private final FileChannel channel;
  private final Object appendLock = new Object();
  private final Object moveLock = new Object();
  private final SecureRandom random = new SecureRandom();

  /** Journalled, not yet staged, in append order; guarded by appendLock. */
  private final List<IncomingMessage> pending = new ArrayList<>();

  private long epoch;
  private long size;

  private Inbox(IngestFeed feed, Path file, FileChannel channel) {
    this.feed = feed;
    this.file = file;
    this.channel = channel;
  }

  /**
   * Opens (or creates) the inbox journal in {@code dir} and recovers it: records not yet in staging
   * are queued for the next {@link #moveToStaging}; a torn tail is cut off.
   */
  static Inbox open(IngestFeed feed, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("mllp-inbox.journal");
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    Inbox inbox = new Inbox(feed, file, channel);
    inbox.recover();
    return inbox;
  }

  /** Number of journalled messages not yet staged. */
  int pendingCount() {
    synchronized (appendLock) {
      return pending.size();
    }
  }

  /**
   * Appends the messages durably (one fsync for all of them) and returns them as they will be
   * staged: each with its unique inbox channel.
   *
   * @throws IOException when the journal cannot be written: nothing may be acknowledged
   */
  List<IncomingMessage> append(List<IncomingMessage> messages) throws IOException {
    synchronized (appendLock) {
      List<IncomingMessage> journalled = new ArrayList<>(messages.size());
      long start = size;
      try {
        long pos = start;
        for (IncomingMessage m : messages) {
          String unique = m.channel() + " inbox:" + HexFormat.of().toHexDigits(epoch) + ":" + pos;
          ByteBuffer record = encode(m, unique);
          while (record.hasRemaining()) {
            pos += channel.write(record, pos);
          }
          journalled.add(new IncomingMessage(unique, m.raw(), m.arrivedAt(), m.declaredSource()));
        }
        channel.force(false);
        size = pos;
      } catch (IOException | RuntimeException e) {
        // What was written past the start is a torn tail, never acknowledged: overwritten next.
        size = start;
        throw e;
      }
      pending.addAll(journalled);
      return journalled;
    }
  }

  /**
   * Stages everything journalled so far in one transaction and records the receipts in {@code run}.
   * A failure leaves the messages journalled for the next call.
   *
   * @return the number of messages staged
   */
  int moveToStaging(IngestRun run) {
    synchronized (moveLock) {
      List<IncomingMessage> batch;
      synchronized (appendLock) {
        batch = List.copyOf(pending);
      }
      if (batch.isEmpty()) {
        return 0;
      }
      List<StageReceipt> receipts = run.stage(batch);
      synchronized (appendLock) {
        pending.subList(0, batch.size()).clear();
        if (pending.isEmpty() && size >= TRUNCATE_AT) {
          try {
            reset();
          } catch (IOException e) {
            // Still correct: recovery skips what is staged. Only the file stays large.
            LOG.warn("MLLP inbox {} not truncated: {}", file, e.getMessage());
          }
        }
      }
      return receipts.size();
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  // ---------------------------------------------------------------- file format

  private static ByteBuffer encode(IncomingMessage m, String unique) {
    byte[] ch = unique.getBytes(StandardCharsets.UTF_8);
    byte[] source =
        m.declaredSource() == null
            ? new byte[0]
            : m.declaredSource().getBytes(StandardCharsets.UTF_8);
    byte[] raw = m.raw();
    Instant at = m.arrivedAt();
    int body = 8 + 4 + 2 + ch.length + 2 + source.length + 4 + raw.length;
    ByteBuffer b = ByteBuffer.allocate(4 + 4 + body + 4);
    b.putInt(RECORD_MAGIC).putInt(body);
    int from = b.position();
    b.putLong(at.getEpochSecond()).putInt(at.getNano());
    b.putShort((short) ch.length).put(ch);
    b.putShort((short) (m.declaredSource() == null ? -1 : source.length)).put(source);
    b.putInt(raw.length).put(raw);
    CRC32 crc = new CRC32();
    crc.update(b.array(), from, body);
    b.putInt((int) crc.getValue());
    b.flip();
    return b;
  }

  private void reset() throws IOException {
    channel.truncate(0);
    epoch = random.nextLong();
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(FILE_MAGIC).putLong(epoch).flip();
    channel.write(header, 0);
    channel.force(true);
    size = HEADER_BYTES;
  }

  private void recover() throws IOException {
    long length = channel.size();
    if (length < HEADER_BYTES) {
      reset();
      return;
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    channel.read(header, 0);
    header.flip();
    if (header.getInt() != FILE_MAGIC) {
      throw new IOException(file + " is not a Tianshu MLLP inbox journal");
    }
    epoch = header.getLong();
    List<IncomingMessage> records = new ArrayList<>();
    long at = HEADER_BYTES;
    while (true) {
      IncomingMessage m = read(at, length);
      if (m == null) {
        break;
      }
      records.add(m);
      at += recordLength(at);
    }
    if (at < length) {
      LOG.warn(
          "MLLP inbox {}: torn record at byte {} cut off (it was never acknowledged)", file, at);
      channel.truncate(at);
      channel.force(true);
    }
    size = at;
    Set<String> channels = new LinkedHashSet<>();
    records.forEach(m -> channels.add(m.channel()));
    Set<String> staged = feed.stagedChannels(channels);
    for (IncomingMessage m : records) {
      if (!staged.contains(m.channel())) {
        pending.add(m);
      }
    }
    if (!pending.isEmpty()) {
      LOG.info("MLLP inbox {}: {} acknowledged messages to stage", file, pending.size());
    }
  }

  private long recordLength(long at) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8);
    channel.read(b, at);
    b.flip();
    b.getInt();
    return 8L + b.getInt() + 4;
  }

  /** The record at {@code at}, or null at the end or at a torn or corrupt record. */
  private IncomingMessage read(long at, long length) throws IOException {
    if (at + 8 > length) {
      return null;
    }
    ByteBuffer head = ByteBuffer.allocate(8);
    channel.read(head, at);
    head.flip();
    if (head.getInt() != RECORD_MAGIC) {
      return null;
    }
    int body = head.getInt();
    if (body < 0 || at + 8 + body + 4 > length) {
      return null;
    }
    ByteBuffer b = ByteBuffer.allocate(body + 4);
    while (b.hasRemaining()) {
      if (channel.read(b, at + 8 + b.position()) < 0) {
        return null;
      }
    }
    b.flip();
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, body);
    if ((int) crc.getValue() != b.getInt(body)) {
      return null;
    }
    try {
      Instant arrived = Instant.ofEpochSecond(b.getLong(), b.getInt());
      byte[] ch = new byte[b.getShort()];
      b.get(ch);
      short sourceLength = b.getShort();
      String source = null;
      if (sourceLength >= 0) {
        byte[] s = new byte[sourceLength];
        b.get(s);
        source = new String(s, StandardCharsets.UTF_8);
      }
      byte[] raw = new byte[b.getInt()];
      b.get(raw);
      return new IncomingMessage(new String(ch, StandardCharsets.UTF_8), raw, arrived, source);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** For tests: the journal file. */
  Path file() {
    return file;
  }
}
