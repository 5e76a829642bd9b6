package io.axle.command;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.gridfs.model.GridFSFile;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.Binary;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one GridFS file, read one chunk at a time, each chunk asked for by its file and number (the bucket's
 * unique index), so that a reader holds one chunk, never the file: the driver's own download stream asks for every
 * chunk of the file in one query, which the embedded MongoDB server answers in one reply as large as the file (a 50 MB
 * file then exceeds the wire protocol's 48 MB reply limit, and twenty readers hold a gigabyte).
 */
public final class GridFsChunkStream extends InputStream {

    private final MongoCollection<Document> chunks;
    private final BsonValue fileId;
    private final long length;
    private final int chunkCount;
    private byte[] chunk = new byte[0];
    private int next;
    private int offset;
    private long read;

    /** Reads {@code file} from {@code chunks}, the {@code <bucket>.chunks} collection of its bucket. */
    public GridFsChunkStream(MongoCollection<Document> chunks, GridFSFile file) {
        this.chunks = chunks;
        this.fileId = file.getId();
        this.length = file.getLength();
        this.chunkCount = (int) ((length + file.getChunkSize() - 1) / file.getChunkSize());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int at, int wanted) throws IOException {
        if (wanted == 0) {
            return 0;
        }
        if (offset == chunk.length && !nextChunk()) {
            return -1;
        }
        int count = Math.min(wanted, chunk.length - offset);
        System.arraycopy(chunk, offset, buffer, at, count);
        offset += count;
        read += count;
        return count;
    }

    private boolean nextChunk() throws IOException {
        if (next == chunkCount) {
            if (read != length) {
                throw new IOException("File " + fileId + " holds " + read + " bytes, not the " + length
                        + " its GridFS entry says");
            }
            return false;
        }
        // exactly the keys of the bucket's unique index {files_id, n}, which the embedded server then uses
        // (it would scan the collection for an $and)
        Document found = chunks.find(new BsonDocument("files_id", fileId).append("n", new BsonInt32(next))).first();
        if (found == null) {
            throw new IOException("Chunk " + next + " of file " + fileId + " is missing from "
                    + chunks.getNamespace().getCollectionName());
        }
        chunk = found.get("data", Binary.class).getData();
        offset = 0;
        next++;
        return chunk.length > 0 || nextChunk();
    }
}
