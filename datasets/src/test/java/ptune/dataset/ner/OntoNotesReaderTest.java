package ptune.dataset.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptune.tasks.TaskRegistry;
import ptune.dataset.TokenTaggingExample;
import ptune.testing.Resources;

class OntoNotesReaderTest {

  @Test
  void namedEntityBracketsBecomeBioTagsPerSentence() {
    List<TokenTaggingExample> sentences = TaskRegistry.get("ontonotes").reader()
        .read(Resources.path("conll2012/sample.gold_conll")).examplesOf(TokenTaggingExample.class);
    assertEquals(2, sentences.size());
    TokenTaggingExample first = sentences.get(0);
    assertEquals(List.of("John", "visited", "New", "York", "to", "see", "Mary", "."), first.words());
    assertEquals(List.of("B-PERSON", "O", "B-GPE", "I-GPE", "O", "O", "B-PERSON", "O"), first.tags());
    assertEquals(-1, first.predicateIndex());
    assertEquals(List.of("O", "O"), sentences.get(1).tags());
    assertEquals("bc/cnn/00/cnn_0003/0/1", sentences.get(1).id());
  }
}
