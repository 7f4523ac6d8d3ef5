import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 the way its {@code org.rapaio.jupyter.kernel.MainApp} does, minus
 * a start-up race: {@code Channels.connect} binds the sockets (and starts the shell thread) before it
 * creates its handler map, so a {@code kernel_info_request} that Jupyter queued before the kernel was
 * up can reach {@code Channels.getHandler} while the map is still null. The shell thread then dies
 * with a NullPointerException and the kernel never answers ("Kernel didn't respond in 60 seconds"),
 * which happens easily on a busy machine. Here the map is a stand-in that waits for the real one.
 *
 * <p>Only reflection, no compile-time dependency: {@code bin/ptune-notebook-kernel} compiles this file
 * into the kernel directory and runs it with the rapaio jar on the classpath.
 */
public final class PtuneKernelLauncher {

  private PtuneKernelLauncher() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: PtuneKernelLauncher <connection file>");
      System.exit(2);
    }
    ClassLoader loader = PtuneKernelLauncher.class.getClassLoader();
    // Its static initializer builds the kernel: JShell, RJK_CLASSPATH, RJK_INIT_SCRIPT, ...
    Class<?> mainApp = Class.forName("org.rapaio.jupyter.kernel.MainApp", true, loader);
    java.util.logging.LogManager.getLogManager()
        .readConfiguration(mainApp.getClassLoader().getResourceAsStream("logging.properties"));
    Path connectionFile = Path.of(args[0]);
    if (!Files.isRegularFile(connectionFile)) {
      throw new IllegalArgumentException("connection file not found: " + connectionFile);
    }
    Class<?> propertiesClass = Class.forName("org.rapaio.jupyter.kernel.core.ConnectionProperties", true, loader);
    Object properties = Class.forName("org.rapaio.jupyter.kernel.core.Transform", true, loader)
        .getMethod("fromJson", String.class, Class.class)
        .invoke(null, Files.readString(connectionFile), propertiesClass);
    Class<?> channelsClass = Class.forName("org.rapaio.jupyter.kernel.channels.Channels", true, loader);
    Object channels = channelsClass.getConstructor(propertiesClass).newInstance(properties);
    Field handlers = channelsClass.getDeclaredField("handlers");
    Field connected = channelsClass.getDeclaredField("isConnected");
    handlers.setAccessible(true);
    connected.setAccessible(true);
    handlers.set(channels, new WaitingHandlers(channels, handlers, connected));
    Object kernel = mainApp.getField("kernel").get(null);
    channelsClass.getMethod("connect", kernel.getClass()).invoke(channels, kernel);
    channelsClass.getMethod("joinUntilClose").invoke(channels);
  }

  /** Until {@code connect} has installed the real handler map, a lookup waits for it. */
  private static final class WaitingHandlers extends AbstractMap<Object, Object> {
    private final Object channels;
    private final Field handlers;
    private final Field connected;

    WaitingHandlers(Object channels, Field handlers, Field connected) {
      this.channels = channels;
      this.handlers = handlers;
      this.connected = connected;
    }

    @Override
    public Object get(Object messageType) {
      try {
        while (true) {
          Object real = handlers.get(channels);
          if (real != this && connected.getBoolean(channels)) {
            return ((Map<?, ?>) real).get(messageType);
          }
          Thread.sleep(10);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("rapaio-jupyter-kernel changed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      return Set.of();
    }
  }
}
