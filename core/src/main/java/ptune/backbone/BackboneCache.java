package ptune.backbone;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One loaded copy of each backbone per JVM: trials that share an executor share the host weights
 * (each trial still builds its own model on its own device).
 */
public final class BackboneCache {
  private static final ConcurrentHashMap<String, Backbone> LOADED = new ConcurrentHashMap<>();

  private BackboneCache() {}

  public static Backbone get(String nameOrPath) throws IOException {
    Backbone cached = LOADED.get(nameOrPath);
    if (cached != null) {
      return cached;
    }
    synchronized (BackboneCache.class) {
      cached = LOADED.get(nameOrPath);
      if (cached == null) {
        cached = BackboneRegistry.load(nameOrPath);
        LOADED.put(nameOrPath, cached);
      }
      return cached;
    }
  }
}
