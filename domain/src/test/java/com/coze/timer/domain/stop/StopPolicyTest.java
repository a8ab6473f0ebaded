package com.coze.timer.domain.stop;

import static com.coze.timer.domain.stop.ResponseDocuments.aResponseWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.coze.timer.domain.stop.StopPolicy.ExecutionFacts;
import org.junit.jupiter.api.Test;

class StopPolicyTest {

    @Test
    void givenMaxCountThree_thenItIsMetFromTheThirdExecutionOn() {
        StopPolicy maxThree = StopPolicy.maxCount(3);

        assertThat(maxThree.isMet(new ExecutionFacts(2, true, ResponseDocument.EMPTY))).isFalse();
        assertThat(maxThree.isMet(new ExecutionFacts(3, true, ResponseDocument.EMPTY))).isTrue();
        assertThat(maxThree.isMet(new ExecutionFacts(4, false, ResponseDocument.EMPTY))).isTrue();
    }

    @Test
    void givenMaxCountThree_thenAnExecutionWithoutAResponseCountsToo() {
        assertThat(StopPolicy.maxCount(3).isMet(new ExecutionFacts(3, false, ResponseDocument.EMPTY))).isTrue();
    }

    @Test
    void givenAResponseFieldPolicy_thenItIsMetByAMatchingResponse() {
        StopPolicy finsh = StopPolicy.responseField(new FieldMatch("finsh", "true"));

        assertThat(finsh.isMet(new ExecutionFacts(1, true, aResponseWith("/finsh", "true")))).isTrue();
    }

    @Test
    void givenAResponseFieldPolicy_thenItIsNotMetWithoutAResponse() {
        StopPolicy finsh = StopPolicy.responseField(new FieldMatch("finsh", "true"));

        assertThat(finsh.isMet(new ExecutionFacts(1, false, aResponseWith("/finsh", "true")))).isFalse();
    }

    @Test
    void givenAResponseFieldPolicy_thenItIsNotMetByAResponseLackingTheField() {
        StopPolicy finsh = StopPolicy.responseField(new FieldMatch("finsh", "true"));

        assertThat(finsh.isMet(new ExecutionFacts(1, true, ResponseDocument.EMPTY))).isFalse();
    }
}
