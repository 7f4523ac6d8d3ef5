package ptune.dataset.fetch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Official download locations of the public collections, laid out as the task registry expects.
 * Digests are filled in where a copy of the official file was available to hash; the others are
 * null and get recorded from the first download. CoNLL-2003 and OntoNotes/CoNLL-2012 have no public
 * official download (Reuters and LDC licences), so they have no manifest.
 */
public final class OfficialManifests {

  private OfficialManifests() {}

  /** GLUE zips as the GLUE download script fetches them; each unpacks to "TASK/...". */
  public static Manifest glue() {
    List<ManifestEntry> entries = new ArrayList<>();
    for (String zip : List.of("CoLA.zip", "SST-2.zip", "QQP-clean.zip", "STS-B.zip", "MNLI.zip",
        "QNLIv2.zip", "RTE.zip", "WNLI.zip")) {
      entries.add(new ManifestEntry(zip, null, ArchiveFormat.ZIP, "glue", 0));
    }
    return new Manifest("glue", URI.create("https://dl.fbaipublicfiles.com/glue/data/"), entries);
  }

  /**
   * MRPC's source files; GLUE builds train/dev from these with its dev ids (not done here).
   */
  public static Manifest mrpcSource() {
    return new Manifest("mrpc", URI.create("https://dl.fbaipublicfiles.com/senteval/senteval_data/"),
        List.of(ManifestEntry.file("msr_paraphrase_train.txt", null, "glue/MRPC"),
            ManifestEntry.file("msr_paraphrase_test.txt", null, "glue/MRPC")));
  }

  /** SuperGLUE v2 zips; each unpacks to "Task/{train,val,test}.jsonl". */
  public static Manifest superglue() {
    List<ManifestEntry> entries = new ArrayList<>();
    for (String task : List.of("BoolQ", "CB", "COPA", "MultiRC", "ReCoRD", "RTE", "WiC", "WSC")) {
      entries.add(new ManifestEntry(task + ".zip", null, ArchiveFormat.ZIP, "superglue", 0));
    }
    return new Manifest("superglue", URI.create("https://dl.fbaipublicfiles.com/glue/superglue/data/v2/"), entries);
  }

  public static Manifest squad() {
    return new Manifest("squad", URI.create("https://rajpurkar.github.io/SQuAD-explorer/dataset/"),
        List.of(
            ManifestEntry.file("train-v1.1.json", null, "qa/squad_v1.1"),
            ManifestEntry.file("dev-v1.1.json",
                "95aa6a52d5d6a735563366753ca50492a658031da74f301ac5238b03966972c9", "qa/squad_v1.1"),
            ManifestEntry.file("train-v2.0.json", null, "qa/squad_v2.0"),
            ManifestEntry.file("dev-v2.0.json", null, "qa/squad_v2.0")));
  }

  /** The CoNLL-2005 test release (WSJ props and Brown words+props); unpacks "conll05st-release/...". */
  public static Manifest conll05Tests() {
    return new Manifest("conll05", URI.create("https://www.cs.upc.edu/~srlconll/"),
        List.of(new ManifestEntry("conll05st-tests.tar.gz", null, ArchiveFormat.TAR_GZ,
            "srl/conll2005_public_brown", 1)));
  }

  public static Map<String, Manifest> all() {
    return Map.of("glue", glue(), "mrpc", mrpcSource(), "superglue", superglue(), "squad", squad(),
        "conll05", conll05Tests());
  }
}
