package ptune.backbone;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;
import ptune.backbone.weights.HostTensor;
import ptune.backbone.weights.WeightSet;

/**
 * A content fingerprint of a weight set: SHA-256 over tensor names, shapes and a strided sample of
 * the values. Cheap (it reads about one value in a thousand) yet different for any other
 * checkpoint, so a prompt checkpoint can refuse to load onto the wrong backbone.
 */
final class WeightFingerprint {
  private static final int STRIDE = 997;

  private WeightFingerprint() {}

  static String of(WeightSet weights) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      for (String name : new TreeSet<>(weights.names())) {
        HostTensor t = weights.get(name).orElseThrow();
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        for (long d : t.shape()) {
          sha.update(Long.toString(d).getBytes(StandardCharsets.UTF_8));
        }
        float[] data = t.data();
        for (int i = 0; i < data.length; i += STRIDE) {
          buf.clear();
          buf.putFloat(data[i]);
          sha.update(buf.array());
        }
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
