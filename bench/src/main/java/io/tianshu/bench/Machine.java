package io.tianshu.bench;

import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Describes the machine a benchmark ran on, for docs/benchmarks.md. */
final class Machine {

  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("java", System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("date", ZonedDateTime.now().toString());
    return m;
  }
}
