package io.axle.command.document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Originals in the MongoDB GridFS bucket {@value #BUCKET} ({@code document_originals.files} and {@code .chunks}),
 * where the read models live: each copy a GridFS file named by the SHA-256 of its bytes, with its media type in the
 * metadata, written in chunks as the stream is read. Readers take the oldest copy, the one no upload ever removes.
 * A copy's id is a fresh {@link ObjectId}, never the hash: a GridFS upload that fails deletes the chunks of its id,
 * which must never be those of another upload of the same bytes.
 *
 * <p>An original is read back one chunk at a time, each chunk asked for by its file and number (the bucket's unique
 * index), so that a reader holds one chunk, never the file: the driver's own download stream asks for every chunk of
 * the file in one query, which the embedded MongoDB server answers in one reply as large as the file (a 50 MB
 * original then exceeds the wire protocol's 48 MB reply limit, and twenty readers hold a gigabyte).
 */
public class GridFsOriginalStore implements OriginalStore {

    static final String BUCKET = "document_originals";
    /** 255 KiB, GridFS's usual chunk: what one upload holds in memory at a time. */
    private static final int CHUNK_SIZE = 255 * 1024;

    private final GridFSBucket bucket;
    private final MongoCollection<Document> chunks;

    public GridFsOriginalStore(MongoDatabase database) {
        this.bucket = GridFSBuckets.create(database, BUCKET).withChunkSizeBytes(CHUNK_SIZE);
        this.chunks = database.getCollection(BUCKET + ".chunks");
    }

    @Override
    public boolean contains(String sha256) {
        return oldest(sha256) != null;
    }

    @Override
    public String store(String sha256, String mediaType, InputStream bytes) {
        ObjectId id = new ObjectId();
        bucket.uploadFromStream(new BsonObjectId(id), sha256, bytes, new GridFSUploadOptions()
                .metadata(new Document("sha256", sha256).append("mediaType", mediaType)));
        return id.toHexString();
    }

    @Override
    public void discard(String sha256, String copyId) {
        ObjectId copy = new ObjectId(copyId);
        if (bucket.find(Filters.and(Filters.eq("filename", sha256), Filters.lt("_id", copy))).first() != null) {
            bucket.delete(copy);
        }
    }

    @Override
    public Optional<StoredOriginal> open(String sha256) {
        GridFSFile file = oldest(sha256);
        if (file == null) {
            return Optional.empty();
        }
        String mediaType = file.getMetadata() == null ? null : file.getMetadata().getString("mediaType");
        return Optional.of(new StoredOriginal(file.getLength(), mediaType, new ChunkStream(file)));
    }

    private GridFSFile oldest(String sha256) {
        return bucket.find(Filters.eq("filename", sha256)).sort(Sorts.ascending("_id")).limit(1).first();
    }

    /** The bytes of one stored file, read chunk by chunk as the reader asks for them. */
    private final class ChunkStream extends InputStream {

        private final BsonValue fileId;
        private final long length;
        private final int chunkCount;
        private byte[] chunk = new byte[0];
        private int next;
        private int offset;
        private long read;

        ChunkStream(GridFSFile file) {
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
                    throw new IOException("Original " + fileId + " holds " + read + " bytes, not the " + length
                            + " its file says");
                }
                return false;
            }
            // exactly the keys of the bucket's unique index {files_id, n}, which the embedded server then uses
            // (it would scan the collection for an $and)
            Document found = chunks.find(new BsonDocument("files_id", fileId).append("n", new BsonInt32(next)))
                    .first();
            if (found == null) {
                throw new IOException("Chunk " + next + " of original " + fileId + " is missing from GridFS bucket "
                        + BUCKET);
            }
            chunk = found.get("data", Binary.class).getData();
            offset = 0;
            next++;
            return chunk.length > 0 || nextChunk();
        }
    }
}
