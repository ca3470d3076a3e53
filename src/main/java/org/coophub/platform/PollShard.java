package org.coophub.platform;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Splits one platform folder between several polling routes ({@code coophub.platforms.<name>.pollers}): each route
 * takes only the files whose name falls in its shard, so every file has exactly one taker and the routes work
 * through a full folder side by side, each on its own SFTP session. A file's shard depends on its name alone,
 * so it stays with the same route from poll to poll and across restarts.
 */
public final class PollShard<T> implements GenericFileFilter<T> {

    private final int shard;
    private final int shards;

    /** @param shard 0-based index of this route's shard, below {@code shards} */
    public PollShard(int shard, int shards) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards + " does not exist");
        }
        this.shard = shard;
        this.shards = shards;
    }

    @Override
    public boolean accept(GenericFile<T> file) {
        return file.isDirectory() || owns(file.getFileNameOnly());
    }

    /** Whether a file of this name belongs to this shard. */
    public boolean owns(String fileName) {
        return Math.floorMod(fileName.hashCode(), shards) == shard;
    }
}
