package ptune.dataset.srl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import ptune.tasks.TaskRegistry;
import ptune.dataset.TokenTaggingExample;
import ptune.testing.Resources;

class Conll2012SrlReaderTest {

  @Test
  void eachPredicateColumnIsOneExample() {
    List<TokenTaggingExample> propositions = TaskRegistry.get("conll12").reader()
        .read(Resources.path("conll2012/sample.gold_conll")).examplesOf(TokenTaggingExample.class);
    // The second sentence has no predicate columns, so only the first one's two remain.
    assertEquals(2, propositions.size());
    TokenTaggingExample visited = propositions.get(0);
    assertEquals(1, visited.predicateIndex());
    assertEquals(List.of("B-ARG0", "B-V", "B-ARG1", "I-ARG1", "B-ARGM-PRP", "I-ARGM-PRP", "I-ARGM-PRP", "O"),
        visited.tags());
    TokenTaggingExample see = propositions.get(1);
    assertEquals(5, see.predicateIndex());
    assertEquals(List.of("O", "O", "O", "O", "O", "B-V", "B-ARG1", "O"), see.tags());
  }
}
