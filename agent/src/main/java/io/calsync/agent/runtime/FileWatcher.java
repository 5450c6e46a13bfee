package io.calsync.agent.runtime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the folders of ics sources and calls back, per source, when a file of it changed. Events
 * are debounced: a burst (an editor's save, a program writing many files) becomes one call once
 * {@link #DEBOUNCE} passed without another event. Hidden files (temp files of atomic writes) are
 * ignored; the rename that completes such a write is seen under the real name.
 */
final class FileWatcher implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(FileWatcher.class.getName());
  static final Duration DEBOUNCE = Duration.ofMillis(75);

  /** A watched source: its folder, and the one file to follow, or null for every .ics file. */
  private record Watch(String source, String fileName) {}

  private final WatchService service;
  private final Map<WatchKey, List<Watch>> watches = new HashMap<>();
  private final Consumer<String> onChange;
  private Thread thread;

  FileWatcher(Consumer<String> onChange) throws IOException {
    this.service = FileSystems.getDefault().newWatchService();
    this.onChange = onChange;
  }

  /** Follows the .ics files of a folder source, or one file ({@code isFile}) through its folder. */
  void watch(String source, Path path, boolean isFile) throws IOException {
    Path folder = isFile ? path.getParent() : path;
    WatchKey key = folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
    watches.computeIfAbsent(key, k -> new ArrayList<>())
        .add(new Watch(source, isFile ? path.getFileName().toString() : null));
  }

  void start() {
    thread = Thread.ofVirtual().name("calsync-file-watch").start(this::loop);
  }

  private void loop() {
    try {
      while (true) {
        Set<String> changed = new LinkedHashSet<>();
        collect(service.take(), changed);
        WatchKey more;
        while ((more = service.poll(DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS)) != null) {
          collect(more, changed);
        }
        changed.forEach(onChange);
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // shutting down
    }
  }

  private void collect(WatchKey key, Set<String> changed) {
    List<Watch> ws = watches.getOrDefault(key, List.of());
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
        ws.forEach(w -> changed.add(w.source()));
        continue;
      }
      String name = event.context().toString();
      for (Watch w : ws) {
        boolean relevant = w.fileName() == null ? !name.startsWith(".") && name.toLowerCase(java.util.Locale.ROOT).endsWith(".ics")
            : name.equals(w.fileName());
        if (relevant) {
          changed.add(w.source());
        }
      }
    }
    if (!key.reset()) {
      LOG.log(Level.WARNING, "no longer watching {0} (removed?); the periodic rescan still covers it", key.watchable());
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // closing anyway
    }
    if (thread != null) {
      thread.interrupt();
    }
  }
}
