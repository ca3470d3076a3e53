package org.coophub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.Test;

class PollShardTest {

    @Test
    void everyFileHasExactlyOneTakerAndTheSharesAreEven() {
        int shards = 4;
        List<PollShard<Object>> routes = new ArrayList<>();
        for (int k = 0; k < shards; k++) {
            routes.add(new PollShard<>(k, shards));
        }
        int[] taken = new int[shards];
        for (int i = 0; i < 10_000; i++) {
            GenericFile<Object> file = file(String.format("RPL-%06d.json", i), false);
            int takers = 0;
            for (int k = 0; k < shards; k++) {
                if (routes.get(k).accept(file)) {
                    takers++;
                    taken[k]++;
                }
            }
            assertThat(takers).as(file.getFileNameOnly()).isEqualTo(1);
        }
        for (int count : taken) {
            assertThat(count).isBetween(2_000, 3_000);
        }
    }

    @Test
    void aFileStaysInItsShard() {
        PollShard<Object> first = new PollShard<>(1, 3);
        PollShard<Object> again = new PollShard<>(1, 3);
        for (String name : List.of("A.json", "REQ-1.json", "x.json")) {
            assertThat(again.owns(name)).isEqualTo(first.owns(name));
        }
    }

    @Test
    void oneShardTakesEverything() {
        PollShard<Object> only = new PollShard<>(0, 1);
        assertThat(only.accept(file("anything.json", false))).isTrue();
        assertThat(only.accept(file("-negative-hash-?.json", false))).isTrue();
    }

    @Test
    void directoriesAreNeverFilteredOut() {
        PollShard<Object> none = new PollShard<>(0, 2);
        PollShard<Object> other = new PollShard<>(1, 2);
        GenericFile<Object> folder = file(".done", true);
        assertThat(none.accept(folder)).isTrue();
        assertThat(other.accept(folder)).isTrue();
    }

    @Test
    void aShardOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> new PollShard<>(2, 2)).hasMessageContaining("shard 2 of 2");
        assertThatThrownBy(() -> new PollShard<>(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static GenericFile<Object> file(String name, boolean directory) {
        GenericFile<Object> file = new GenericFile<>();
        file.setFileNameOnly(name);
        file.setFileName(name);
        file.setDirectory(directory);
        return file;
    }
}
