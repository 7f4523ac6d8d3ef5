package ptune.backbone.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import ptune.backbone.weights.JarEntries;

/**
 * A Hugging Face {@code tokenizer.json} run by the Rust tokenizers library through DJL, loaded from
 * a file or jar entry (never from the hub). Special tokens, truncation and padding are switched off:
 * the caller frames segments with {@link #clsId()}/{@link #sepId()} and truncates itself (the
 * MiniLM file, for one, fixes truncation and padding at 128 inside the JSON).
 */
public final class HfJsonTokenizer extends VocabularyTokenizer implements AutoCloseable {

  private static final Map<String, String> RAW_TOKENS =
      Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

  private final HuggingFaceTokenizer tokenizer;

  private HfJsonTokenizer(byte[] tokenizerJson, String source) throws IOException {
    super(Vocabulary.fromTokenizerJson(new ObjectMapper().readTree(tokenizerJson), source));
    this.tokenizer =
        HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), RAW_TOKENS);
  }

  public static HfJsonTokenizer fromFile(Path tokenizerJson) throws IOException {
    return new HfJsonTokenizer(Files.readAllBytes(tokenizerJson), tokenizerJson.toString());
  }

  /** A tokenizer.json read from {@code in} (e.g. a classpath resource); {@code source} names it. */
  public static HfJsonTokenizer fromStream(InputStream in, String source) throws IOException {
    return new HfJsonTokenizer(in.readAllBytes(), source);
  }

  /** E.g. entry {@code all-minilm-l6-v2-tokenizer.json} of the langchain4j MiniLM jar. */
  public static HfJsonTokenizer fromJarEntry(Path jar, String entryName) throws IOException {
    return new HfJsonTokenizer(JarEntries.read(jar, entryName), JarEntries.describe(jar, entryName));
  }

  @Override
  public TokenizedText tokenize(String text) {
    Encoding encoding = tokenizer.encode(text, false, false);
    long[] ids = encoding.getIds();
    CharSpan[] spans = encoding.getCharTokenSpans();
    int[] tokenIds = new int[ids.length];
    int[] starts = new int[ids.length];
    int[] ends = new int[ids.length];
    CodePointIndex index = new CodePointIndex(text);
    for (int i = 0; i < ids.length; i++) {
      tokenIds[i] = Math.toIntExact(ids[i]);
      // The Rust side counts characters as Unicode scalar values; Java strings index UTF-16 units.
      starts[i] = index.toUtf16(spans[i].getStart());
      ends[i] = index.toUtf16(spans[i].getEnd());
    }
    return new TokenizedText(tokenIds, starts, ends);
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  /** Converts code point offsets to UTF-16 offsets; the identity for text without surrogates. */
  private static final class CodePointIndex {
    private final String text;
    private final boolean bmpOnly;

    CodePointIndex(String text) {
      this.text = text;
      this.bmpOnly = text.codePointCount(0, text.length()) == text.length();
    }

    int toUtf16(int codePointOffset) {
      return bmpOnly ? codePointOffset : text.offsetByCodePoints(0, codePointOffset);
    }
  }
}
