package ptune.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptune.backbone.Backbone;
import ptune.backbone.weights.HostTensor;
import ptune.backbone.weights.SafetensorsDtype;
import ptune.backbone.weights.SafetensorsWeightReader;
import ptune.backbone.weights.SafetensorsWriter;
import ptune.backbone.weights.WeightSet;

/**
 * A trained prompt: only the trainable tensors (prefix encoder or prompts, task head; the whole
 * model only for full fine-tuning) in {@code trainable.safetensors}, and in {@code checkpoint.json}
 * what they belong to: the backbone (name and weight fingerprint), the task, the method and its
 * settings, and the SHA-256 of the tensors file, verified on load. Loading onto another backbone is
 * refused.
 */
public record PromptCheckpoint(Map<String, String> settings, Map<String, float[]> tensors,
    Map<String, long[]> shapes) {

  public static final String TENSORS_FILE = "trainable.safetensors";
  public static final String SETTINGS_FILE = "checkpoint.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Keys every checkpoint's settings hold. */
  public static final String BACKBONE = "backbone";
  public static final String FINGERPRINT = "backbone_fingerprint";
  public static final String TASK = "task";
  public static final String METHOD = "method";

  /** SHA-256 of {@link #TENSORS_FILE}, recorded in checkpoint.json and verified on load. */
  public static final String TENSORS_SHA256 = "tensors_sha256";

  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<HostTensor> list = new ArrayList<>();
    tensors.forEach((name, data) -> list.add(new HostTensor(name, shapes.get(name), data)));
    SafetensorsWriter.write(dir.resolve(TENSORS_FILE), new WeightSet(dir.toString(), list),
        SafetensorsDtype.F32, Map.of("format", "ptune-prompt-checkpoint"));
    Map<String, String> withChecksum = new LinkedHashMap<>(settings);
    withChecksum.put(TENSORS_SHA256, sha256(dir.resolve(TENSORS_FILE)));
    Path tmp = dir.resolve(SETTINGS_FILE + ".tmp");
    JSON.writeValue(tmp.toFile(), withChecksum);
    Files.move(tmp, dir.resolve(SETTINGS_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @SuppressWarnings("unchecked")
  public static PromptCheckpoint load(Path dir) throws IOException {
    Path settingsFile = dir.resolve(SETTINGS_FILE);
    if (!Files.isRegularFile(settingsFile)) {
      throw new IOException(dir + ": not a prompt checkpoint (no " + SETTINGS_FILE + ")");
    }
    Map<String, String> settings = JSON.readValue(settingsFile.toFile(), LinkedHashMap.class);
    Path tensorsFile = dir.resolve(TENSORS_FILE);
    String expected = settings.get(TENSORS_SHA256);
    // Values overwritten in place keep the file's size and shape: only the checksum tells.
    // Checkpoints written before the checksum existed carry none and load as they are.
    String actual = expected == null || !Files.isRegularFile(tensorsFile) ? null : sha256(tensorsFile);
    if (actual != null && !actual.equals(expected)) {
      throw new IOException(tensorsFile + ": SHA-256 " + actual + " differs from the "
          + expected + " recorded in " + settingsFile + " (the tensors were modified or damaged)");
    }
    WeightSet weights = SafetensorsWeightReader.read(tensorsFile);
    Map<String, float[]> tensors = new LinkedHashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (HostTensor t : weights.tensors()) {
      tensors.put(t.name(), t.data());
      shapes.put(t.name(), t.shape());
    }
    return new PromptCheckpoint(settings, tensors, shapes);
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Refuses a backbone other than the one this prompt was trained on. */
  public void checkBackbone(Backbone backbone) {
    String expected = settings.get(FINGERPRINT);
    if (!backbone.fingerprint().equals(expected)) {
      throw new IllegalArgumentException("this prompt checkpoint was trained on backbone '"
          + settings.get(BACKBONE) + "' (fingerprint " + expected + "), not on '" + backbone.name()
          + "' (fingerprint " + backbone.fingerprint() + ")");
    }
  }
}
